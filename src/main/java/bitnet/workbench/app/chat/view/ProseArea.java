package bitnet.workbench.app.chat.view;

import bitnet.workbench.app.chat.markdown.Line;
import bitnet.workbench.app.chat.markdown.MarkdownBlock;
import bitnet.workbench.app.chat.markdown.Span;
import bitnet.workbench.app.chat.markdown.SpanStyle;
import javafx.scene.input.ScrollEvent;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.fxmisc.richtext.model.ReadOnlyStyledDocumentBuilder;
import org.fxmisc.richtext.model.SegmentOps;
import org.fxmisc.richtext.model.StyledSegment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Rendered prose of a message: read-only but selectable RichTextFX text, as tall as its content.
 * Inline styles become style classes ({@code md-bold}, {@code md-code} ...); each paragraph gets a
 * class for its kind and depth ({@code md-list-item}, {@code md-depth-2}).
 */
final class ProseArea extends StyleClassedTextArea {
    private MarkdownBlock.Prose shown;

    ProseArea() {
        super(false);
        setEditable(false);
        setWrapText(true);
        setAutoHeight(true);
        getStyleClass().add("chat-text");
        // RichTextFX computes an auto-height area's height for the width it has now, not the width its
        // parent is about to give it; after a width change, ask again so wrapped lines are not cut off
        widthProperty().addListener((o, before, now) -> {
            if (before.doubleValue() != now.doubleValue()) javafx.application.Platform.runLater(this::requestLayout);
        });
        // the conversation scrolls, not each message: hand wheel events to the enclosing scroll pane
        addEventFilter(ScrollEvent.SCROLL, e -> {
            if (getParent() != null) {
                e.consume();
                getParent().fireEvent(e.copyFor(getParent(), getParent()));
            }
        });
    }

    void show(MarkdownBlock.Prose prose) {
        if (prose.equals(shown)) return;
        shown = prose;
        ReadOnlyStyledDocumentBuilder<Collection<String>, String, Collection<String>> doc =
            new ReadOnlyStyledDocumentBuilder<>(SegmentOps.styledTextOps(), List.of());
        for (Line line : prose.lines()) {
            List<StyledSegment<String, Collection<String>>> segments = new ArrayList<>();
            for (Span s : line.spans()) segments.add(new StyledSegment<>(s.text(), classes(s)));
            if (segments.isEmpty()) segments.add(new StyledSegment<>("", List.of()));
            doc.addParagraph(segments, paragraphClasses(line));
        }
        replace(0, getLength(), doc.build());
    }

    private static Collection<String> classes(Span s) {
        List<String> c = new ArrayList<>(s.styles().size());
        for (SpanStyle st : s.styles()) c.add(st.styleClass());
        return c;
    }

    private static Collection<String> paragraphClasses(Line line) {
        String kind = "md-" + line.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
        int depth = line.kind() == Line.Kind.HEADING ? Math.min(line.depth(), 3) : Math.min(line.depth(), 4);
        return List.of(kind, (line.kind() == Line.Kind.HEADING ? "md-h" : "md-depth-") + depth);
    }
}
