package bitnet.workbench.app;

import bitnet.workbench.app.event.PageRequested;
import bitnet.workbench.app.page.PageId;
import bitnet.workbench.app.theme.Theme;
import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.gguf.GgufTensorInfo;
import bitnet.workbench.inspect.TensorStats;
import bitnet.workbench.model.BitLinearInput;
import bitnet.workbench.tensor.TensorFormats;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.xy.XYZDataset;
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
class InspectViewTest {
    private Workbench wb;
    private Path home;

    @Start
    void start(Stage stage) throws IOException {
        home = Files.createTempDirectory("wb-home");
        wb = new Workbench(new Workbench.Options(home, Files.createTempDirectory("wb-models"), List.of()), () -> { });
        wb.show(stage);
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(wb::close);
    }

    /** −1/0/+1 counts from the tensor's dequantized values, computed here without the inspect package. */
    private static long[] countsFromFile(Path model, String tensor) throws IOException {
        try (GgufFile f = GgufFile.open(model)) {
            GgufTensorInfo t = f.tensor(tensor);
            float[] v = new float[(int) t.elementCount()];
            TensorFormats.of(t.type()).dequantize(f.tensorData(t), 0, v.length, v, 0);
            long[] c = new long[3];
            for (float x : v) c[(int) Math.signum(x) + 1]++;
            return c;
        }
    }

    private void openInspect(FxRobot robot, Path model) throws TimeoutException {
        openAndWait(robot, wb, model);
        robot.interact(() -> wb.bus().publish(new PageRequested(PageId.INSPECT)));
        awaitStatistics(robot, -1);
    }

    @SuppressWarnings("unchecked")
    private static TableView<TensorStats> table(FxRobot robot) {
        return robot.lookup("#overview-table").queryAs(TableView.class);
    }

