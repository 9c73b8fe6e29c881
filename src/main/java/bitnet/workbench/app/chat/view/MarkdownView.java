package bitnet.workbench.app.chat.view;

import bitnet.workbench.app.chat.markdown.MarkdownBlock;
import bitnet.workbench.app.chat.markdown.MarkdownBlocks;
import javafx.scene.Node;
import javafx.scene.layout.VBox;

import java.util.List;

/**
 * A message's text rendered from Markdown: prose areas and code blocks in order. Showing new text
 * reuses the nodes of blocks that kept their kind, so a streaming reply only re-renders its tail.
 */
final class MarkdownView extends VBox {
    private String shown;

    MarkdownView() {
        setSpacing(8);
        getStyleClass().add("markdown");
    }

    void show(String markdown) {
        if (markdown.equals(shown)) return;
        shown = markdown;
        List<MarkdownBlock> blocks = MarkdownBlocks.parse(markdown);
        var children = getChildren();
        for (int i = 0; i < blocks.size(); i++) {
            MarkdownBlock b = blocks.get(i);
            Node existing = i < children.size() ? children.get(i) : null;
            switch (b) {
                case MarkdownBlock.Prose p -> {
                    ProseBlockView view = existing instanceof ProseBlockView v ? v : put(children, i, new ProseBlockView());
                    view.show(p);
                }
                case MarkdownBlock.Code c -> {
                    CodeBlockView view = existing instanceof CodeBlockView v ? v : put(children, i, new CodeBlockView());
                    view.show(c);
                }
            }
        }
        if (children.size() > blocks.size()) children.remove(blocks.size(), children.size());
    }

    private static <T extends Node> T put(List<Node> children, int i, T node) {
        if (i < children.size()) children.set(i, node);
        else children.add(node);
        return node;
    }
}
