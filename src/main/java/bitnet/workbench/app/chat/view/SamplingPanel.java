package bitnet.workbench.app.chat.view;

import bitnet.workbench.app.chat.SamplingViewModel;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

/** Temperature, top-k, top-p, min-p, repetition penalty, max tokens and seed, each a spinner. */
public final class SamplingPanel extends GridPane {
    private int row;

    public SamplingPanel(SamplingViewModel vm) {
        decimal("temperature", "Temperature", "0 = always the most likely token (greedy)", vm.temperatureProperty(), 0, 2, 0.05);
        integer("top-k", "Top-k", "Keep the k most likely tokens; 0 = off", vm.topKProperty(), 0, 1000, 1);
        decimal("top-p", "Top-p", "Keep the most likely tokens up to this probability; 1 = off", vm.topPProperty(), 0, 1, 0.05);
        decimal("min-p", "Min-p", "Drop tokens less likely than this share of the best; 0 = off", vm.minPProperty(), 0, 1, 0.01);
        decimal("repeat-penalty", "Repeat penalty", "Discourages recent tokens; 1 = off", vm.repeatPenaltyProperty(), 0.5, 2, 0.05);
        integer("max-tokens", "Max tokens", "The most tokens one reply may have", vm.maxTokensProperty(), 1, SamplingViewModel.MAX_TOKENS_LIMIT, 64);
        seed(vm.seedProperty());
        ColumnConstraints labels = new ColumnConstraints();
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        getColumnConstraints().setAll(labels, fields);
        setHgap(10);
        setVgap(6);
        getStyleClass().add("sampling-panel");
    }

    private void decimal(String id, String label, String help, DoubleProperty p, double min, double max, double step) {
        SpinnerValueFactory.DoubleSpinnerValueFactory f = new SpinnerValueFactory.DoubleSpinnerValueFactory(min, max, Math.clamp(p.get(), min, max), step);
        f.setConverter(new javafx.util.converter.DoubleStringConverter() {
            @Override
            public String toString(Double v) {
                return v == null ? "" : String.format(java.util.Locale.ROOT, "%.2f", v);
            }
        });
        Spinner<Double> s = new Spinner<>(f);
        f.valueProperty().addListener((o, a, b) -> { if (b != null) p.set(b); });
        p.addListener((o, a, b) -> f.setValue(b.doubleValue()));
        add(id, label, help, s);
    }

    private void integer(String id, String label, String help, IntegerProperty p, int min, int max, int step) {
        SpinnerValueFactory.IntegerSpinnerValueFactory f = new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, Math.clamp(p.get(), min, max), step);
        Spinner<Integer> s = new Spinner<>(f);
        f.valueProperty().addListener((o, a, b) -> { if (b != null) p.set(b); });
        p.addListener((o, a, b) -> f.setValue(b.intValue()));
        add(id, label, help, s);
    }

    private void seed(LongProperty p) {
        SpinnerValueFactory.IntegerSpinnerValueFactory f = new SpinnerValueFactory.IntegerSpinnerValueFactory(-1, Integer.MAX_VALUE,
            (int) Math.clamp(p.get(), -1, Integer.MAX_VALUE), 1);
        Spinner<Integer> s = new Spinner<>(f);
        f.valueProperty().addListener((o, a, b) -> { if (b != null) p.set(b); });
        p.addListener((o, a, b) -> f.setValue((int) Math.clamp(b.longValue(), -1, Integer.MAX_VALUE)));
        add("seed", "Seed", "-1 = a new random seed for every reply", s);
    }

    private void add(String id, String label, String help, Spinner<?> spinner) {
        spinner.setId(id);
        spinner.setEditable(true);
        spinner.setMaxWidth(Double.MAX_VALUE);
        spinner.setPrefWidth(110);
        Label l = new Label(label);
        l.setLabelFor(spinner);
        Tooltip.install(l, new Tooltip(help));
        spinner.setTooltip(new Tooltip(help));
        addRow(row++, l, spinner);
    }
}
