package bitnet.workbench.app.chat.markdown;

import java.util.List;

/**
 * One paragraph of rendered prose (a text area paragraph): its kind and nesting, and its spans.
 * List items carry their marker ("• ", "2. ") as the first span.
 */
public record Line(Kind kind, int depth, List<Span> spans) {
    public enum Kind { PARAGRAPH, HEADING, LIST_ITEM, QUOTE, RULE, BLANK }

    public Line {
        spans = List.copyOf(spans);
    }

    public static Line blank() {
        return new Line(Kind.BLANK, 0, List.of());
    }

    public String text() {
        StringBuilder b = new StringBuilder();
        for (Span s : spans) b.append(s.text());
        return b.toString();
    }
}
