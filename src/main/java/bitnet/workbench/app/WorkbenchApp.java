package bitnet.workbench.app;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The JavaFX application. */
public final class WorkbenchApp extends Application {
    public static void launchApp(String[] args) {
        Application.launch(WorkbenchApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("BitNet Workbench");
        stage.setScene(new Scene(new Label("BitNet Workbench"), 1100, 720));
        stage.show();
    }
}
