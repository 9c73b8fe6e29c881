package bitnet.workbench.app.models;

import bitnet.workbench.app.action.ActionId;
import bitnet.workbench.app.action.ActionMap;
import bitnet.workbench.app.format.Units;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.function.Function;

/** The open model's name, where it lives, its totals, and the Open/Unload buttons with load progress. */
final class ModelHeader extends VBox {

    ModelHeader(ModelsViewModel vm, ActionMap actions) {
        Label name = label("model-name", "model-title", vm, m -> m == null ? "No model open" : m.fileName());
        Label subtitle = label("model-subtitle", "muted", vm, m -> m == null
            ? "Open a GGUF file (" + shortcut(ActionId.OPEN_MODEL) + "), drop one onto the window, or pick a recent one."
            : (m.summary().name().isBlank() ? "" : m.summary().name() + "  ·  ") + m.path().getParent());

        Button open = new Button("Open…");
        open.setId("open-model");
        open.getStyleClass().add("accent");
        open.setOnAction(e -> actions.fire(ActionId.OPEN_MODEL));
        Button unload = new Button("Unload");
        unload.setId("unload-model");
        unload.disableProperty().bind(actions.availableProperty(ActionId.UNLOAD_MODEL).not());
        unload.setOnAction(e -> actions.fire(ActionId.UNLOAD_MODEL));

        ProgressBar bar = new ProgressBar();
        bar.setId("load-progress");
        bar.progressProperty().bind(vm.progressProperty());
        bar.setPrefWidth(140);
        Label loading = new Label();
        loading.textProperty().bind(vm.loadingTextProperty());
        HBox progress = new HBox(8, loading, bar);
        progress.setAlignment(Pos.CENTER_RIGHT);
        progress.visibleProperty().bind(vm.loadingProperty());
        progress.managedProperty().bind(progress.visibleProperty());

        VBox titles = new VBox(2, name, subtitle);
        HBox.setHgrow(titles, Priority.ALWAYS);
        titles.setMinWidth(0);
        open.setMinWidth(Region.USE_PREF_SIZE);
        unload.setMinWidth(Region.USE_PREF_SIZE);
        HBox top = new HBox(10, titles, progress, open, unload);
        top.setAlignment(Pos.CENTER_LEFT);

        HBox totals = new HBox(28,
            total("total-architecture", "Architecture", vm, m -> m.summary().architecture()),
            total("total-parameters", "Parameters", vm, m -> Units.count(m.summary().parameters())),
            total("total-ternary", "Ternary share", vm, m -> Units.percent(m.summary().ternaryShare())),
            total("total-file-size", "File size", vm, m -> Units.bytes(m.summary().fileSize())),
            total("total-tensors", "Tensors", vm, m -> Integer.toString(m.summary().tensorCount())));
        totals.visibleProperty().bind(vm.modelProperty().isNotNull());
        totals.managedProperty().bind(totals.visibleProperty());

        getChildren().addAll(top, totals);
        setSpacing(12);
        getStyleClass().add("model-header");
    }

    private static String shortcut(ActionId id) {
        return id.accelerator().map(k -> k.getDisplayText()).orElse("");
    }

    private static Label label(String id, String style, ModelsViewModel vm, Function<OpenedModel, String> text) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add(style);
        l.textProperty().bind(Bindings.createStringBinding(() -> text.apply(vm.modelProperty().get()), vm.modelProperty()));
        return l;
    }

    private static Region total(String id, String caption, ModelsViewModel vm, Function<OpenedModel, String> value) {
        Label c = new Label(caption);
        c.getStyleClass().add("total-caption");
        Label v = label(id, "total-value", vm, m -> m == null ? "" : value.apply(m));
        return new VBox(2, c, v);
    }
}
