package bitnet.workbench.app;

import bitnet.workbench.app.event.TokensPerSecondMeasured;
import bitnet.workbench.app.models.TensorRow;
import bitnet.workbench.app.settings.SettingsStore;
import bitnet.workbench.app.theme.Theme;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static bitnet.workbench.app.WorkbenchFixture.openAndWait;
import static bitnet.workbench.app.WorkbenchFixture.referenceModel;
import static bitnet.workbench.app.WorkbenchFixture.screenshot;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApplicationExtension.class)
class ModelsViewTest {
    private static final String TQ2 = "bitnet-tiny-tq2_0.gguf";

    private Workbench wb;
    private Path home;
    private Stage stage;

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        home = Files.createTempDirectory("wb-home");
        Path noModels = Files.createTempDirectory("wb-models");
        wb = new Workbench(new Workbench.Options(home, noModels, List.of()), () -> { });
        wb.show(stage);
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(wb::close);
    }

    @SuppressWarnings("unchecked")
    private static TableView<TensorRow> table(FxRobot robot) {
        return robot.lookup("#tensor-table").queryAs(TableView.class);
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void openingTheReferenceModelListsAllTwentyFourTensorsWithTotals(FxRobot robot) throws TimeoutException {
        openAndWait(robot, wb, referenceModel(TQ2));

        assertThat(table(robot).getItems()).hasSize(24);
        assertThat(text(robot, "#model-name")).isEqualTo(TQ2);
        assertThat(text(robot, "#status-model")).isEqualTo(TQ2);
        // 2 layers x (q 256x256 + k,v 256x128 + o 256x256 + gate,up 256x512 + down 512x256) are ternary;
        // norms (2 x (256+256+256+512) + 256) and the 256x512 F16 embedding are not: 1,313,536 parameters.
        assertThat(text(robot, "#total-parameters")).isEqualTo("1.31 M");
        assertThat(text(robot, "#total-ternary")).isEqualTo("89.8 %");
        assertThat(text(robot, "#total-architecture")).isEqualTo("bitnet");
    }

    @Test
    void anOpenedModelIsWarmedUpInTheBackgroundAndTheStatusLineSaysHowLongItTook(FxRobot robot) throws TimeoutException {
        List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();
        robot.interact(() -> wb.bus().subscribe(bitnet.workbench.app.event.StatusMessage.class, m -> messages.add(m.text())));

        openAndWait(robot, wb, referenceModel(TQ2));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !wb.models().warmingUpProperty().get());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(messages.getFirst()).matches("Opened " + TQ2 + " in [0-9]+ ms; warming up the engine…");
        assertThat(messages.getLast()).matches("Engine warmed up in [0-9]+\\.[0-9] s \\([0-9]+ tokens in [0-9]+ rounds?\\): replies start at full speed");
        bitnet.workbench.engine.EngineWarmUp.Outcome o = wb.models().lastWarmUpProperty().get();
        assertThat(o.stopped()).isFalse();
        assertThat(o.seconds()).isGreaterThanOrEqualTo(3);
        assertThat(o.promptTokens() + o.decodedTokens()).isEqualTo(40 * o.rounds());
        assertThat(robot.lookup("#status-bar").queryAs(org.controlsfx.control.StatusBar.class).getText()).isEqualTo(messages.getLast());
    }

    @Test
    void aModelOpenedWithAReferenceKernelIsNotWarmedUp(FxRobot robot) throws TimeoutException {
        robot.interact(() -> wb.engineSettings().setKernelVariant("scalar"));

        openAndWait(robot, wb, referenceModel(TQ2));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(wb.models().warmingUpProperty().get()).isFalse();
        assertThat(wb.models().lastWarmUpProperty().get()).isNull();
        assertThat(robot.lookup("#status-bar").queryAs(org.controlsfx.control.StatusBar.class).getText())
            .matches("Opened " + TQ2 + " in [0-9]+ ms");
    }

    @Test
    void aBenchmarkThatStartsStopsTheWarmUpSoItHasTheMachineToItself(FxRobot robot) throws TimeoutException {
        // published the moment the warm-up is announced, before its first step
        robot.interact(() -> wb.models().warmingUpProperty().addListener((o, was, now) -> {
            if (now) wb.bus().publish(new bitnet.workbench.app.event.BenchmarkStarted(Path.of("other.gguf")));
        }));

        openAndWait(robot, wb, referenceModel(TQ2));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !wb.models().warmingUpProperty().get());
        WaitForAsyncUtils.waitForFxEvents();

        bitnet.workbench.engine.EngineWarmUp.Outcome o = wb.models().lastWarmUpProperty().get();
        assertThat(o.stopped()).isTrue();
        assertThat(o.promptTokens() + o.decodedTokens()).isZero();
        assertThat(robot.lookup("#status-bar").queryAs(org.controlsfx.control.StatusBar.class).getText())
            .matches("Warm-up stopped after 0 tokens \\([0-9.]+ s\\)");
    }

    @Test
    void typingInTheFilterNarrowsTheTensorTable(FxRobot robot) throws TimeoutException {
        openAndWait(robot, wb, referenceModel(TQ2));

        robot.clickOn("#tensor-filter").write("ffn_down");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table(robot).getItems()).extracting(TensorRow::name)
            .containsExactlyInAnyOrder("blk.0.ffn_down.weight", "blk.1.ffn_down.weight");
        assertThat(text(robot, "#tensor-count")).isEqualTo("2 of 24 tensors");
        System.gc();
        robot.interact(wb.models()::unload);
        assertThat(text(robot, "#tensor-count")).isEqualTo("0 of 0 tensors");
        openAndWait(robot, wb, referenceModel(TQ2));

        robot.interact(() -> wb.models().tensorFilterProperty().set("blk.1."));
        assertThat(table(robot).getItems()).hasSize(11);
        robot.interact(() -> wb.models().tensorFilterProperty().set("f32"));
        assertThat(table(robot).getItems()).hasSize(9); // 4 norms per layer and output_norm
    }

    @Test
    void clickingTheSizeHeaderSortsTensorsBySize(FxRobot robot) throws TimeoutException {
        openAndWait(robot, wb, referenceModel(TQ2));

        robot.clickOn("Size");
        assertThat(table(robot).getItems().getFirst().bytes()).isEqualTo(1024);
        robot.clickOn("Size");
        assertThat(table(robot).getItems().getFirst().name()).isEqualTo("token_embd.weight");
    }

    @Test
    void metadataSheetShowsTheArchitectureAndSummarizesLongArrays(FxRobot robot) throws TimeoutException {
        // Views must hold their observable lists strongly: a list kept only through a weak listener
        // is collected and the sheet stays empty. Collect before opening to catch that.
        System.gc();
        System.gc();
        openAndWait(robot, wb, referenceModel(TQ2));

        robot.clickOn("Metadata");
        WaitForAsyncUtils.waitForFxEvents();
        Node sheet = robot.lookup("#metadata-sheet").query();
        assertThat(robot.from(sheet).lookup((Label l) -> "general.architecture".equals(l.getText())).tryQuery()).isPresent();
        List<String> values = robot.from(sheet).lookup(".metadata-value").queryAllAs(TextField.class)
            .stream().map(TextField::getText).toList();
        assertThat(values).contains("bitnet");
        assertThat(values).anyMatch(v -> v.startsWith("[\"<unk>\", \"<s>\"") && v.endsWith("... (512 items)]"));
    }

    @Test
    void aCorruptFileShowsAPlainErrorAndKeepsThePreviousModel(FxRobot robot) throws Exception {
        openAndWait(robot, wb, referenceModel(TQ2));
        Path garbage = Files.createTempFile("garbage", ".gguf");
        Files.write(garbage, "this is not a model, just some text".repeat(10).getBytes());

        openAndWait(robot, wb, garbage);

        String error = text(robot, "#model-error");
        assertThat(robot.lookup("#error-banner").query().isVisible()).isTrue();
        assertThat(error).startsWith("Could not open " + garbage.getFileName() + ": it is not a GGUF model")
            .contains("not a GGUF file").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(text(robot, "#status-model")).isEqualTo(TQ2);
        assertThat(text(robot, "#model-name")).isEqualTo(TQ2);
        assertThat(table(robot).getItems()).hasSize(24);
        screenshot(robot, wb.scene(), "models-error-light");

        robot.clickOn("#dismiss-error");
        assertThat(robot.lookup("#error-banner").query().isVisible()).isFalse();
    }

    @Test
    void unloadingClearsTheViewAndTheStatusBar(FxRobot robot) throws TimeoutException {
        openAndWait(robot, wb, referenceModel(TQ2));
        robot.clickOn("#unload-model");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table(robot).getItems()).isEmpty();
        assertThat(text(robot, "#status-model")).isEqualTo("No model");
        assertThat(wb.actions().isAvailable(bitnet.workbench.app.action.ActionId.UNLOAD_MODEL)).isFalse();
    }

    @Test
    void theDarkThemeMenuSwapsTheStylesheetAndIsRemembered(FxRobot robot) throws IOException {
        assertThat(wb.scene().getStylesheets()).contains(Theme.LIGHT.stylesheet());

        robot.clickOn("View").clickOn("Dark theme");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(wb.scene().getStylesheets()).contains(Theme.DARK.stylesheet()).doesNotContain(Theme.LIGHT.stylesheet());
        assertThat(Files.readString(home.resolve(SettingsStore.FILE_NAME))).contains("\"DARK\"");
    }

    @Test
    void shortcutForNewChatBringsTheChatPageToTheFront(FxRobot robot) throws IOException {
        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#chat-page").tryQuery()).isPresent();
        assertThat(robot.lookup("#models-page").tryQuery()).isEmpty();
        assertThat(robot.lookup("#chat-model").queryAs(Label.class).getText()).isEqualTo("No model loaded");
        screenshot(robot, wb.scene(), "chat-no-model-light");
    }

    @Test
    void statusBarShowsResidentMemoryAndTheLastDecodeSpeed(FxRobot robot) throws TimeoutException {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> text(robot, "#status-memory").matches("RSS [0-9.]+ (MiB|GiB)"));
        assertThat(text(robot, "#status-speed")).isEqualTo("– tok/s");
        robot.interact(() -> wb.bus().publish(new TokensPerSecondMeasured(12.34)));
        assertThat(text(robot, "#status-speed")).isEqualTo("12.3 tok/s");
    }

    @Test
    void engineSettingsAreClampedSavedAndShownInTheStatusBar(FxRobot robot) throws IOException {
        int cpus = Runtime.getRuntime().availableProcessors();
        robot.interact(() -> wb.engineSettings().setThreads(cpus + 7));
        assertThat(wb.engineSettings().threadsProperty().get()).isEqualTo(cpus);
        robot.interact(() -> wb.engineSettings().setThreads(1));
        robot.interact(() -> wb.engineSettings().setContextSize(4096));
        assertThat(text(robot, "#status-threads")).isEqualTo("1 thread");
        assertThat(text(robot, "#status-kernel")).isEqualTo("kernel " + bitnet.workbench.kernel.Kernels.recommended());
        assertThat(robot.lookup("#threads").queryAs(javafx.scene.control.Spinner.class).getValue()).isEqualTo(1);
        assertThat(robot.lookup("#output-head").queryAs(javafx.scene.control.ChoiceBox.class).getValue()).isEqualTo("auto");
        robot.interact(() -> robot.lookup("#output-head").queryAs(javafx.scene.control.ChoiceBox.class).setValue("int8"));
        assertThat(wb.engineSettings().outputHeadProperty().get()).isEqualTo("int8");
        String saved = Files.readString(home.resolve(SettingsStore.FILE_NAME));
        assertThat(saved).containsPattern("\"threads\"\\s*:\\s*1\\b").containsPattern("\"contextSize\"\\s*:\\s*4096")
            .containsPattern("\"outputHead\"\\s*:\\s*\"int8\"");
    }

    @Test
    void screenshotsOfTheModelsViewInBothThemes(FxRobot robot) throws Exception {
        openAndWait(robot, wb, referenceModel(TQ2));
        assertThat(wb.scene().getWidth()).isEqualTo(1280);
        assertThat(wb.scene().getHeight()).isEqualTo(800);
        robot.interact(() -> wb.themes().setTheme(Theme.LIGHT));
        assertThat(screenshot(robot, wb.scene(), "models-light")).exists();
        robot.interact(() -> wb.themes().setTheme(Theme.DARK));
        assertThat(screenshot(robot, wb.scene(), "models-dark")).exists();
        robot.clickOn("Metadata");
        assertThat(screenshot(robot, wb.scene(), "metadata-dark")).exists();
        robot.interact(() -> wb.themes().setTheme(Theme.LIGHT));
    }
}
