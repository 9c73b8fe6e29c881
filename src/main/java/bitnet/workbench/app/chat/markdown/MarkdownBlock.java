package bitnet.workbench.app.chat.markdown;

import java.util.List;

/** A piece of a rendered message: flowing prose, or a code block shown apart in a monospace box. */
public sealed interface MarkdownBlock {
    record Prose(List<Line> lines) implements MarkdownBlock {
        public Prose {
            lines = List.copyOf(lines);
        }
    }

    /** @param language the fence's info word ("java"), or empty */
    record Code(String language, String code) implements MarkdownBlock {
    }
}
