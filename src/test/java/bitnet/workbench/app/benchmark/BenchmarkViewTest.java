package bitnet.workbench.app.benchmark;

import bitnet.workbench.app.event.EventBus;
import bitnet.workbench.app.event.GenerationProgress;
import bitnet.workbench.app.event.ModelOpened;
import bitnet.workbench.app.settings.SettingsStore;
import bitnet.workbench.app.theme.Theme;
import bitnet.workbench.app.theme.ThemeManager;
import bitnet.workbench.bench.BenchCsv;
import bitnet.workbench.bench.BenchEvent;
import bitnet.workbench.bench.BenchJson;
import bitnet.workbench.bench.BenchRun;
import bitnet.workbench.bench.BenchRunner;
import bitnet.workbench.bench.CombinationResult;
import bitnet.workbench.bench.MemorySample;
import bitnet.workbench.bench.RepetitionResult;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import bitnet.workbench.app.Workbench;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Benchmark page driven through its window: a real sweep on the shipped model (the quick
 * preset), the charts and table checked against the run's own numbers, a cancelled second run,
 * exports read back, a comparison overlay, and screenshots.
 */
@ExtendWith(ApplicationExtension.class)
class BenchmarkViewTest {
    /** Shrinks only the bandwidth probe and the memory sampling interval; the sweep itself is the preset's. */
    private static final BenchRunner.Settings FAST = new BenchRunner.Settings(8L << 20, 2, Duration.ofMillis(60), Duration.ofMillis(50));
    private static final Path SHIPPED = Path.of("models", "bitnet-b158-kjv-i2_s.gguf");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Path home;
    private Workbench wb;
    private EventBus bus;
    private ThemeManager themes;
    private BenchmarkViewModel vm;
    private BenchmarkPage page;
    private Scene scene;

