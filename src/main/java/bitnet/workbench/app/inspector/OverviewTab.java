package bitnet.workbench.app.inspector;

import bitnet.workbench.app.theme.Theme;
import bitnet.workbench.inspect.ModelStatistics;
import bitnet.workbench.inspect.TensorStats;
import bitnet.workbench.inspect.TernaryCounts;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

import java.util.Locale;
import java.util.function.Function;

/** Charts across layers (shares of −1/0/+1, sparsity, scales) and a table of every tensor. */
final class OverviewTab extends BorderPane {
    private final InspectViewModel vm;
    private final ObservableValue<Theme> theme;
    final ChartCard shares;
    final ChartCard sparsity;
    final ChartCard scales;
    private final ComboBox<String> layerChoice = new ComboBox<>();
    final TableView<TensorStats> table = new TableView<>();

    OverviewTab(InspectViewModel vm, ObservableValue<Theme> theme, Runnable showTensor) {
        this.vm = vm;
        this.theme = theme;
        shares = new ChartCard("chart-shares", "ternary-shares", theme, false);
        sparsity = new ChartCard("chart-sparsity", "sparsity-by-layer", theme, false);
        scales = new ChartCard("chart-scales", "scale-by-layer", theme, false);

        layerChoice.setId("overview-layer");
        layerChoice.valueProperty().addListener((o, a, b) -> redrawShares());
        Label layerLabel = new Label("Shares for");
        HBox controls = new HBox(8, layerLabel, layerChoice);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.setPadding(new Insets(0, 0, 6, 0));

        HBox charts = new HBox(12, shares, sparsity, scales);
        for (ChartCard c : new ChartCard[] {shares, sparsity, scales}) {
            HBox.setHgrow(c, Priority.ALWAYS);
            c.setPrefWidth(300);
            c.setMaxWidth(Double.MAX_VALUE);
        }
        BorderPane top = new BorderPane(charts);
        top.setTop(controls);
        top.setPadding(new Insets(8, 12, 4, 12));

        buildTable();
        table.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && table.getSelectionModel().getSelectedItem() != null) showTensor.run();
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) vm.selectedTensorProperty().set(b);
        });
        SplitPane split = new SplitPane(top, table);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.6);
        setCenter(split);

        vm.statisticsProperty().addListener((o, a, s) -> show(s));
        show(vm.statisticsProperty().get());
    }

    private void show(ModelStatistics s) {
        if (s == null) {
            for (ChartCard c : new ChartCard[] {shares, sparsity, scales}) {
                c.setChart(null);
                c.setExplanation("");
            }
            layerChoice.getItems().clear();
            return;
        }
        layerChoice.getItems().setAll("all layers");
        for (int l = 0; l < s.layerCount(); l++) layerChoice.getItems().add("layer " + l);
        layerChoice.getSelectionModel().selectFirst();
        redrawShares();
        sparsity.setChart(Charts.sparsity(s));
        sparsity.setExplanation(Explanations.sparsity(s));
        scales.setChart(Charts.scales(s));
        scales.setExplanation(Explanations.scales(s));
    }

    private void redrawShares() {
        ModelStatistics s = vm.statisticsProperty().get();
        if (s == null) return;
        int idx = layerChoice.getSelectionModel().getSelectedIndex();
        shares.setChart(Charts.ternaryShares(s, idx <= 0 ? -1 : idx - 1, theme.getValue()));
        shares.setExplanation(Explanations.shares(s));
    }

    void restyleSeriesColours() {
        redrawShares();
    }

    private void buildTable() {
        table.setId("overview-table");
        table.setPlaceholder(new Label("Statistics appear here as each tensor is done."));
        table.getColumns().add(col("Tensor", 210, TensorStats::name));
        table.getColumns().add(col("Layer", 55, t -> t.layer() < 0 ? "" : Integer.toString(t.layer())));
        table.getColumns().add(col("Proj.", 55, t -> t.projection() == null ? "" : t.projection().label()));
        table.getColumns().add(col("Type", 60, t -> t.type().name()));
        table.getColumns().add(col("Shape", 95, TensorStats::shapeText));
        table.getColumns().add(numeric("−1", 70, t -> share(t, TernaryCounts::minusShare)));
        table.getColumns().add(numeric("0 (sparsity)", 90, t -> share(t, TernaryCounts::zeroShare)));
        table.getColumns().add(numeric("+1", 70, t -> share(t, TernaryCounts::plusShare)));
        table.getColumns().add(numeric("Scale", 110, OverviewTab::scaleText));
        table.getColumns().add(numeric("Bits/w", 65, t -> Double.isNaN(t.bitsPerWeight()) ? "–" : String.format(Locale.ROOT, "%.3f", t.bitsPerWeight())));
        table.getColumns().add(numeric("Bytes", 90, t -> String.format(Locale.ROOT, "%,d", t.bytes())));
        SortedList<TensorStats> sorted = new SortedList<>(vm.tensors());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    }

    private static String share(TensorStats t, Function<TernaryCounts, Double> f) {
        if (t.counts() != null) return Explanations.pct(f.apply(t.counts()));
        return "–";
    }

    private static String scaleText(TensorStats t) {
        if (t.scale() == null) return "–";
        if (t.scale().min() == t.scale().max()) return Explanations.num(t.scale().mean());
        return Explanations.num(t.scale().mean()) + " (blocks)";
    }

    private static TableColumn<TensorStats, String> col(String title, double width, Function<TensorStats, String> value) {
        TableColumn<TensorStats, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        return c;
    }

    private static TableColumn<TensorStats, String> numeric(String title, double width, Function<TensorStats, String> value) {
        TableColumn<TensorStats, String> c = col(title, width, value);
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        return c;
    }
}
