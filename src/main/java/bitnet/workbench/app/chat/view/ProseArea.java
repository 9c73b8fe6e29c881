package bitnet.workbench.app.chat.view;

import bitnet.workbench.app.chat.markdown.Line;
import bitnet.workbench.app.chat.markdown.MarkdownBlock;
import bitnet.workbench.app.chat.markdown.Span;
import bitnet.workbench.app.chat.markdown.SpanStyle;
import javafx.scene.input.ScrollEvent;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.fxmisc.richtext.model.ReadOnlyStyledDocument;
import org.fxmisc.richtext.model.ReadOnlyStyledDocumentBuilder;
import org.fxmisc.richtext.model.SegmentOps;
import org.fxmisc.richtext.model.StyledSegment;
import org.fxmisc.richtext.util.UndoUtils;

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
    /** RichTextFX measures every paragraph each time a parent asks; parents ask several times a pass. */
    private double cachedHeight = -1;
    private double cachedForWidth = -1;

    ProseArea() {
        super(false);
        setEditable(false);
        // read-only text needs no undo history, and the default one runs a 500 ms timer after every
        // change, which keeps JavaFX pulsing 60 times a second
        setUndoManager(UndoUtils.noOpUndoManager());
        setWrapText(true);
        setAutoHeight(true);
        getStyleClass().add("chat-text");
        // RichTextFX computes an auto-height area's height for the width it has now, not the width its
        // parent is about to give it; after a width change, ask again so wrapped lines are not cut off
        widthProperty().addListener((o, before, now) -> {
            if (before.doubleValue() != now.doubleValue()) javafx.application.Platform.runLater(this::requestLayout);
        });
        getParagraphs().addListener((javafx.collections.ListChangeListener<Object>) c -> cachedHeight = -1);
        // the conversation scrolls, not each message: hand wheel events to the enclosing scroll pane
        addEventFilter(ScrollEvent.SCROLL, e -> {
            if (getParent() != null) {
                e.consume();
                getParent().fireEvent(e.copyFor(getParent(), getParent()));
            }
        });
    }

    /**
     * Shows {@code prose}, rewriting only from the first paragraph that changed: while a reply
     * streams, that is its last paragraph, so an update costs the same however long the reply is.
     */
    void show(MarkdownBlock.Prose prose) {
        if (prose.equals(shown)) return;
        List<Line> old = shown == null ? List.of() : shown.lines();
        List<Line> now = prose.lines();
        shown = prose;
        int same = 0;
        while (same < old.size() && same < now.size() && old.get(same).equals(now.get(same))) same++;
        if (same == 0 || getParagraphs().size() != old.size()) {
            replace(0, getLength(), document(now, 0, false));
        } else {
            // the inserted document's first (empty) paragraph joins the last unchanged one
            int endOfUnchanged = getAbsolutePosition(same - 1, getParagraphLength(same - 1));
            replace(endOfUnchanged, getLength(), document(now, same, true));
        }
    }

    @Override
    protected double computePrefHeight(double width) {
        // keyed by the width RichTextFX measures at (its current one), cleared when the text changes
        if (cachedHeight < 0 || cachedForWidth != getWidth() || getScene() == null) {
            cachedHeight = super.computePrefHeight(width);
            cachedForWidth = getWidth();
        }
        return cachedHeight;
    }

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        cachedHeight = -1; // a layout of the area itself may follow a style change; measure afresh next time
    }

    private static ReadOnlyStyledDocument<Collection<String>, String, Collection<String>> document(List<Line> lines, int from, boolean joinFirst) {
        ReadOnlyStyledDocumentBuilder<Collection<String>, String, Collection<String>> doc =
            new ReadOnlyStyledDocumentBuilder<>(SegmentOps.styledTextOps(), List.of());
        // joins the last unchanged paragraph; it carries that paragraph's style in case the join keeps this one's
        if (joinFirst) doc.addParagraph(List.of(new StyledSegment<>("", List.of())), paragraphClasses(lines.get(from - 1)));
        for (int i = from; i < lines.size(); i++) {
            Line line = lines.get(i);
            List<StyledSegment<String, Collection<String>>> segments = new ArrayList<>();
            for (Span s : line.spans()) segments.add(new StyledSegment<>(s.text(), classes(s)));
            if (segments.isEmpty()) segments.add(new StyledSegment<>("", List.of()));
            doc.addParagraph(segments, paragraphClasses(line));
        }
        return doc.build();
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
