package bitnet.workbench.app;

import bitnet.workbench.app.settings.WorkbenchHome;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.nio.file.Path;

/** The JavaFX application: builds the {@link Workbench} and shows it. An optional argument names a model to open. */
public final class WorkbenchApp extends Application {
    private Workbench workbench;

    public static void launchApp(String[] args) {
        Application.launch(WorkbenchApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        // An installed image's launcher sets workbench.models to its bundled models folder (see bitnet.workbench.ShippedModels).
        Path models = Path.of(System.getProperty("workbench.models", "models"));
        Workbench.Options options = new Workbench.Options(WorkbenchHome.resolve(), models, getParameters().getRaw());
        workbench = new Workbench(options, Platform::exit);
        workbench.show(stage);
    }

    @Override
    public void stop() {
        if (workbench != null) workbench.close();
    }
}
