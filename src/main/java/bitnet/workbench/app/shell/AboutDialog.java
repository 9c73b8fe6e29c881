package bitnet.workbench.app.shell;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

import java.util.function.Consumer;

/** Help > About: what the program is and what it runs on. */
final class AboutDialog {
    private AboutDialog() {
    }

    static void show(Window owner, Consumer<javafx.scene.Scene> styler) {
        Alert about = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.OK);
        about.initOwner(owner);
        about.setTitle("About BitNet Workbench");
        about.setHeaderText("BitNet Workbench");
        about.setContentText("""
            Load, chat with, look inside and measure 1.58-bit (ternary) language models, \
            with an inference engine written in Java.

            Java %s · JavaFX %s · %d processors""".formatted(
            System.getProperty("java.version"), System.getProperty("javafx.runtime.version", "?"),
            Runtime.getRuntime().availableProcessors()));
        styler.accept(about.getDialogPane().getScene());
        about.show();
    }
}