    private Stage stage;

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        home = Files.createTempDirectory("wb-bench-home");
    }

    /** Shows the page at 1280 × 800 with the given measurement settings. */
    private void show(FxRobot robot, BenchRunner.Settings settings) {
        robot.interact(() -> {
            bus = EventBus.onFxThread();
            themes = new ThemeManager(new SettingsStore(home, Runtime.getRuntime().availableProcessors()));
            vm = new BenchmarkViewModel(bus, home, settings);
            page = new BenchmarkPage(vm, bus, themes.themeProperty());
            scene = new Scene(new javafx.scene.layout.StackPane(page.view()), 1280, 800);
            themes.attach(scene);
            stage.setScene(scene);
            stage.show();
        });
    }

    @AfterEach
    void close(FxRobot robot) {
        if (vm != null) robot.interact(vm::close);
        if (wb != null) robot.interact(wb::close);
    }

    private void openShippedModel(FxRobot robot) {
        Assumptions.assumeTrue(Files.isRegularFile(SHIPPED), SHIPPED + " is missing; skipping");
        Path model = SHIPPED.toAbsolutePath();
        robot.interact(() -> bus.publish(new ModelOpened(model, model.getFileName().toString(), null)));
    }

    private void awaitFinished(FxRobot robot) throws TimeoutException {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !vm.runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theQuickPresetRunsInTheWindowWithLiveChartsAndTheTableShowsTheRunsOwnNumbers(FxRobot robot) throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(SHIPPED), SHIPPED + " is missing; skipping");
        Path noModels = Files.createTempDirectory("wb-models");
        // the whole application, as launched with the shipped model: the page as Workbench builds it
        robot.interact(() -> {
            wb = new Workbench(new Workbench.Options(home, noModels, List.of(SHIPPED.toString())), () -> { });
            wb.show(stage);
            scene = wb.scene();
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> wb.models().modelProperty().get() != null);
        robot.clickOn("#nav-benchmark");
        assertThat(label(robot, "#bench-model")).isEqualTo("Model: " + SHIPPED.getFileName());

        // every change the charts see while the Cancel button is live is a live update
        AtomicInteger liveChanges = new AtomicInteger();
        javafx.scene.control.Button cancel = robot.lookup("#bench-cancel").queryButton();
        for (String id : List.of("#chart-latency", "#chart-memory")) {
            chart(robot, id).getXYPlot().getDataset().addChangeListener(e -> {
                if (!cancel.isDisabled()) liveChanges.incrementAndGet();
            });
        }
        robot.clickOn("#preset-quick");
        robot.clickOn("#bench-run");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !robot.lookup("#bench-run").queryButton().isDisabled());
        WaitForAsyncUtils.waitForFxEvents();

        List<Path> saved = new RunLibrary(home).list();
        assertThat(saved).as(label(robot, "#bench-status")).hasSize(1);
        BenchRun run = BenchJson.read(saved.getFirst());
        assertThat(run.cancelled()).isFalse();
        assertThat(run.failures()).isEmpty();
        SweepPreset quick = SweepPreset.QUICK;
        assertThat(run.plan().threads()).isEqualTo(quick.threads(Runtime.getRuntime().availableProcessors()));
        assertThat(run.plan().kernels()).isEqualTo(bitnet.workbench.kernel.Kernels.names());
        assertThat(List.of(run.plan().promptTokens(), run.plan().decodeTokens(), run.plan().repetitions(), run.plan().warmup()))
            .containsExactly(quick.promptTokens(), quick.decodeTokens(), quick.repetitions(), quick.warmup());
        assertThat(run.results()).hasSize(run.plan().combinations().size());
        assertThat(liveChanges.get()).isPositive();
        assertThat(robot.lookup("#bench-progress").queryAs(javafx.scene.control.ProgressBar.class).getProgress()).isEqualTo(1.0);
        assertThat(label(robot, "#bench-status")).startsWith("Finished " + run.results().size() + " of " + run.results().size()
            + " combinations").endsWith("saved as " + saved.getFirst().getFileName() + ".");
        assertThat(label(robot, "#bench-machine")).startsWith("Run A: " + run.machine().describe());

        assertChartsAndTableShow(robot, run);

        assertThat(screenshot(robot, "benchmark-sweep")).exists();
        robot.interact(() -> wb.themes().setTheme(Theme.DARK));
        assertThat(screenshot(robot, "benchmark-sweep-dark")).exists();
        robot.interact(() -> wb.themes().setTheme(Theme.LIGHT));
    }

    @Test
    void cancellingASecondRunMidwayKeepsItsFinishedRowsAndARunCanBeOverlaid(FxRobot robot) throws Exception {
        Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs two thread counts, so at least 2 cores");
        show(robot, FAST);
        openShippedModel(robot);
        // first run: small, to compare against later
        robot.interact(() -> {
            vm.sweep().apply(SweepPreset.QUICK);
            // one kernel, so the run has exactly two combinations (1 and 2 threads) to cancel between
            vm.sweep().kernelChoices().forEach(k -> vm.sweep().setKernelChosen(k, k.equals("scalar")));
            vm.sweep().promptTokensProperty().set(8);
            vm.sweep().decodeTokensProperty().set(8);
            vm.sweep().repetitionsProperty().set(2);
            vm.start();
        });
        awaitFinished(robot);
        BenchRun first = vm.runProperty().get();
        assertThat(first).as(vm.statusProperty().get()).isNotNull();
        Path firstFile = vm.savedToProperty().get();

        // second run: long combinations, cancelled as soon as the first one has finished
        AtomicBoolean cancelSent = new AtomicBoolean();
        robot.interact(() -> vm.addLiveListener(batch -> {
            if (batch.stream().anyMatch(e -> e instanceof BenchEvent.CombinationFinished) && cancelSent.compareAndSet(false, true)) {
                robot.clickOn("#bench-cancel");
            }
        }));
        robot.interact(() -> {
            vm.sweep().decodeTokensProperty().set(192); // within the shipped model's 256-token context
            vm.sweep().repetitionsProperty().set(3);
        });
        robot.clickOn("#sweep-decode-after-prompt"); // prompt 8 + decode 192 still fit the context
        robot.clickOn("#bench-run");
        awaitFinished(robot);

        BenchRun cancelled = vm.runProperty().get();
        assertThat(cancelSent.get()).isTrue();
        assertThat(cancelled.cancelled()).isTrue();
        assertThat(cancelled.results()).hasSize(1);
        assertThat(cancelled.plan().combinations()).hasSize(2);
        assertThat(cancelled.plan().decodeAfterPrompt()).isTrue();
        assertThat(first.plan().decodeAfterPrompt()).isFalse();
        assertThat(vm.rows()).extracting(ResultRow::result).containsExactlyElementsOf(cancelled.results());
        assertThat(vm.statusProperty().get()).startsWith("Cancelled after 1 of 2 combinations");
        assertThat(cellTexts(robot, "col-decode")).containsExactly(Figures.summaryLines(cancelled.results().getFirst().decodeTokensPerSecond()));
        assertThat(vm.library().list()).hasSize(2);
        assertThat(BenchJson.read(vm.savedToProperty().get())).isEqualTo(cancelled);

        // exports of what is on screen read back to the same figures
        Path csv = home.resolve("export/run.csv");
        Path json = home.resolve("export/run.json");
        Path png = home.resolve("export/charts.png");
        robot.interact(() -> {
            try {
                vm.exportCsv(csv);
                vm.exportJson(json);
                page.charts().savePng(png, 1600, 1000);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(BenchJson.read(json)).isEqualTo(cancelled);
        List<Map<String, String>> rows = BenchCsv.read(csv);
        assertThat(rows).hasSize(1);
        CombinationResult only = cancelled.results().getFirst();
        assertThat(rows.getFirst().get("threads")).isEqualTo(Integer.toString(only.combination().threads()));
        assertThat(Double.parseDouble(rows.getFirst().get("tg_tok_s_median"))).isEqualTo(only.decodeTokensPerSecond().median());
        assertThat(Double.parseDouble(rows.getFirst().get("fraction_of_ceiling"))).isEqualTo(only.fractionOfCeiling());
        java.awt.image.BufferedImage image = ImageIO.read(png.toFile());
        assertThat(List.of(image.getWidth(), image.getHeight())).containsExactly(1600, 1000);

        robot.interact(() -> vm.compareWith(firstFile));
        assertThat(vm.rows()).hasSize(1 + first.results().size());
        assertThat(vm.rows()).filteredOn(r -> r.run().equals(BenchmarkViewModel.RUN_B)).extracting(ResultRow::result)
            .containsExactlyElementsOf(first.results());
        XYDataset decode = page.charts().decodeChart().getXYPlot().getDataset();
        String kernel = first.results().getFirst().combination().kernel();
        assertThat(seriesKeys(decode)).containsExactly(kernel, kernel + ChartStyle.B_SUFFIX);
        for (CombinationResult r : first.results()) {
            assertThat(y(decode, kernel + ChartStyle.B_SUFFIX, r.combination().threads())).isEqualTo(r.decodeTokensPerSecond().median());
        }
        assertThat(robot.lookup("#bench-machine").queryAs(javafx.scene.control.Label.class).getText())
            .contains("Run A: " + cancelled.machine().describe()).contains("Run B: " + first.machine().describe());
        assertThat(screenshot(robot, "benchmark-overlay")).exists();

        robot.clickOn("#bench-clear-compare");
        assertThat(seriesKeys(page.charts().decodeChart().getXYPlot().getDataset())).containsExactly(kernel);
        robot.interact(() -> vm.load(firstFile));
        assertThat(vm.runProperty().get()).isEqualTo(first);
        assertThat(cellTexts(robot, "col-decode")).hasSize(first.results().size());
    }

    @Test
    void withoutAModelTheRunButtonIsDisabledAndTheHeaderSaysWhy(FxRobot robot) {
        show(robot, FAST);
        assertThat(robot.lookup("#bench-run").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#bench-model").queryAs(javafx.scene.control.Label.class).getText()).startsWith("No model open");
        robot.interact(vm::start);
        assertThat(vm.statusProperty().get()).isEqualTo("Cannot run: open a model first (Models page).");
    }

    @Test
    void theLiveGenerationPanelOnThePageFollowsGenerationProgressEvents(FxRobot robot) {
        show(robot, FAST);
        robot.interact(() -> bus.publish(new GenerationProgress(42, 17.26, true)));
        assertThat(label(robot, "#live-speed")).isEqualTo("17.3 tok/s");
        assertThat(label(robot, "#live-tokens")).isEqualTo("42 tokens");
        assertThat(label(robot, "#live-memory")).startsWith("RSS ");
        assertThat(label(robot, "#live-state")).isEqualTo("Last generation");
    }

    @Test
    void aRunSavedByTheBenchCommandShowsTheCommandsFiguresInTheTableAndCharts(FxRobot robot) throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(SHIPPED), SHIPPED + " is missing; skipping");
        show(robot, FAST);
        Path json = home.resolve("cli-run.json");
        int exit = bitnet.workbench.cli.WorkbenchCli.commandLine().setOut(new java.io.PrintWriter(java.io.Writer.nullWriter()))
            .setErr(new java.io.PrintWriter(java.io.Writer.nullWriter()))
            .execute("bench", "-m", SHIPPED.toString(), "-t", "1", "-p", "8", "-n", "8", "-r", "2", "--warmup", "0",
                "--bandwidth-mib", "8", "--json", json.toString());
        assertThat(exit).isZero();
        BenchRun cli = BenchJson.read(json);

        robot.interact(() -> vm.load(json));

        assertThat(vm.runProperty().get()).isEqualTo(cli);
        CombinationResult r = cli.results().getFirst();
        assertThat(cellTexts(robot, "col-decode")).containsExactly(Figures.summaryLines(r.decodeTokensPerSecond()));
        assertThat(cellTexts(robot, "col-prompt")).containsExactly(Figures.summaryLines(r.promptTokensPerSecond()));
        assertThat(cellTexts(robot, "col-p95")).containsExactly(Figures.summaryLines(r.latencyP95Millis()));
        assertThat(y(page.charts().decodeChart().getXYPlot().getDataset(), r.combination().kernel(), 1))
            .isEqualTo(r.decodeTokensPerSecond().median());
    }

    /** Every figure on screen is the run's own: chart points are the medians (bars min–max), table cells format them. */
    private void assertChartsAndTableShow(FxRobot robot, BenchRun run) {
        IntervalXYDataset decode = (IntervalXYDataset) chart(robot, "#chart-decode").getXYPlot().getDataset();
        IntervalXYDataset prompt = (IntervalXYDataset) chart(robot, "#chart-prompt").getXYPlot().getDataset();
        for (CombinationResult r : run.results()) {
            String kernel = r.combination().kernel();
            int threads = r.combination().threads();
            assertThat(y(decode, kernel, threads)).isEqualTo(r.decodeTokensPerSecond().median());
            assertThat(y(prompt, kernel, threads)).isEqualTo(r.promptTokensPerSecond().median());
            int s = seriesKeys(decode).indexOf(kernel);
            int item = itemAt(decode, s, threads);
            assertThat(decode.getStartYValue(s, item)).isEqualTo(r.decodeTokensPerSecond().min());
            assertThat(decode.getEndYValue(s, item)).isEqualTo(r.decodeTokensPerSecond().max());
        }
        // latency: the last combination's per-token latencies, warm-up and timed, in order
        CombinationResult last = run.results().getLast();
        List<Double> expectedTimed = new ArrayList<>();
        for (RepetitionResult rep : last.repetitionResults()) {
            if (!rep.warmup()) rep.decodeNanos().forEach(n -> expectedTimed.add(n / 1e6));
        }
        JFreeChart latency = chart(robot, "#chart-latency");
        assertThat(ys(latency.getXYPlot().getDataset(), SweepCharts.TIMED)).isEqualTo(expectedTimed);
        assertThat(latency.getTitle().getText()).isEqualTo("Per-token latency: " + last.combination().label());
        List<Double> rss = run.memory().stream().filter(m -> m.rssBytes() >= 0).map(m -> Figures.mebibytes(m.rssBytes())).toList();
        assertThat(rss).isNotEmpty();
        assertThat(ys(chart(robot, "#chart-memory").getXYPlot().getDataset(), SweepCharts.RSS)).isEqualTo(rss);
        assertThat(run.memory()).extracting(MemorySample::heapUsedBytes).allSatisfy(h -> assertThat(h).isPositive());
        for (String id : List.of("#chart-decode", "#chart-prompt", "#chart-latency", "#chart-memory")) {
            JFreeChart c = chart(robot, id);
            assertThat(c.getXYPlot().getDomainAxis().getLabel()).isNotBlank();
            assertThat(c.getXYPlot().getRangeAxis().getLabel()).isNotBlank();
        }

        TableView<?> table = robot.lookup("#bench-results").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(run.results().size());
        assertThat(cellTexts(robot, "col-decode")).containsExactlyInAnyOrderElementsOf(
            run.results().stream().map(r -> Figures.summaryLines(r.decodeTokensPerSecond())).toList());
        assertThat(cellTexts(robot, "col-fraction")).containsExactlyInAnyOrderElementsOf(
            run.results().stream().map(r -> Figures.percent(r.fractionOfCeiling())).toList());

        // sorting by decode speed puts the slowest first
        robot.clickOn("Decode tok/s");
        double slowest = run.results().stream().mapToDouble(r -> r.decodeTokensPerSecond().median()).min().orElseThrow();
        assertThat(((ResultRow) table.getItems().getFirst()).result().decodeTokensPerSecond().median()).isEqualTo(slowest);
        robot.interact(() -> table.getSortOrder().clear());
    }

    private static JFreeChart chart(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(ChartViewer.class).getChart();
    }

    private static String label(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(javafx.scene.control.Label.class).getText();
    }

    /** The text every row shows in a column; the table renders only visible rows, so it scrolls through them. */
    private static List<String> cellTexts(FxRobot robot, String columnId) {
        TableView<?> table = robot.lookup("#bench-results").queryAs(TableView.class);
        java.util.Map<Integer, String> byRow = new java.util.TreeMap<>();
        for (int i = 0; i < table.getItems().size(); i++) {
            int row = i;
            robot.interact(() -> table.scrollTo(row));
            WaitForAsyncUtils.waitForFxEvents();
            robot.lookup((TableCell<?, ?> c) -> c.getTableColumn() != null && columnId.equals(c.getTableColumn().getId())
                    && c.getText() != null && !c.isEmpty() && c.getIndex() >= 0 && c.getIndex() < table.getItems().size())
                .queryAll().forEach(n -> byRow.put(((TableCell<?, ?>) n).getIndex(), ((TableCell<?, ?>) n).getText()));
        }
        return List.copyOf(byRow.values());
    }

    private static int items(JFreeChart chart) {
        XYDataset d = chart.getXYPlot().getDataset();
        int n = 0;
        for (int s = 0; s < d.getSeriesCount(); s++) n += d.getItemCount(s);
        return n;
    }

    private static List<String> seriesKeys(XYDataset d) {
        List<String> keys = new ArrayList<>();
        for (int s = 0; s < d.getSeriesCount(); s++) keys.add(String.valueOf(d.getSeriesKey(s)));
        return keys;
    }

    private static int itemAt(XYDataset d, int series, double x) {
        for (int i = 0; i < d.getItemCount(series); i++) if (d.getXValue(series, i) == x) return i;
        throw new AssertionError("no point at x = " + x + " in " + d.getSeriesKey(series));
    }

    private static double y(XYDataset d, String key, double x) {
        int s = seriesKeys(d).indexOf(key);
        assertThat(s).as("series " + key + " in " + seriesKeys(d)).isNotNegative();
        return d.getYValue(s, itemAt(d, s, x));
    }

    private static List<Double> ys(XYDataset d, String key) {
        int s = seriesKeys(d).indexOf(key);
        assertThat(s).as("series " + key + " in " + seriesKeys(d)).isNotNegative();
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < d.getItemCount(s); i++) out.add(d.getYValue(s, i));
        return out;
    }

    private Path screenshot(FxRobot robot, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        WaitForAsyncUtils.waitForFxEvents(3);
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = scene.snapshot(null));
        ImageIO.write(SwingFXUtils.fromFXImage(shot[0], null), "png", file.toFile());
        return file;
    }
}
