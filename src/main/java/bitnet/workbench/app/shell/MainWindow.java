package bitnet.workbench.app.shell;

import bitnet.workbench.app.action.ActionId;
import bitnet.workbench.app.action.ActionMap;
import bitnet.workbench.app.event.EventBus;
import bitnet.workbench.app.event.OpenModelRequested;
import bitnet.workbench.app.page.Page;
import bitnet.workbench.app.page.PageId;
import bitnet.workbench.app.settings.EngineSettings;
import bitnet.workbench.app.theme.ThemeManager;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The window's frame: menu bar, sidebar, the page in front, and the status bar. It shows pages by
 * id and never looks inside them; files dropped anywhere on it become {@link OpenModelRequested}.
 */
public final class MainWindow implements AutoCloseable {
    public static final double MIN_WIDTH = 960;
    public static final double MIN_HEIGHT = 600;

    private final Scene scene;
    private final StatusViewModel status;
    private final ResidentMemoryService memory = new ResidentMemoryService();

    public MainWindow(List<Page> pages, ActionMap actions, EventBus bus, ThemeManager themes,
                      ObservableList<Path> recent, EngineSettings settings) {
        Map<PageId, Page> byId = new LinkedHashMap<>();
        pages.forEach(p -> byId.put(p.id(), p));
        List<PageId> order = List.copyOf(byId.keySet());

        NavigationModel nav = new NavigationModel(bus);
        status = new StatusViewModel(bus, settings);
        StackPane content = new StackPane();
        content.setId("page-content");
        content.getChildren().setAll(byId.get(nav.currentProperty().get()).view());
        nav.currentProperty().addListener((o, a, b) -> content.getChildren().setAll(byId.get(b).view()));

        BorderPane root = new BorderPane(content);
        root.setId("main-window");
        root.setTop(WorkbenchMenuBar.create(actions, bus, recent, themes, order));
        root.setLeft(new Sidebar(order, nav));
        root.setBottom(StatusBarView.create(status));
        acceptDroppedModels(root, bus);

        scene = new Scene(root, 1280, 800);
        themes.attach(scene);
        actions.installAccelerators(scene);
        actions.bind(ActionId.TOGGLE_THEME, themes::toggle);
        actions.bind(ActionId.ABOUT, () -> AboutDialog.show(scene.getWindow(), themes::attach));

        memory.lastValueProperty().addListener((o, a, b) -> { if (b != null) status.showResidentMemory(b); });
        memory.start();
    }

    public Scene scene() {
        return scene;
    }

    public StatusViewModel status() {
        return status;
    }

    @Override
    public void close() {
        memory.cancel();
    }

    private static void acceptDroppedModels(BorderPane root, EventBus bus) {
        root.addEventHandler(DragEvent.DRAG_OVER, e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
                if (!root.getStyleClass().contains("drag-over")) root.getStyleClass().add("drag-over");
            }
            e.consume();
        });
        root.addEventHandler(DragEvent.DRAG_EXITED, e -> root.getStyleClass().remove("drag-over"));
        root.addEventHandler(DragEvent.DRAG_DROPPED, e -> {
            root.getStyleClass().remove("drag-over");
            var model = DroppedFiles.modelToOpen(e.getDragboard().getFiles());
            model.ifPresent(p -> bus.publish(new OpenModelRequested(p)));
            e.setDropCompleted(model.isPresent());
            e.consume();
        });
    }
}
