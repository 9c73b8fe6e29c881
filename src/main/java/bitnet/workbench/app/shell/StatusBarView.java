package bitnet.workbench.app.shell;

import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import org.controlsfx.control.StatusBar;

/** The ControlsFX status bar: a message on the left, model and engine facts on the right. */
final class StatusBarView {
    private StatusBarView() {
    }

    static StatusBar create(StatusViewModel vm) {
        StatusBar bar = new StatusBar();
        bar.setId("status-bar");
        bar.textProperty().bind(vm.messageProperty());
        bar.getRightItems().addAll(
            item("status-model", vm.modelNameProperty(), "The open model"), separator(),
            item("status-threads", vm.threadsProperty(), "Threads the engine will use"), separator(),
            item("status-kernel", vm.kernelProperty(), "Matrix kernel variant"), separator(),
            item("status-memory", vm.residentMemoryProperty(), "Resident memory of this process (VmRSS)"), separator(),
            item("status-speed", vm.tokensPerSecondProperty(), "Decode speed of the last generation"));
        return bar;
    }

    private static Label item(String id, ObservableStringValue text, String tip) {
        Label l = new Label();
        l.setId(id);
        l.textProperty().bind(text);
        l.setTooltip(new Tooltip(tip));
        l.getStyleClass().add("status-item");
        l.setMinWidth(Region.USE_PREF_SIZE); // the message on the left gives way, never these facts
        return l;
    }

    private static Separator separator() {
        return new Separator(Orientation.VERTICAL);
    }
}
