package bitnet.workbench.app.chat.markdown;

import java.util.Locale;

/** Inline looks; each maps to one CSS style class ({@code md-bold} ...). */
public enum SpanStyle {
    BOLD, ITALIC, CODE, LINK, MARKER, HEADING;

    public String styleClass() {
        return "md-" + name().toLowerCase(Locale.ROOT);
    }
}
