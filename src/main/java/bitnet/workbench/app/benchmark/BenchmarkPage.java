package bitnet.workbench.app.benchmark;

import bitnet.workbench.app.event.EventBus;
import bitnet.workbench.app.page.Page;
import bitnet.workbench.app.page.PageId;
import bitnet.workbench.app.theme.Theme;
import bitnet.workbench.bench.BenchRun;
import bitnet.workbench.bench.BenchRunner;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.jfree.chart.fx.ChartViewer;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Benchmark: edit a sweep over thread counts and kernels, run it on the open model with live
 * charts, read the results table, save, load, compare and export runs. The live generation panel
 * shows the chat's speed and memory while it generates.
 */
public final class BenchmarkPage implements Page {
    private final BenchmarkViewModel vm;
    private final SweepCharts charts = new SweepCharts();
    private final BorderPane view;

    /** The page as the application builds it: the {@code bench} command's measurement settings. */
    public BenchmarkPage(EventBus bus, ObservableValue<Theme> theme, Path workbenchHome) {
        this(new BenchmarkViewModel(bus, workbenchHome, BenchRunner.Settings.defaults()), bus, theme);
    }

    public BenchmarkPage(BenchmarkViewModel vm, EventBus bus, ObservableValue<Theme> theme) {
        this.vm = Objects.requireNonNull(vm);
        vm.addLiveListener(charts::accept);
        vm.runProperty().subscribe(run -> { if (run != null) charts.show(run, vm.overlayProperty().get()); });
        vm.overlayProperty().subscribe(b -> { if (!vm.runningProperty().get()) charts.show(vm.runProperty().get(), b); });
        theme.subscribe(charts::applyTheme);
        view = build(bus, theme);
    }

    @Override
    public PageId id() {
        return PageId.BENCHMARK;
    }

    @Override
    public Node view() {
        return view;
    }

    public BenchmarkViewModel viewModel() {
        return vm;
    }

    SweepCharts charts() {
        return charts;
    }

    private BorderPane build(EventBus bus, ObservableValue<Theme> theme) {
        VBox side = new VBox(8,
            heading("Sweep"), new SweepEditor(vm.sweep()), runControls(),
            heading("Runs"), runButtons(),
            heading("Live generation"), new LiveGenerationPanel(bus, theme));
        side.getStyleClass().add("side-panel");
        ScrollPane sideScroll = new ScrollPane(side);
        sideScroll.setFitToWidth(true);
        sideScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        sideScroll.setMinWidth(262);
        sideScroll.getStyleClass().add("bench-side");

        SplitPane results = new SplitPane(chartGrid(), new ResultsTable(vm.rows()));
        results.setOrientation(Orientation.VERTICAL);
        results.setDividerPositions(0.68);

        SplitPane split = new SplitPane(sideScroll, results);
        split.setDividerPositions(0.215);
        SplitPane.setResizableWithParent(sideScroll, false);

        BorderPane root = new BorderPane(split);
        root.setTop(header());
        root.setId("benchmark-page");
        root.getStyleClass().addAll("page", "benchmark-page");
        root.getStylesheets().add(Objects.requireNonNull(BenchmarkPage.class.getResource("benchmark.css")).toExternalForm());
        return root;
    }

    private Node header() {
        Label title = new Label("Benchmark");
        title.getStyleClass().add("model-title");
        Label model = new Label();
        model.setId("bench-model");
        model.getStyleClass().add("muted");
        model.textProperty().bind(vm.modelProperty().map(p -> "Model: " + p.getFileName()).orElse("No model open: open one on the Models page"));
        HBox line = new HBox(16, title, model);
        line.setAlignment(javafx.geometry.Pos.BASELINE_LEFT);
        Label machine = new Label();
        machine.setId("bench-machine");
        machine.getStyleClass().add("muted");
        machine.setWrapText(true);
        machine.textProperty().bind(vm.runCaptionProperty());
        VBox box = new VBox(4, line, machine);
        box.getStyleClass().add("model-header");
        return box;
    }

