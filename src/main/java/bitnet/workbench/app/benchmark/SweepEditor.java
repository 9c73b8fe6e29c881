package bitnet.workbench.app.benchmark;

import javafx.beans.property.IntegerProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Presets, thread counts, kernels, prompt and generation lengths, repetitions and warm-up. */
final class SweepEditor extends VBox {

    SweepEditor(SweepSettings sweep) {
        super(8);
        getStyleClass().add("sweep-editor");

        Button quick = new Button(SweepPreset.QUICK.label());
        quick.setId("preset-quick");
        quick.setOnAction(e -> sweep.apply(SweepPreset.QUICK));
        Button full = new Button(SweepPreset.FULL.label());
        full.setId("preset-full");
        full.setOnAction(e -> sweep.apply(SweepPreset.FULL));
        HBox presets = new HBox(6, new Label("Preset"), quick, full);
        presets.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        FlowPane threads = new FlowPane(8, 4);
        threads.setId("sweep-threads");
        for (int t : sweep.threadChoices()) {
            CheckBox box = new CheckBox(Integer.toString(t));
            box.setId("threads-" + t);
            box.setSelected(sweep.threads().contains(t));
            box.selectedProperty().addListener((o, was, now) -> sweep.setThreadChosen(t, now));
            sweep.threads().addListener((ListChangeListener<Integer>) c -> box.setSelected(sweep.threads().contains(t)));
            threads.getChildren().add(box);
        }

        FlowPane kernels = new FlowPane(8, 4);
        kernels.setId("sweep-kernels");
        for (String k : sweep.kernelChoices()) {
            CheckBox box = new CheckBox(k);
            box.setId("kernel-" + k);
            box.setSelected(sweep.kernels().contains(k));
            box.selectedProperty().addListener((o, was, now) -> sweep.setKernelChosen(k, now));
            sweep.kernels().addListener((ListChangeListener<String>) c -> box.setSelected(sweep.kernels().contains(k)));
            kernels.getChildren().add(box);
        }

        GridPane lengths = new GridPane();
        lengths.setHgap(8);
        lengths.setVgap(6);
        lengths.addRow(0, new Label("Prompt tokens"), spinner("sweep-pp", sweep.promptTokensProperty(), 1, 4096, 16));
        lengths.addRow(1, new Label("Generated tokens"), spinner("sweep-tg", sweep.decodeTokensProperty(), 1, 4096, 16));
        lengths.addRow(2, new Label("Repetitions"), spinner("sweep-reps", sweep.repetitionsProperty(), 1, 100, 1));
        lengths.addRow(3, new Label("Warm-up"), spinner("sweep-warmup", sweep.warmupProperty(), 0, 20, 1));
        CheckBox afterPrompt = new CheckBox("Decode after the prompt");
        afterPrompt.setId("sweep-decode-after-prompt");
        afterPrompt.setTooltip(new Tooltip(
            "Off: generated tokens start from an empty context, as llama-bench's tg.\nOn: they follow the prompt, as a chat reply, and also read its keys and values."));
        afterPrompt.selectedProperty().bindBidirectional(sweep.decodeAfterPromptProperty());
        lengths.add(afterPrompt, 0, 4, 2, 1);

        Label threadsLabel = new Label("Threads (" + sweep.cores() + " cores)");
        threadsLabel.getStyleClass().add("field-label");
        Label kernelsLabel = new Label("Kernels");
        kernelsLabel.getStyleClass().add("field-label");
        getChildren().addAll(presets, threadsLabel, threads, kernelsLabel, kernels, lengths);
        setPadding(new Insets(0, 0, 4, 0));
        VBox.setVgrow(lengths, Priority.NEVER);
    }

    private static Spinner<Integer> spinner(String id, IntegerProperty value, int min, int max, int step) {
        SpinnerValueFactory.IntegerSpinnerValueFactory f = new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, value.get(), step);
        Spinner<Integer> s = new Spinner<>(f);
        s.setId(id);
        s.setEditable(true);
        s.setPrefWidth(84);
        f.valueProperty().addListener((o, was, now) -> { if (now != null) value.set(now); });
        value.addListener((o, was, now) -> f.setValue(now.intValue()));
        return s;
    }
}
