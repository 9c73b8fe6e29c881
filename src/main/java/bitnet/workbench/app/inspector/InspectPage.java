package bitnet.workbench.app.inspector;

import bitnet.workbench.app.event.ChatTurnCompleted;
import bitnet.workbench.app.event.EventBus;
import bitnet.workbench.app.event.ModelClosed;
import bitnet.workbench.app.event.ModelOpened;
import bitnet.workbench.app.page.Page;
import bitnet.workbench.app.page.PageId;
import bitnet.workbench.app.theme.Theme;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Inspect: look inside the current model. Overview charts across layers, one tensor in detail,
 * activation scales of a prompt, and for float models a ternarize preview. Knows the current model
 * only through the event bus.
 */
public final class InspectPage implements Page {
    private final InspectViewModel vm;
    private final BorderPane view = new BorderPane();
    private final OverviewTab overview;
    private final TensorTab tensor;
    private final ActivationsTab activations;
    private final TernarizeTab ternarize;
    private final TabPane tabs;

    /**
     * @param cacheDir where statistics are cached between runs (null: no cache)
     */
    public InspectPage(EventBus bus, ObservableValue<Theme> theme, Path cacheDir) {
        this.vm = new InspectViewModel(cacheDir);
        view.setId("inspect-page");
        view.getStyleClass().add("page");
        view.getStylesheets().add(Objects.requireNonNull(InspectPage.class.getResource("inspect.css")).toExternalForm());

        tensor = new TensorTab(vm, theme);
        activations = new ActivationsTab(vm, theme);
        bus.subscribe(ChatTurnCompleted.class, e -> activations.setLastChatTurn(e.asText()));
        ternarize = new TernarizeTab(vm);
        Tab tensorTab = tab("tab-inspect-tensor", "Tensor", tensor);
        tabs = new TabPane();
        overview = new OverviewTab(vm, theme, () -> tabs.getSelectionModel().select(tensorTab));
        tabs.getTabs().setAll(tab("tab-inspect-overview", "Overview", overview), tensorTab,
            tab("tab-inspect-activations", "Activations", activations), tab("tab-inspect-ternarize", "Ternarize preview", ternarize));
        tabs.setId("inspect-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        Label title = new Label("No model");
        title.setId("inspect-model");
        title.getStyleClass().add("model-title");
        vm.modelProperty().addListener((o, a, p) -> title.setText(p == null ? "No model" : String.valueOf(p.getFileName())));
        Label status = new Label();
        status.setId("inspect-status");
        status.getStyleClass().add("muted");
        status.textProperty().bind(vm.statusProperty());
        ProgressBar progress = new ProgressBar();
        progress.setId("inspect-progress");
        progress.setPrefWidth(180);
        progress.progressProperty().bind(vm.progressProperty());
        progress.visibleProperty().bind(vm.scanningProperty());
        Label error = new Label();
        error.setId("inspect-error");
        error.getStyleClass().add("inspect-error");
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        error.setWrapText(true);
        HBox header = new HBox(14, title, progress, status);
        header.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(status, Priority.ALWAYS);
        VBox top = new VBox(4, header, error);
        top.getStyleClass().add("inspect-header");
        top.setPadding(new Insets(10, 16, 8, 16));
        view.setTop(top);
        view.setCenter(tabs);

        bus.subscribe(ModelOpened.class, e -> vm.modelOpened(e.path()));
        bus.subscribe(ModelClosed.class, e -> vm.modelClosed());
        view.sceneProperty().addListener((o, a, s) -> vm.setShowing(s != null));
        theme.addListener((o, a, b) -> {
            overview.restyleSeriesColours();
            tensor.show(vm.selectedTensorProperty().get());
        });
    }

    private static Tab tab(String id, String title, Node content) {
        Tab t = new Tab(title, content);
        t.setId(id);
        return t;
    }

    @Override
    public PageId id() {
        return PageId.INSPECT;
    }

    @Override
    public Node view() {
        return view;
    }

    public InspectViewModel viewModel() { return vm; }

    OverviewTab overview() { return overview; }

    TensorTab tensor() { return tensor; }

    ActivationsTab activations() { return activations; }

    TernarizeTab ternarize() { return ternarize; }

    TabPane tabs() { return tabs; }
}
