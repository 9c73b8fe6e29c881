package bitnet.workbench.app.chat.markdown;

import java.util.Set;

/** A run of text with one combination of inline styles. */
public record Span(String text, Set<SpanStyle> styles) {
    public Span {
        styles = Set.copyOf(styles);
    }

    public static Span plain(String text) {
        return new Span(text, Set.of());
    }
}
