package bitnet.workbench.app.chat.view;

import bitnet.workbench.app.chat.conversation.ChatTurn;
import bitnet.workbench.app.chat.conversation.Role;
import bitnet.workbench.app.chat.conversation.StatsText;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.function.BiConsumer;

/**
 * One turn: who wrote it, its text rendered from Markdown, and its actions: a user message can be
 * edited and sent again, a reply copied; a reply shows its statistics when it is done.
 */
final class MessageView extends VBox {
    private final Label author = new Label();
    private final MarkdownView body = new MarkdownView();
    /** The paragraph a reply is still writing, as plain text; empty and out of the layout otherwise. */
    private final StreamingText streamingText = new StreamingText();
    private final Label stats = new Label();
    private final Button edit = new Button("Edit");
    private final Button copy = new Button("Copy");
    private final VBox editor = new VBox(6);
    /** Built on the first edit: a text area per message would cost every new reply its creation and styling. */
    private TextArea editText;
    private final BiConsumer<Integer, String> resend;
    private ChatTurn shown;
    private int index;

    MessageView(ObservableBooleanValue busy, BiConsumer<Integer, String> resend) {
        edit.getStyleClass().addAll("edit-message", "small-button");
        edit.setFocusTraversable(false);
        edit.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(busy::get, busy));
        edit.setOnAction(e -> startEditing());
        copy.getStyleClass().addAll("copy-message", "small-button");
        copy.setFocusTraversable(false);
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(shown == null ? "" : shown.text());
            Clipboard.getSystemClipboard().setContent(c);
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        author.getStyleClass().add("message-author");
        HBox header = new HBox(6, author, spacer, edit, copy);
        header.setAlignment(Pos.CENTER_LEFT);

        this.resend = resend;
        showEditor(false);

        stats.getStyleClass().add("message-stats");
        stats.managedProperty().bind(stats.visibleProperty());
        streamingText.setVisible(false);
        streamingText.setManaged(false);
        getChildren().addAll(header, body, streamingText, editor, stats);
        getStyleClass().add("message");
        setSpacing(4);
    }

    void show(ChatTurn turn, int index, boolean streaming) {
        this.index = index;
        if (turn.equals(shown) && !streaming) return;
        boolean user = turn.role() == Role.USER;
        if (shown == null || shown.role() != turn.role()) {
            getStyleClass().removeAll("user", "assistant");
            getStyleClass().add(user ? "user" : "assistant");
            author.setText(user ? "You" : "Assistant");
            edit.setVisible(user);
            edit.setManaged(user);
        }
        shown = turn;
        showText(turn.text(), streaming && !user);
        copy.setVisible(!user && !streaming);
        copy.setManaged(copy.isVisible());
        if (user) {
            stats.setVisible(false);
        } else {
            stats.setVisible(true);
            stats.setText(turn.stats() != null ? StatsText.of(turn.stats()) : streaming ? "Generating…" : "");
        }
    }

    /**
     * While a reply streams, its finished paragraphs are rendered from Markdown and the one being
     * written is appended as plain text, so an update neither re-renders Markdown nor re-lays out
     * the reply; when it is done, all of it is rendered from Markdown.
     */
    private void showText(String text, boolean streaming) {
        int finished = streaming ? finishedParagraphsEnd(text) : text.length();
        body.show(text.substring(0, finished));
        streamingText.show(text.substring(finished));
        // while a reply streams the view stays in the layout, empty or not, so text arriving does not resize the message
        streamingText.setWriting(streaming);
        streamingText.setVisible(streaming);
        streamingText.setManaged(streaming);
    }

    /** Where the paragraphs that are certainly finished end: after the last blank line. */
    static int finishedParagraphsEnd(String text) {
        int blank = text.lastIndexOf("\n\n");
        if (blank < 0) return 0;
        int end = blank + 2;
        while (end < text.length() && text.charAt(end) == '\n') end++;
        return end;
    }

    private void buildEditor() {
        editText = new TextArea();
        editText.getStyleClass().add("edit-text");
        editText.setWrapText(true);
        editText.setPrefRowCount(3);
        Button send = new Button("Send");
        send.getStyleClass().addAll("accent", "resend-message");
        send.setOnAction(e -> finishEditing());
        Button cancel = new Button("Cancel");
        cancel.getStyleClass().add("cancel-edit");
        cancel.setOnAction(e -> showEditor(false));
        editText.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && e.isShortcutDown()) {
                e.consume();
                finishEditing();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                showEditor(false);
            }
        });
        HBox buttons = new HBox(6, send, cancel);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        editor.getChildren().addAll(editText, buttons);
    }

    private void startEditing() {
        if (editText == null) buildEditor();
        editText.setText(shown.text());
        showEditor(true);
        editText.requestFocus();
        editText.end();
        ScrollIntoView.later(editor);
    }

    private void finishEditing() {
        String text = editText.getText();
        if (text == null || text.isBlank()) return;
        showEditor(false);
        resend.accept(index, text);
    }

    private void showEditor(boolean on) {
        editor.setVisible(on);
        editor.setManaged(on);
        body.setVisible(!on);
        body.setManaged(!on);
    }
}
