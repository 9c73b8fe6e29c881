package bitnet.workbench.app.chat.view;

import bitnet.workbench.app.chat.ChatViewModel;
import bitnet.workbench.app.chat.conversation.Conversation;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.io.File;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The saved conversations, newest first; select to switch, right-click to rename, export or delete. */
public final class ConversationSidebar extends VBox {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM, HH:mm", Locale.ROOT);

    private final ChatViewModel vm;
    private final ListView<Conversation> list = new ListView<>();

    public ConversationSidebar(ChatViewModel vm, Runnable newChat) {
        this.vm = vm;
        Button add = new Button("New chat");
        add.setId("new-chat");
        add.getStyleClass().add("accent");
        add.setMaxWidth(Double.MAX_VALUE);
        add.setOnAction(e -> newChat.run());

        list.setId("conversation-list");
        list.setItems(vm.conversations());
        list.setCellFactory(v -> new ConversationCell());
        VBox.setVgrow(list, Priority.ALWAYS);
        // The list changes under the selection (a conversation moves to the top when it changes), which
        // moves the selection by itself; so switching follows the user's clicks and keys, not the selection,
        // and the selection is put back on the conversation in front after every change.
        select(vm.currentProperty().get());
        vm.currentProperty().addListener((o, a, b) -> select(b));
        vm.conversations().addListener((javafx.collections.ListChangeListener<Conversation>) c -> select(vm.currentProperty().get()));
        list.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_CLICKED, e -> openSelected());
        list.addEventHandler(javafx.scene.input.KeyEvent.KEY_RELEASED, e -> {
            switch (e.getCode()) {
                case UP, DOWN, HOME, END, PAGE_UP, PAGE_DOWN, ENTER -> openSelected();
                default -> { }
            }
        });

        MenuItem rename = new MenuItem("Rename…");
        rename.setOnAction(e -> renameSelected());
        MenuItem export = new MenuItem("Export as Markdown…");
        export.setOnAction(e -> exportSelected());
        MenuItem delete = new MenuItem("Delete");
        delete.setOnAction(e -> {
            Conversation c = list.getSelectionModel().getSelectedItem();
            if (c != null) vm.delete(c);
        });
        list.setContextMenu(new ContextMenu(rename, export, new SeparatorMenuItem(), delete));

        Label heading = new Label("Chats");
        heading.getStyleClass().add("section-heading");
        getChildren().addAll(add, heading, list);
        setSpacing(8);
        getStyleClass().add("chat-sidebar");
        setPrefWidth(220);
        setMinWidth(180);
    }

    private void openSelected() {
        Conversation c = list.getSelectionModel().getSelectedItem();
        if (c != null) vm.select(c);
    }

    private void select(Conversation c) {
        if (c == null) return;
        // the list holds the same conversation under a newer value after each change; select by id
        for (int i = 0; i < list.getItems().size(); i++) {
            if (list.getItems().get(i).id().equals(c.id())) {
                if (list.getSelectionModel().getSelectedIndex() != i) list.getSelectionModel().select(i);
                return;
            }
        }
    }

    private void renameSelected() {
        Conversation c = list.getSelectionModel().getSelectedItem();
        if (c == null) return;
        TextInputDialog dialog = new TextInputDialog(c.displayTitle());
        dialog.setTitle("Rename chat");
        dialog.setHeaderText(null);
        dialog.setContentText("Name:");
        dialog.initOwner(getScene() == null ? null : getScene().getWindow());
        dialog.showAndWait().filter(s -> !s.isBlank()).ifPresent(s -> vm.rename(c, s));
    }

    private void exportSelected() {
        Conversation c = list.getSelectionModel().getSelectedItem();
        if (c == null) return;
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export chat as Markdown");
        chooser.setInitialFileName(c.displayTitle().replaceAll("[^A-Za-z0-9 _-]", "").strip().replace(' ', '-') + ".md");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Markdown (*.md)", "*.md"));
        File f = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (f != null) vm.exportMarkdown(c, f.toPath());
    }

    private static final class ConversationCell extends ListCell<Conversation> {
        private final Label title = new Label();
        private final Label when = new Label();
        private final VBox box = new VBox(1, title, when);

        ConversationCell() {
            title.getStyleClass().add("conversation-title");
            when.getStyleClass().addAll("muted", "conversation-when");
            getStyleClass().add("conversation-cell");
        }

        @Override
        protected void updateItem(Conversation c, boolean empty) {
            super.updateItem(c, empty);
            if (empty || c == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            title.setText(c.displayTitle());
            when.setText(WHEN.format(Instant.ofEpochMilli(c.updatedMillis()).atZone(ZoneId.systemDefault()))
                + " · " + c.turns().size() + (c.turns().size() == 1 ? " message" : " messages"));
            setGraphic(box);
            setText(null);
        }
    }
}
