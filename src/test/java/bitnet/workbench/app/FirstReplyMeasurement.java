package bitnet.workbench.app;

import bitnet.workbench.engine.EngineWarmUp;
import bitnet.workbench.engine.GenerationStats;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static bitnet.workbench.app.WorkbenchFixture.awaitChatReady;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the first reply after opening a model compares with the second, with the engine's warm-up
 * and without it ({@code -Dworkbench.noWarmUp=true}). The JIT's state is the point, so each mode
 * needs a JVM of its own: run it once per mode, alternating. After the model opens, the test waits
 * as a user typing would ({@code measure.typing} seconds, default 8, or until the warm-up is over
 * if that is later), then sends a message, then a second one.
 *
 * <p>Not part of the normal test run:
 * {@code xvfb-run -a -s "-screen 0 1280x800x24" ./workbench mvn -q -B -Dstyle.color=never test -Dtest=FirstReplyMeasurement -Dmeasure=first-reply -Dmeasure.model=FILE [-Dmeasure.threads=2] [-Dworkbench.noWarmUp=true]}.
 * Appends a line per run to {@code target/first-reply.txt}.
 */
@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "measure", matches = "first-reply")
class FirstReplyMeasurement {
    private static final String FIRST = "Explain in a few sentences why ternary weights make language models cheaper to run on a laptop CPU.";
    private static final String SECOND = "And what is lost compared with 16-bit weights?";

    private Workbench wb;

    @Start
    void start(Stage stage) throws IOException {
        Path home = Files.createTempDirectory("wb-home");
        wb = new Workbench(new Workbench.Options(home, Files.createTempDirectory("wb-models"), List.of()), () -> { });
        wb.show(stage);
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(wb::close);
    }

    @Test
    void firstReplyAgainstTheSecond(FxRobot robot) throws Exception {
        Path model = Path.of(System.getProperty("measure.model", "models/bitnet-b158-kjv-i2_s.gguf")).toAbsolutePath();
        int threads = Integer.getInteger("measure.threads", Runtime.getRuntime().availableProcessors());
        long typingNanos = TimeUnit.SECONDS.toNanos(Integer.getInteger("measure.typing", 8));
        robot.interact(() -> {
            wb.engineSettings().setThreads(threads);
            wb.chat().sampling().useGreedy();
            wb.chat().sampling().maxTokensProperty().set(64);
            wb.models().open(model);
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> wb.models().modelProperty().get() != null);
        long opened = System.nanoTime();
        awaitChatReady(wb);
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> !wb.models().warmingUpProperty().get());
        EngineWarmUp.Outcome warmUp = wb.models().lastWarmUpProperty().get();
        long waited = System.nanoTime() - opened;
        if (waited < typingNanos) Thread.sleep(TimeUnit.NANOSECONDS.toMillis(typingNanos - waited));
        robot.clickOn("#nav-chat");

        GenerationStats first = send(robot, FIRST);
        GenerationStats second = send(robot, SECOND);

        String line = String.format(Locale.ROOT, "%s %s %d thread(s), %s | first: %s | second: %s",
            LocalDateTime.now().withNano(0), model.getFileName(), threads,
            warmUp == null ? "no warm-up" : String.format(Locale.ROOT, "warm-up %.1f s (%d+%d tokens%s)", warmUp.seconds(),
                warmUp.promptTokens(), warmUp.decodedTokens(), warmUp.stopped() ? ", stopped" : ""),
            describe(first), describe(second));
        System.out.println(line);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "first-reply.txt"), line + System.lineSeparator(),
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        assertThat(first.generatedTokens()).isPositive();
        assertThat(second.generatedTokens()).isPositive();
    }

    private GenerationStats send(FxRobot robot, String text) throws Exception {
        robot.clickOn("#chat-input");
        robot.interact(() -> wb.chat().inputProperty().set(text));
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> wb.chat().generatingProperty().get());
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> !wb.chat().generatingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        return wb.chat().lastStatsProperty().get();
    }

    private static String describe(GenerationStats s) {
        return String.format(Locale.ROOT, "prompt %d tokens %.0f ms (%.1f tok/s), ttft %.0f ms, decode %d tokens %.1f tok/s",
            s.evaluatedPromptTokens(), s.promptNanos() / 1e6, s.promptTokensPerSecond(), s.timeToFirstTokenNanos() / 1e6,
            s.generatedTokens(), s.decodeTokensPerSecond());
    }
}
