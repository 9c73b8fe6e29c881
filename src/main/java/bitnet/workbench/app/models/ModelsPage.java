package bitnet.workbench.app.models;

import bitnet.workbench.app.action.ActionId;
import bitnet.workbench.app.action.ActionMap;
import bitnet.workbench.app.event.EventBus;
import bitnet.workbench.app.event.PageRequested;
import bitnet.workbench.app.page.Page;
import bitnet.workbench.app.page.PageId;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Models: open a GGUF file, see its totals, tensors and metadata, and choose engine settings. Binds
 * the Open and Unload actions, so the menu and Ctrl+O reach it without knowing it.
 */
public final class ModelsPage implements Page {
    private final ModelsViewModel vm;
    private final EventBus bus;
    private final Path defaultFolder;
    private final BorderPane view;

    public ModelsPage(ModelsViewModel vm, EngineSettingsViewModel settings, ActionMap actions, EventBus bus, Path defaultFolder) {
        this.vm = vm;
        this.bus = bus;
        this.defaultFolder = defaultFolder;
        this.view = build(settings, actions);
        actions.bind(ActionId.OPEN_MODEL, this::chooseAndOpen);
        actions.bind(ActionId.UNLOAD_MODEL, vm::unload, vm.modelProperty().isNotNull());
    }

    @Override
    public PageId id() {
        return PageId.MODELS;
    }

    @Override
    public Node view() {
        return view;
    }

    private BorderPane build(EngineSettingsViewModel settings, ActionMap actions) {
        VBox top = new VBox(new ErrorBanner(vm), new ModelHeader(vm, actions));

        TabPane tabs = new TabPane(
            tab("tab-tensors", "Tensors", new TensorTableView(vm)),
            tab("tab-metadata", "Metadata", MetadataSheet.create(vm)));
        tabs.setId("model-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        RecentModelsView recent = new RecentModelsView(vm);
        VBox.setVgrow(recent, Priority.ALWAYS);
        VBox side = new VBox(8, heading("Recent models"), recent, heading("Engine settings"), new EngineSettingsPane(settings, vm));
        side.getStyleClass().add("side-panel");
        side.setMinWidth(220);

        SplitPane split = new SplitPane(tabs, side);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.72);
        SplitPane.setResizableWithParent(side, false);

        BorderPane root = new BorderPane(split);
        root.setTop(top);
        root.setId("models-page");
        root.getStyleClass().add("page");
        return root;
    }

    private static Tab tab(String id, String title, Node content) {
        Tab t = new Tab(title, content);
        t.setId(id);
        return t;
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-heading");
        return l;
    }

    private void chooseAndOpen() {
        bus.publish(new PageRequested(PageId.MODELS));
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a GGUF model");
        chooser.getExtensionFilters().setAll(
            new FileChooser.ExtensionFilter("GGUF models (*.gguf)", "*.gguf"),
            new FileChooser.ExtensionFilter("All files", "*"));
        Path start = vm.recentModels().isEmpty() ? defaultFolder : vm.recentModels().getFirst().getParent();
        if (start != null && Files.isDirectory(start)) chooser.setInitialDirectory(start.toFile());
        Window owner = view.getScene() == null ? null : view.getScene().getWindow();
        File chosen = chooser.showOpenDialog(owner);
        if (chosen != null) vm.open(chosen.toPath());
    }
}
