package bitnet.workbench.app;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import org.junit.jupiter.api.Assumptions;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Shared helpers for the window tests: reference models, waiting for a load, screenshots. */
final class WorkbenchFixture {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private WorkbenchFixture() {
    }

    /** A model from the shared reference set; skips the test when the set is not there. */
    static Path referenceModel(String file) {
        String dir = System.getProperty("reference.dir");
        Assumptions.assumeTrue(dir != null, "reference.dir is not set; skipping a test that needs reference models");
        Path p = Path.of(dir, "models", file);
        Assumptions.assumeTrue(Files.isRegularFile(p), "reference model " + p + " is missing; skipping");
        return p;
    }

    static void openAndWait(FxRobot robot, Workbench wb, Path model) throws TimeoutException {
        robot.interact(() -> wb.models().open(model));
        awaitIdle(wb);
    }

    static void awaitIdle(Workbench wb) throws TimeoutException {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !wb.models().loadingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Waits until the chat has the loaded model ready to generate. */
    static void awaitChatReady(Workbench wb) throws TimeoutException {
        awaitIdle(wb);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> wb.chat().modelReadyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Waits until no reply is being generated (and its last text and statistics have arrived). */
    static void awaitReply(Workbench wb) throws TimeoutException {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !wb.chat().generatingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    static Path screenshot(FxRobot robot, Scene scene, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        WaitForAsyncUtils.waitForFxEvents(3); // let layout and CSS settle after the last change
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = scene.snapshot(null));
        ImageIO.write(SwingFXUtils.fromFXImage(shot[0], null), "png", file.toFile());
        return file;
    }
}
