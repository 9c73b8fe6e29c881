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
    /** Extra height while the area grows to its content; see {@link #layoutChildren()}. */
    private static final int MAX_GROWTH_STEPS = 6;

    private MarkdownBlock.Prose shown;
    private double slack;
    private int growthSteps;

    ProseArea() {
        super(false);
        setEditable(false);
        setWrapText(true);
        setAutoHeight(true);
        getStyleClass().add("chat-text");
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
        growthSteps = 0;
    }

    /**
     * RichTextFX sizes an auto-height area from an estimate that knows only the paragraphs it has
     * laid out; the others count as average paragraphs. When that comes out too short, the last
     * lines are cut off and never laid out, so the estimate never improves. Here the area grows a
     * little past the estimate until every paragraph has been laid out (the estimate is then exact)
     * and the extra height is given back.
     */
    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        int paragraphs = getParagraphs().size();
        int visible = getVisibleParagraphs().size();
        boolean cut = visible < paragraphs || lastLineBelowBottom(visible);
        if (cut && growthSteps < MAX_GROWTH_STEPS) {
            growthSteps++;
            slack += 24.0 * (paragraphs - visible + 1);
            javafx.application.Platform.runLater(this::requestLayout);
        } else if (!cut && slack > 0) {
            slack = 0;
            javafx.application.Platform.runLater(this::requestLayout);
        }
    }

    @Override
    protected double computePrefHeight(double width) {
        return super.computePrefHeight(width) + slack;
    }

    private boolean lastLineBelowBottom(int visible) {
        if (visible == 0 || getScene() == null || getHeight() <= 0) return false;
        try {
            javafx.geometry.Bounds last = getVisibleParagraphBoundsOnScreen(visible - 1);
            javafx.geometry.Bounds area = localToScreen(getBoundsInLocal());
            return last != null && area != null && last.getMaxY() > area.getMaxY() + 0.5;
        } catch (RuntimeException e) {
            return false; // not laid out yet
        }
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
