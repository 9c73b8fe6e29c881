package bitnet.workbench.app.inspector;

import bitnet.workbench.app.theme.Theme;
import bitnet.workbench.inspect.RawWeight;
import bitnet.workbench.inspect.ScaleSummary;
import bitnet.workbench.inspect.TensorStats;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.Locale;
import java.util.function.Function;

/** One tensor: its histogram, storage facts, and the first weights of row 0 as stored. */
final class TensorTab extends BorderPane {
    private final InspectViewModel vm;
    private final ObservableValue<Theme> theme;
    final ComboBox<TensorStats> choice = new ComboBox<>();
    final ChartCard histogram;
    final ChartCard preview;
    private final GridPane facts = new GridPane();
    final TableView<RawWeight> sample = new TableView<>();
    private final HBox charts;

    TensorTab(InspectViewModel vm, ObservableValue<Theme> theme) {
        this.vm = vm;
        this.theme = theme;
        histogram = new ChartCard("chart-tensor-histogram", "tensor-histogram", theme, true);
        preview = new ChartCard("chart-tensor-preview", "absmean-preview", theme, true);

        choice.setId("tensor-choice");
        choice.setItems(vm.tensors());
        choice.setVisibleRowCount(20);
        choice.setCellFactory(l -> new NameCell());
        choice.setButtonCell(new NameCell());
        choice.valueProperty().addListener((o, a, b) -> {
            if (b != null && b != vm.selectedTensorProperty().get()) vm.selectedTensorProperty().set(b);
        });
        vm.selectedTensorProperty().addListener((o, a, b) -> show(b));

        HBox top = new HBox(8, new Label("Tensor"), choice);
        top.setAlignment(Pos.CENTER_LEFT);
        charts = new HBox(12, histogram);
        HBox.setHgrow(histogram, Priority.ALWAYS);
        histogram.setMaxWidth(Double.MAX_VALUE);
        preview.setMaxWidth(Double.MAX_VALUE);

        facts.setId("tensor-facts");
        facts.setHgap(14);
        facts.setVgap(4);
        buildSample();
        Label sampleTitle = new Label("First weights of row 0, as stored");
        sampleTitle.getStyleClass().add("section-heading");
        VBox factsBox = new VBox(6, facts);
        factsBox.setMinWidth(300);
        factsBox.setPrefWidth(300);
        VBox sampleBox = new VBox(4, sampleTitle, sample);
        VBox.setVgrow(sample, Priority.ALWAYS);
        HBox bottom = new HBox(16, factsBox, sampleBox);
        HBox.setHgrow(sampleBox, Priority.ALWAYS);
        bottom.setPrefHeight(260);

        VBox box = new VBox(10, top, charts, bottom);
        VBox.setVgrow(charts, Priority.ALWAYS);
        box.setPadding(new Insets(8, 12, 8, 12));
        setCenter(box);
        show(vm.selectedTensorProperty().get());
    }

    private static final class NameCell extends ListCell<TensorStats> {
        @Override
        protected void updateItem(TensorStats t, boolean empty) {
            super.updateItem(t, empty);
            setText(empty || t == null ? null : t.name() + "  (" + t.type() + ")");
        }
    }

