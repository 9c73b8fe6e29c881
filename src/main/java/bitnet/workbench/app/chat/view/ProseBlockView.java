package bitnet.workbench.app.chat.view;

import bitnet.workbench.app.chat.markdown.Line;
import bitnet.workbench.app.chat.markdown.MarkdownBlock;
import javafx.scene.layout.VBox;

import java.util.List;

/**
 * A block of prose as a stack of text areas of at most {@value #LINES_PER_AREA} lines each. While
 * a reply streams only its last lines change, so only the last, small area is re-measured and
 * repainted; a single area would re-measure every line of a long reply on every update.
 */
final class ProseBlockView extends VBox {
    static final int LINES_PER_AREA = 12;

    void show(MarkdownBlock.Prose prose) {
        List<Line> lines = prose.lines();
        int areas = (lines.size() + LINES_PER_AREA - 1) / LINES_PER_AREA;
        for (int i = 0; i < areas; i++) {
            List<Line> part = lines.subList(i * LINES_PER_AREA, Math.min(lines.size(), (i + 1) * LINES_PER_AREA));
            if (i == getChildren().size()) getChildren().add(new ProseArea());
            ((ProseArea) getChildren().get(i)).show(new MarkdownBlock.Prose(part));
        }
        if (getChildren().size() > areas) getChildren().remove(areas, getChildren().size());
    }
}
