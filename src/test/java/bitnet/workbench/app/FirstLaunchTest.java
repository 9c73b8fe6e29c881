package bitnet.workbench.app;

import bitnet.workbench.app.action.ActionId;
import bitnet.workbench.app.models.StartupModel;
import bitnet.workbench.app.settings.RecentModels;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static bitnet.workbench.app.WorkbenchFixture.awaitIdle;
import static bitnet.workbench.app.WorkbenchFixture.referenceModel;
import static org.assertj.core.api.Assertions.assertThat;

/** What the window opens by itself, and what it remembers between launches. */
@ExtendWith(ApplicationExtension.class)
class FirstLaunchTest {
    private Stage stage;
    private Workbench wb;
    private Path home;
    private Path models;

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        home = Files.createTempDirectory("wb-home");
        models = Files.createTempDirectory("wb-models");
    }

    @AfterEach
    void close(FxRobot robot) {
        if (wb != null) robot.interact(wb::close);
    }

    private void launch(FxRobot robot, List<String> args) throws Exception {
        robot.interact(() -> {
            wb = new Workbench(new Workbench.Options(home, models, args), () -> { });
            wb.show(stage);
        });
        awaitIdle(wb);
    }

    @Test
    void theFirstLaunchOpensTheFirstModelShippedInTheModelsFolder(FxRobot robot) throws Exception {
        Files.createSymbolicLink(models.resolve("b.gguf"), referenceModel("bitnet-tiny-tq2_0.gguf"));
        Files.createSymbolicLink(models.resolve("a.gguf"), referenceModel("bitnet-tiny-tq1_0.gguf"));
        launch(robot, List.of());
        assertThat(wb.models().modelProperty().get().fileName()).isEqualTo("a.gguf");
        assertThat(wb.status().modelNameProperty().get()).isEqualTo("a.gguf");
        assertThat(stage.getTitle()).startsWith("a.gguf");
    }

    @Test
    void theModelShippedInTheRepositoryOpensOnFirstLaunchAndAnswersInTheChat(FxRobot robot) throws Exception {
        Path shipped = StartupModel.choose(List.of(), List.of(), Path.of("models")).orElse(null);
        Assumptions.assumeTrue(shipped != null, "no model in the repository's models/ folder");
        launch(robot, List.of());
        // the real models/ folder is not the temporary one this test gave the window, so open it as a first launch would
        robot.interact(() -> wb.models().open(shipped));
        WorkbenchFixture.awaitChatReady(wb);
        robot.interact(() -> {
            wb.chat().sampling().maxTokensProperty().set(8);
            wb.chat().sampling().useGreedy();
        });
        robot.clickOn("#nav-chat");
        robot.clickOn("#chat-input").write("Hello");
        robot.clickOn("#send");
        WorkbenchFixture.awaitReply(wb);
        assertThat(wb.chat().turns()).hasSize(2);
        assertThat(wb.chat().lastStatsProperty().get().generatedTokens()).isBetween(1, 8);
        assertThat(wb.status().modelNameProperty().get()).isEqualTo(shipped.getFileName().toString());
    }

    @Test
    void aModelNamedOnTheCommandLineIsOpenedInstead(FxRobot robot) throws Exception {
        Files.createSymbolicLink(models.resolve("a.gguf"), referenceModel("bitnet-tiny-tq1_0.gguf"));
        Path named = referenceModel("bitnet-tiny-i2_s.gguf");
        launch(robot, List.of(named.toString()));
        assertThat(wb.models().modelProperty().get().path()).isEqualTo(named.toAbsolutePath().normalize());
        assertThat(wb.models().allTensors()).hasSize(24);
    }

    @Test
    void laterLaunchesReopenTheLastModelAndListTheRecentOnes(FxRobot robot) throws Exception {
        Path used = referenceModel("bitnet-tiny-tq2_0.gguf").toAbsolutePath().normalize();
        Path older = referenceModel("bitnet-tiny-i2_s.gguf").toAbsolutePath().normalize();
        Files.createSymbolicLink(models.resolve("a.gguf"), referenceModel("bitnet-tiny-tq1_0.gguf"));
        robot.interact(() -> {
            RecentModels recent = new RecentModels(home);
            recent.add(older);
            recent.add(used);
        });

        launch(robot, List.of());
        awaitIdle(wb);

        assertThat(wb.models().modelProperty().get().path()).isEqualTo(used);
        assertThat(robot.lookup("#recent-list").queryAs(ListView.class).getItems()).containsExactly(used, older);
        robot.doubleClickOn("bitnet-tiny-i2_s.gguf");
        awaitIdle(wb);
        assertThat(wb.models().modelProperty().get().path()).isEqualTo(older);
    }

    @Test
    void everyShortcutIsRegisteredOnTheWindowAndChatActionsWaitForTheChatView(FxRobot robot) throws Exception {
        launch(robot, List.of());
        for (ActionId id : List.of(ActionId.OPEN_MODEL, ActionId.NEW_CHAT, ActionId.SEND, ActionId.STOP)) {
            assertThat(wb.scene().getAccelerators()).containsKey(id.accelerator().orElseThrow());
        }
        assertThat(wb.actions().isAvailable(ActionId.OPEN_MODEL)).isTrue();
        assertThat(wb.actions().isAvailable(ActionId.SEND)).isFalse();
        assertThat(wb.actions().isAvailable(ActionId.STOP)).isFalse();
        WorkbenchFixture.screenshot(robot, wb.scene(), "models-empty-light");
    }
}