    private static void awaitStatistics(FxRobot robot, int tensors) throws TimeoutException {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            Label status = robot.lookup("#inspect-status").queryAs(Label.class);
            return status.getText().matches("\\d+ tensors.*") && (tensors < 0 || table(robot).getItems().size() == tensors);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static JFreeChart chart(FxRobot robot, String id) {
        ChartViewer viewer = robot.lookup("#" + id + "-viewer").queryAs(ChartViewer.class);
        return viewer.isVisible() ? viewer.getChart() : null;
    }

    private static void selectTab(FxRobot robot, int index) {
        robot.interact(() -> robot.lookup("#inspect-tabs").queryAs(TabPane.class).getSelectionModel().select(index));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private static void chooseTensor(FxRobot robot, String name) {
        ComboBox<TensorStats> choice = robot.lookup("#tensor-choice").queryAs(ComboBox.class);
        robot.interact(() -> choice.setValue(choice.getItems().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theTensorHistogramShowsTheCountsReadFromTheFileForEveryTernaryFormat(FxRobot robot) throws Exception {
        for (String file : new String[] {"bitnet-tiny-tq2_0.gguf", "bitnet-tiny-tq1_0.gguf", "bitnet-tiny-i2_s.gguf"}) {
            Path model = referenceModel(file);
            openInspect(robot, model);
            assertThat(table(robot).getItems()).hasSize(24);
            selectTab(robot, 1);
            for (String tensor : new String[] {"blk.0.attn_q.weight", "blk.1.ffn_down.weight"}) {
                chooseTensor(robot, tensor);
                CategoryDataset shown = chart(robot, "chart-tensor-histogram").getCategoryPlot().getDataset();
                long[] expected = countsFromFile(model, tensor);
                assertThat(shown.getColumnKeys()).containsExactly("−1", "0", "+1");
                for (int i = 0; i < 3; i++) assertThat(shown.getValue(0, i).longValue()).as(file + " " + tensor + " bar " + i).isEqualTo(expected[i]);
                String facts = robot.lookup("#fact-counts").queryAs(Label.class).getText();
                assertThat(facts).isEqualTo(String.format("%,d / %,d / %,d", expected[0], expected[1], expected[2]));
            }
            assertThat(robot.lookup("#tensor-sample").queryAs(TableView.class).getItems()).hasSize(16);
        }
    }

    @Test
    void theOverviewChartsEveryProjectionAndExportsPngAndCsv(FxRobot robot) throws Exception {
        Path model = referenceModel("bitnet-tiny-i2_s.gguf");
        openInspect(robot, model);
        CategoryDataset shares = chart(robot, "chart-shares").getCategoryPlot().getDataset();
        assertThat(shares.getColumnKeys()).containsExactly("q", "k", "v", "o", "gate", "up", "down");
        long[] q0 = countsFromFile(model, "blk.0.attn_q.weight");
        long[] q1 = countsFromFile(model, "blk.1.attn_q.weight");
        double zeroShare = 100.0 * (q0[1] + q1[1]) / (2 * 65536);
        assertThat(shares.getValue("0", "q").doubleValue()).isCloseTo(zeroShare, org.assertj.core.data.Offset.offset(1e-9));
        XYPlot sparsity = chart(robot, "chart-sparsity").getXYPlot();
        assertThat(sparsity.getDataset().getSeriesCount()).isEqualTo(7);
        assertThat(sparsity.getDataset().getItemCount(0)).isEqualTo(2);
        assertThat(sparsity.getDomainAxis().getLabel()).isEqualTo("layer");
        assertThat(sparsity.getRangeAxis().getLabel()).isEqualTo("zeros (%)");

        Path out = Files.createTempDirectory("export");
        ChartViewer viewer = robot.lookup("#chart-shares-viewer").queryAs(ChartViewer.class);
        javax.imageio.ImageIO.write(viewer.getChart().createBufferedImage(400, 300), "png", out.resolve("direct.png").toFile());
        String csv = bitnet.workbench.app.inspector.InspectExports.csv(robot.lookup("#chart-shares").query());
        assertThat(csv.lines().toList()).hasSize(8).first().isEqualTo("projection (all layers),−1,0,+1");
        bitnet.workbench.app.inspector.InspectExports.png(robot.lookup("#chart-shares").query(), out.resolve("shares.png"));
        assertThat(javax.imageio.ImageIO.read(out.resolve("shares.png").toFile()).getWidth()).isGreaterThanOrEqualTo(640);
        assertThat(Files.list(out)).noneMatch(p -> p.getFileName().toString().endsWith(".tmp"));
    }

    @Test
    void theActivationHeatmapHasOneColumnPerPromptToken(FxRobot robot) throws Exception {
        openInspect(robot, referenceModel("bitnet-tiny-i2_s.gguf"));
        selectTab(robot, 2);
        robot.interact(() -> robot.lookup("#activation-prompt").queryAs(TextField.class).setText("The cat sat on the mat."));
        robot.clickOn("#record-activations");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> chart(robot, "chart-heatmap") != null && chart(robot, "chart-activation-int8") != null);
        WaitForAsyncUtils.waitForFxEvents();

        XYPlot plot = chart(robot, "chart-heatmap").getXYPlot();
        XYZDataset data = (XYZDataset) plot.getDataset();
        SymbolAxis tokens = (SymbolAxis) plot.getDomainAxis();
        int[] ids;
        try (var m = bitnet.workbench.engine.LoadedModel.open(referenceModel("bitnet-tiny-i2_s.gguf"), bitnet.workbench.model.ModelOptions.defaults())) {
            ids = m.tokenizer().encode("The cat sat on the mat.", true, false);
            assertThat(tokens.getSymbols()).hasSize(ids.length);
            for (int i = 0; i < ids.length; i++) assertThat(tokens.getSymbols()[i]).isEqualTo(m.tokenizer().tokenText(ids[i]));
        }
        assertThat(data.getItemCount(0)).isEqualTo(ids.length * 2);
        java.util.Set<Double> columns = new java.util.TreeSet<>();
        for (int i = 0; i < data.getItemCount(0); i++) columns.add(data.getXValue(0, i));
        assertThat(columns).hasSize(ids.length);
        assertThat(tokens.getLabel()).isEqualTo("prompt token");
        assertThat(plot.getRangeAxis().getLabel()).isEqualTo("layer");

        // Picking layer 1, token 3 and the down input shows that vector's int8 codes.
        robot.interact(() -> {
            robot.lookup("#activation-input").queryAs(ComboBox.class).getSelectionModel().select(BitLinearInput.FFN_DOWN);
            robot.lookup("#activation-layer").queryAs(ComboBox.class).getSelectionModel().select(Integer.valueOf(1));
            robot.lookup("#activation-token").queryAs(ComboBox.class).getSelectionModel().select(Integer.valueOf(3));
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> chart(robot, "chart-activation-int8") != null
            && String.valueOf(robot.lookup("#chart-activation-floats-explanation").queryAs(Label.class).getText()).startsWith("Layer 1, token 3, down"));
        XYPlot int8 = chart(robot, "chart-activation-int8").getXYPlot();
        double total = 0;
        for (int i = 0; i < int8.getDataset().getItemCount(0); i++) total += int8.getDataset().getYValue(0, i);
        assertThat(total).isEqualTo(512); // n_ff values feed down
        int bars = int8.getDataset().getItemCount(0);
        assertThat(bars).isEqualTo(64);
        // absmax maps to ±127, so the outermost bar on one side holds at least that value.
        assertThat(int8.getDataset().getYValue(0, 0) + int8.getDataset().getYValue(0, bars - 1)).isPositive();
    }

    @Test
    void theLastChatTurnCanBeRecordedWithOneClick(FxRobot robot) throws Exception {
        openInspect(robot, referenceModel("bitnet-tiny-i2_s.gguf"));
        selectTab(robot, 2);
        assertThat(robot.lookup("#use-last-chat-turn").queryButton().isDisabled()).isTrue();
        robot.interact(() -> wb.bus().publish(new bitnet.workbench.app.event.ChatTurnCompleted("Hello", " there, friend")));
        assertThat(robot.lookup("#use-last-chat-turn").queryButton().isDisabled()).isFalse();
        robot.clickOn("#use-last-chat-turn");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> chart(robot, "chart-heatmap") != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#activation-prompt").queryAs(TextField.class).getText()).isEqualTo("Hello there, friend");
        SymbolAxis tokens = (SymbolAxis) chart(robot, "chart-heatmap").getXYPlot().getDomainAxis();
        try (var m = bitnet.workbench.engine.LoadedModel.open(referenceModel("bitnet-tiny-i2_s.gguf"), bitnet.workbench.model.ModelOptions.defaults())) {
            assertThat(tokens.getSymbols()).hasSize(m.tokenizer().encode("Hello there, friend", true, false).length);
        }
    }

    @Test
    void reopeningAModelReadsItsStatisticsFromTheCache(FxRobot robot) throws Exception {
        Path model = referenceModel("bitnet-tiny-tq2_0.gguf");
        openInspect(robot, model);
        assertThat(robot.lookup("#inspect-status").queryAs(Label.class).getText()).isEqualTo("24 tensors");
        robot.interact(wb.models()::unload);
        openInspect(robot, model);
        assertThat(robot.lookup("#inspect-status").queryAs(Label.class).getText()).isEqualTo("24 tensors (statistics from the cache)");
        assertThat(Files.list(home.resolve("inspect-cache"))).hasSize(1);
    }

    @Test
    void screenshotsOfTheOverviewATensorAndTheHeatmapInBothThemes(FxRobot robot) throws Exception {
        openInspect(robot, referenceModel("bitnet-tiny-tq2_0.gguf"));
        for (Theme theme : Theme.values()) {
            String t = theme.name().toLowerCase(java.util.Locale.ROOT);
            robot.interact(() -> wb.themes().setTheme(theme));
            selectTab(robot, 0);
            screenshot(robot, wb.scene(), "inspect-overview-" + t);
            selectTab(robot, 1);
            chooseTensor(robot, "blk.0.attn_q.weight");
            screenshot(robot, wb.scene(), "inspect-tensor-" + t);
            selectTab(robot, 2);
            if (chart(robot, "chart-heatmap") == null) {
                robot.interact(() -> robot.lookup("#activation-prompt").queryAs(TextField.class)
                    .setText("Tom and Lily went to the park. They played with a red ball and laughed."));
                robot.clickOn("#record-activations");
            }
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> chart(robot, "chart-heatmap") != null && chart(robot, "chart-activation-int8") != null);
            screenshot(robot, wb.scene(), "inspect-activations-" + t);
        }
        robot.interact(() -> wb.themes().setTheme(Theme.LIGHT));
    }

    @Test
    void aFloatModelGetsATernarizePreviewBesideItsHistogram(FxRobot robot) throws Exception {
        openInspect(robot, referenceModel("stories260K.gguf"));
        selectTab(robot, 1);
        chooseTensor(robot, "blk.0.attn_q.weight");
        assertThat(chart(robot, "chart-tensor-histogram").getXYPlot().getDataset().getItemCount(0)).isEqualTo(64);
        CategoryDataset preview = chart(robot, "chart-tensor-preview").getCategoryPlot().getDataset();
        assertThat(preview.getValue(0, 0).longValue() + preview.getValue(0, 1).longValue() + preview.getValue(0, 2).longValue()).isEqualTo(64 * 64);
        screenshot(robot, wb.scene(), "inspect-float-tensor-light");

        selectTab(robot, 3);
        robot.clickOn("#ternarize-compare");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !robot.lookup("#ternarize-summary").queryAs(Label.class).getText().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#ternarize-float").queryAs(javafx.scene.control.TextArea.class).getText())
            .startsWith("Once upon a time, there was a little girl");
        assertThat(robot.lookup("#ternarize-summary").queryAs(Label.class).getText()).matches("The two agree on the first \\d+ of 32 generated tokens\\.");
        screenshot(robot, wb.scene(), "inspect-ternarize-light");
    }
}
