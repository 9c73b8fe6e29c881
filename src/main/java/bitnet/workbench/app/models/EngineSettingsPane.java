package bitnet.workbench.app.models;

import javafx.geometry.HPos;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

/** Threads, kernel variant, context size and output head; values go through the view model, which clamps and saves. */
final class EngineSettingsPane extends GridPane {

    EngineSettingsPane(EngineSettingsViewModel vm, ModelsViewModel models) {
        Spinner<Integer> threads = new Spinner<>(1, vm.maxThreads(), vm.threadsProperty().get());
        threads.setId("threads");
        threads.setEditable(true);
        threads.valueProperty().addListener((o, a, b) -> { if (b != null) vm.setThreads(b); });
        vm.threadsProperty().addListener((o, a, b) -> threads.getValueFactory().setValue(b.intValue()));

        ChoiceBox<String> kernel = choice("kernel", vm.kernelVariants(), vm.kernelVariantProperty(), vm::setKernelVariant);

        ChoiceBox<String> head = choice("output-head", vm.outputHeads(), vm.outputHeadProperty(), vm::setOutputHead);
        head.setTooltip(new javafx.scene.control.Tooltip("float: the file's weights and float activations (the reference).\n"
            + "int8: int8 activations × the Q6_K weights repacked at load (a float head is quantized to Q6_K first) — fastest;\n"
            + "moves logits slightly (./workbench head-check measures it).\nauto: int8 for a Q6_K head under the vector kernels, else float."));

        SpinnerValueFactory.IntegerSpinnerValueFactory contextValues = new SpinnerValueFactory.IntegerSpinnerValueFactory(
            vm.minContextSize(), vm.maxContextSize(), vm.contextSizeProperty().get(), 256);
        Spinner<Integer> context = new Spinner<>(contextValues);
        context.setId("context-size");
        context.setEditable(true);
        context.valueProperty().addListener((o, a, b) -> { if (b != null) vm.setContextSize(b); });
        vm.contextSizeProperty().addListener((o, a, b) -> contextValues.setValue(b.intValue()));

        addRow(0, new Label("Threads"), threads);
        addRow(1, new Label("Kernel"), kernel);
        addRow(2, new Label("Context"), context);
        addRow(3, new Label("Output head"), head);
        Label note = new Label("Applied when a model is loaded.");
        note.getStyleClass().add("muted");
        note.setWrapText(true);
        add(note, 0, 4, 2, 1);
        javafx.scene.control.Button reload = new javafx.scene.control.Button("Reload model to apply");
        reload.setId("reload-model");
        reload.getStyleClass().add("accent");
        reload.setOnAction(e -> models.reload());
        reload.visibleProperty().bind(models.reloadNeededProperty());
        reload.managedProperty().bind(reload.visibleProperty());
        reload.disableProperty().bind(models.loadingProperty());
        add(reload, 0, 5, 2, 1);
        for (javafx.scene.Node n : new javafx.scene.Node[]{threads, kernel, context, head}) ((javafx.scene.layout.Region) n).setMaxWidth(Double.MAX_VALUE);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setHalignment(HPos.LEFT);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        getColumnConstraints().setAll(labels, fields);
        setHgap(10);
        setVgap(8);
        getStyleClass().add("engine-settings");
    }

    /** A choice that shows {@code value} and sends the user's picks to {@code choose}, which clamps and saves. */
    private static ChoiceBox<String> choice(String id, java.util.List<String> items, javafx.beans.property.ReadOnlyStringProperty value,
                                            java.util.function.Consumer<String> choose) {
        ChoiceBox<String> box = new ChoiceBox<>();
        box.setId(id);
        box.getItems().setAll(items);
        box.setValue(value.get());
        box.valueProperty().addListener((o, a, b) -> { if (b != null) choose.accept(b); });
        value.addListener((o, a, b) -> box.setValue(b));
        return box;
    }
}
