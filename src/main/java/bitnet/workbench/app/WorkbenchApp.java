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
        if (System.getenv("WORKBENCH_STARTUP_REPORT") != null) reportFirstFrame();
    }

    /** For the start-up measurement of an installed image (packaging/gui-check.sh): one line on stderr once the window has drawn. */
    private static void reportFirstFrame() {
        long shown = System.currentTimeMillis();
        new javafx.animation.AnimationTimer() {
            private int pulses;

            @Override
            public void handle(long now) {
                if (++pulses < 2) return; // the first pulse renders the first frame; the second comes after it
                stop();
                long launched = ProcessHandle.current().info().startInstant().map(java.time.Instant::toEpochMilli).orElse(shown);
                System.err.println("workbench: window shown " + (shown - launched) + " ms, first frame drawn "
                    + (System.currentTimeMillis() - launched) + " ms after the process started");
            }
        }.start();
    }

    @Override
    public void stop() {
        if (workbench != null) workbench.close();
    }
}
