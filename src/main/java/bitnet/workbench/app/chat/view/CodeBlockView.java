package bitnet.workbench.app.chat.view;

import bitnet.workbench.app.chat.markdown.MarkdownBlock;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.fxmisc.richtext.util.UndoUtils;

/** A fenced code block: its language, a Copy button, and the code in a monospace, selectable box. */
final class CodeBlockView extends VBox {
    private final Label language = new Label();
    private final StyleClassedTextArea code = new StyleClassedTextArea(false);
    private MarkdownBlock.Code shown;

    CodeBlockView() {
        language.getStyleClass().add("code-language");
        Button copy = new Button("Copy");
        copy.getStyleClass().addAll("copy-code", "small-button");
        copy.setFocusTraversable(false);
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(shown == null ? "" : shown.code());
            Clipboard.getSystemClipboard().setContent(content);
            copy.setText("Copied");
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, language, spacer, copy);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("code-bar");

        code.setEditable(false);
        code.setUndoManager(UndoUtils.noOpUndoManager()); // read-only; see ProseArea
        code.setWrapText(false);
        code.setAutoHeight(true);
        code.getStyleClass().add("code-text");
        code.addEventFilter(ScrollEvent.SCROLL, e -> {
            if (Math.abs(e.getDeltaX()) > Math.abs(e.getDeltaY())) return; // sideways: scroll the code itself
            e.consume();
            fireEvent(e.copyFor(this, this));
        });
        getChildren().addAll(bar, code);
        getStyleClass().add("code-block");
    }

    void show(MarkdownBlock.Code block) {
        if (block.equals(shown)) return;
        shown = block;
        language.setText(block.language().isEmpty() ? "code" : block.language());
        if (!code.getText().equals(block.code())) code.replaceText(block.code());
    }

    String code() {
        return shown == null ? "" : shown.code();
    }
}