    private Node runControls() {
        Button run = new Button("Run");
        run.setId("bench-run");
        run.getStyleClass().add("accent");
        run.setDefaultButton(false);
        run.disableProperty().bind(vm.runningProperty().or(vm.modelProperty().isNull()));
        run.setOnAction(e -> vm.start());
        Button cancel = new Button("Cancel");
        cancel.setId("bench-cancel");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());

        ProgressBar bar = new ProgressBar();
        bar.setId("bench-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(vm.progressProperty());
        Label time = new Label();
        time.setId("bench-time");
        time.textProperty().bind(vm.elapsedProperty().map(e -> "Elapsed " + e).flatMap(e -> vm.remainingProperty().map(r -> e + " · remaining " + r)));
        Label status = new Label();
        status.setId("bench-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        return new VBox(6, new HBox(8, run, cancel), bar, time, status);
    }

    private Node runButtons() {
        Button load = button("bench-load", "Load…", () -> choose("Load a saved benchmark run", false).ifPresent(vm::load));
        load.disableProperty().bind(vm.runningProperty());
        Button compare = button("bench-compare", "Compare with…", () -> choose("Overlay a saved run (B)", false).ifPresent(vm::compareWith));
        Button clear = button("bench-clear-compare", "Clear B", vm::clearOverlay);
        clear.disableProperty().bind(vm.overlayProperty().isNull());
        Button csv = button("bench-export-csv", "CSV…", () -> export("csv", vm::exportCsv));
        Button json = button("bench-export-json", "JSON…", () -> export("json", vm::exportJson));
        Button png = button("bench-export-png", "Charts PNG…", () -> export("png", f -> charts.savePng(f, 1600, 1000)));
        for (Button b : new Button[]{csv, json, png}) b.disableProperty().bind(vm.runProperty().isNull());
        FlowPane runs = new FlowPane(6, 6, load, compare, clear);
        Label exportLabel = new Label("Export run A");
        exportLabel.getStyleClass().add("muted");
        FlowPane exports = new FlowPane(6, 6, csv, json, png);
        return new VBox(6, runs, exportLabel, exports);
    }

    private static Button button(String id, String text, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    private java.util.Optional<Path> choose(String title, boolean save) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().setAll(new FileChooser.ExtensionFilter("Benchmark runs (*.json)", "*.json"),
            new FileChooser.ExtensionFilter("All files", "*"));
        if (Files.isDirectory(vm.library().folder())) chooser.setInitialDirectory(vm.library().folder().toFile());
        File f = save ? chooser.showSaveDialog(owner()) : chooser.showOpenDialog(owner());
        return java.util.Optional.ofNullable(f).map(File::toPath);
    }

    private interface Export {
        void to(Path file) throws IOException;
    }

    private void export(String extension, Export export) {
        BenchRun run = vm.runProperty().get();
        if (run == null) return;
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export as " + extension.toUpperCase(java.util.Locale.ROOT));
        chooser.setInitialFileName(RunLibrary.fileName(run).replaceFirst("\\.json$", "." + extension));
        chooser.getExtensionFilters().setAll(new FileChooser.ExtensionFilter(extension.toUpperCase(java.util.Locale.ROOT), "*." + extension));
        File f = chooser.showSaveDialog(owner());
        if (f == null) return;
        try {
            export.to(f.toPath());
        } catch (IOException | RuntimeException e) {
            new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.ERROR,
                "Could not write " + f.getName() + ": " + e.getMessage()).showAndWait();
        }
    }

    private Window owner() {
        return view.getScene() == null ? null : view.getScene().getWindow();
    }

    private Node chartGrid() {
        GridPane grid = new GridPane();
        grid.setId("bench-charts");
        String[] ids = {"chart-decode", "chart-prompt", "chart-latency", "chart-memory"};
        for (int i = 0; i < 4; i++) {
            ChartViewer viewer = new ChartViewer(charts.charts().get(i));
            viewer.setId(ids[i]);
            viewer.setMinSize(200, 150);
            grid.add(viewer, i % 2, i / 2);
        }
        for (int i = 0; i < 2; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(50);
            c.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(c);
            RowConstraints r = new RowConstraints();
            r.setPercentHeight(50);
            r.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(r);
        }
        return grid;
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-heading");
        return l;
    }
}
