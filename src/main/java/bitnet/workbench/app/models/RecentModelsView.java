package bitnet.workbench.app.models;

import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;

import java.nio.file.Path;

/** Recently opened models; a double click or Enter opens one again. */
final class RecentModelsView extends ListView<Path> {

    RecentModelsView(ModelsViewModel vm) {
        super(vm.recentModels());
        setId("recent-list");
        setPlaceholder(new Label("Models you open appear here."));
        setCellFactory(l -> new Cell(vm));
        setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) openSelected(vm);
        });
        setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) openSelected(vm);
        });
    }

    private void openSelected(ModelsViewModel vm) {
        Path p = getSelectionModel().getSelectedItem();
        if (p != null) vm.open(p);
    }

    private static final class Cell extends ListCell<Path> {
        private final ContextMenu menu = new ContextMenu();

        Cell(ModelsViewModel vm) {
            MenuItem open = new MenuItem("Open");
            open.setOnAction(e -> { if (getItem() != null) vm.open(getItem()); });
            MenuItem forget = new MenuItem("Remove from list");
            forget.setOnAction(e -> { if (getItem() != null) vm.forgetRecent(getItem()); });
            menu.getItems().addAll(open, forget);
        }

        @Override
        protected void updateItem(Path item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
                setTooltip(null);
                setContextMenu(null);
            } else {
                setText(String.valueOf(item.getFileName()));
                setTooltip(new Tooltip(item.toString()));
                setContextMenu(menu);
            }
        }
    }
}