    void show(TensorStats t) {
        if (choice.getValue() != t) choice.setValue(t);
        facts.getChildren().clear();
        if (t == null) {
            histogram.setChart(null);
            histogram.setExplanation("Choose a tensor.");
            charts.getChildren().setAll(histogram);
            sample.getItems().clear();
            return;
        }
        if (t.counts() != null) {
            histogram.setChart(Charts.ternaryHistogram("Stored weights of " + t.name(), t.counts(), theme.getValue()));
        } else if (t.histogram() != null) {
            histogram.setChart(Charts.floatHistogram("Values of " + t.name(), "weight value", t.histogram()));
        } else {
            histogram.setChart(null);
        }
        histogram.setExplanation(Explanations.tensor(t));
        if (t.absmean() != null) {
            preview.setChart(Charts.ternaryHistogram("After absmean ternarization (γ = " + Explanations.num(t.absmean().scale()) + ")",
                t.absmean().counts(), theme.getValue()));
            preview.setExplanation(Explanations.preview(t));
            charts.getChildren().setAll(histogram, preview);
            HBox.setHgrow(preview, Priority.ALWAYS);
        } else {
            charts.getChildren().setAll(histogram);
        }
        int row = 0;
        fact(row++, "type", "Storage type", t.type().name());
        fact(row++, "shape", "Shape", t.shapeText());
        fact(row++, "weights", "Weights", String.format(Locale.ROOT, "%,d", t.elements()));
        fact(row++, "bytes", "Bytes", String.format(Locale.ROOT, "%,d", t.bytes()));
        fact(row++, "bits", "Bits per weight", String.format(Locale.ROOT, "%.3f", t.bitsPerWeight()));
        if (t.scale() != null) {
            ScaleSummary s = t.scale();
            fact(row++, "scale", s.kind() == ScaleSummary.Kind.PER_TENSOR ? "Tensor scale" : "Block scales d", s.kind() == ScaleSummary.Kind.PER_TENSOR
                ? Explanations.num(s.mean())
                : String.format(Locale.ROOT, "%s blocks, mean %s, min %s, max %s", String.format(Locale.ROOT, "%,d", s.count()),
                    Explanations.num(s.mean()), Explanations.num(s.min()), Explanations.num(s.max())));
        }
        if (t.counts() != null) {
            fact(row++, "counts", "−1 / 0 / +1", String.format(Locale.ROOT, "%,d / %,d / %,d", t.counts().minus(), t.counts().zero(), t.counts().plus()));
            fact(row++, "sparsity", "Sparsity", Explanations.pct(t.counts().sparsity()));
        }
        if (t.values() != null) fact(row++, "range", "Range", Explanations.num(t.values().min()) + " … " + Explanations.num(t.values().max()));
        sample.getItems().setAll(t.sample());
        boolean packed = t.counts() != null;
        for (TableColumn<RawWeight, ?> c : sample.getColumns()) {
            if ("packed".equals(c.getUserData())) c.setVisible(packed);
        }
    }

    private void fact(int row, String id, String name, String value) {
        Label n = new Label(name);
        n.getStyleClass().add("muted");
        n.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label v = new Label(value);
        v.setId("fact-" + id);
        v.setWrapText(true);
        facts.addRow(row, n, v);
    }

    private void buildSample() {
        sample.setId("tensor-sample");
        sample.setPlaceholder(new Label("No raw sample for this type."));
        sample.getColumns().add(col("#", 40, w -> Long.toString(w.index()), false));
        sample.getColumns().add(col("Byte offset", 80, w -> w.byteOffset() < 0 ? "–" : Long.toString(w.byteOffset()), false));
        sample.getColumns().add(col("Byte (binary)", 110, w -> w.byteValue() < 0 ? "" : binary(w.byteValue()), true));
        sample.getColumns().add(col("Where", 90, RawWeight::position, true));
        sample.getColumns().add(col("Code / raw bits", 100, RawWeight::codeText, false));
        sample.getColumns().add(col("Weight", 60, w -> w.ternary() > 0 ? "+" + w.ternary() : Integer.toString(w.ternary()), true));
        sample.getColumns().add(col("Value", 100, w -> Explanations.num(w.value()), false));
        sample.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    }

    static String binary(int b) {
        String s = String.format("%8s", Integer.toBinaryString(b)).replace(' ', '0');
        return s.substring(0, 2) + " " + s.substring(2, 4) + " " + s.substring(4, 6) + " " + s.substring(6);
    }

    private static TableColumn<RawWeight, String> col(String title, double width, Function<RawWeight, String> f, boolean packedOnly) {
        TableColumn<RawWeight, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(f.apply(d.getValue())));
        if (packedOnly) c.setUserData("packed");
        return c;
    }
}
