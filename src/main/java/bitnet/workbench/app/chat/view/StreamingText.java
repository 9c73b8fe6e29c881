package bitnet.workbench.app.chat.view;

import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.layout.Region;
import javafx.scene.text.LayoutInfo;
import javafx.scene.text.Text;

import java.util.List;

/**
 * The end of a reply that is still being written, as plain wrapped text (the paragraphs before it
 * are finished and rendered from Markdown by {@link MarkdownView}). It is built so that an update
 * costs a line or two of painting however long the reply is, because JavaFX repaints every node
 * whose content changes and every region whose size changes, with everything inside it, and on a
 * machine without a GPU each repainted pixel costs the engine time:
 * <ul>
 * <li>the text is a stack of {@link Text} nodes; only the last, "live" one changes on an update.
 *     Once it wraps onto more than {@value #LIVE_LINES} lines, all but its last line move into a
 *     new node that never changes again (the stack wraps exactly as one text would);</li>
 * <li>the height it asks for grows in steps of {@link #STEP} pixels, so the message and the
 *     conversation around it are resized (and repainted whole) once per step, not per update.</li>
 * </ul>
 * It has no background or border of its own, so adding a node to the stack repaints only that node;
 * and its nodes are unmanaged, so an update that fits the reserved height runs no layout outside it.
 */
final class StreamingText extends Region {
    /** How far ahead the height grows: about ten lines of reply text. */
    static final double STEP = 200;
    static final int LIVE_LINES = 2;

    private final Text live = newLine();
    private String shown = "";
    /** The text height the last layout reserved (a multiple of {@link #STEP}). */
    private double reserved = -1;
    /** Height of the frozen nodes, stacked from the top. */
    private double frozenHeight;
    /** Characters of {@link #shown} held by the frozen nodes (every child but the last). */
    private int frozenLength;
    private double wrappingWidth = -1;
    /** Whether a reply is being written here: then even no text yet reserves a step, so the first token needs no layout. */
    private boolean writing;

    StreamingText() {
        getStyleClass().add("streaming-text");
        getChildren().add(live);
    }

    /**
     * Shows {@code text}. When it continues what is shown (as a streamed reply does) only the live
     * node changes, and the layout of the window is asked for only when the text outgrows the
     * height reserved for it; anything else starts over.
     */
    void show(String text) {
        if (text.equals(shown)) return;
        if (!text.startsWith(shown) || frozenLength > text.length()) clearFrozen();
        shown = text;
        live.setText(text.substring(frozenLength));
        if (wrappingWidth > 0) {
            freezeCompleteLines();
            placeLive();
        }
        if (reservedHeight() != reserved) requestLayout();
    }

    /** Whether a reply is being written into this view (it then keeps at least one step of height). */
    void setWriting(boolean on) {
        if (on == writing) return;
        writing = on;
        requestLayout();
    }

    String text() {
        return shown;
    }

    /** Nodes in the stack (frozen ones and the live one); for tests of the cost model. */
    int nodeCount() {
        return getChildren().size();
    }

    @Override
    protected double computePrefWidth(double height) {
        Insets in = getInsets();
        return in.getLeft() + in.getRight() + 40; // wraps to whatever width it gets
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected double computePrefHeight(double width) {
        Insets in = getInsets();
        if (width > 0) wrapTo(width - in.getLeft() - in.getRight());
        return in.getTop() + in.getBottom() + reservedHeight();
    }

    @Override
    protected void layoutChildren() {
        Insets in = getInsets();
        wrapTo(getWidth() - in.getLeft() - in.getRight());
        reserved = reservedHeight();
        double y = in.getTop();
        for (var node : getChildren()) {
            Text t = (Text) node;
            t.relocate(in.getLeft(), y);
            y += t.getLayoutBounds().getHeight();
        }
    }

    private double reservedHeight() {
        if (shown.isEmpty()) return writing ? STEP : 0;
        return Math.ceil((frozenHeight + live.getLayoutBounds().getHeight()) / STEP) * STEP;
    }

    /** Puts the live node under the frozen ones (the nodes are unmanaged: moving them asks nothing of the parents). */
    private void placeLive() {
        Insets in = getInsets();
        live.relocate(in.getLeft(), in.getTop() + frozenHeight);
    }

    private void wrapTo(double width) {
        if (width <= 0 || width == wrappingWidth) return;
        wrappingWidth = width;
        // lines broken at the old width would be wrong at the new one: wrap everything afresh
        clearFrozen();
        live.setText(shown);
        live.setWrappingWidth(width);
        freezeCompleteLines();
    }

    /** Moves all but the last line of the live node into a frozen node once it has grown past {@value #LIVE_LINES} lines. */
    private void freezeCompleteLines() {
        LayoutInfo layout = live.getLayoutInfo();
        int lines = layout.getTextLineCount();
        if (lines <= LIVE_LINES) return;
        String liveText = live.getText();
        int cut = layout.getTextLine(lines - 1, false).start();
        if (cut <= 0 || cut >= liveText.length()) return;
        // what ends the complete lines is left out: a line break would show as an empty line after the node (the
        // stack breaks the line), and spaces at the very end of a text are measured, so the last word could wrap
        int end = liveText.charAt(cut - 1) == '\n' ? cut - 1 : cut;
        while (end > 0 && liveText.charAt(end - 1) == ' ') end--;
        String complete = liveText.substring(0, end);
        Text frozen = newLine();
        // styled like the live node now, not at the next CSS pass: its height places the live node
        frozen.setFont(live.getFont());
        frozen.setFill(live.getFill());
        frozen.setText(complete);
        frozen.setWrappingWidth(wrappingWidth);
        frozen.relocate(getInsets().getLeft(), getInsets().getTop() + frozenHeight);
        getChildren().add(getChildren().size() - 1, frozen);
        frozenHeight += frozen.getLayoutBounds().getHeight();
        frozenLength += cut;
        live.setText(shown.substring(frozenLength));
    }

    private void clearFrozen() {
        List<?> children = getChildren();
        if (children.size() > 1) getChildren().remove(0, children.size() - 1);
        frozenLength = 0;
        frozenHeight = 0;
    }

    private static Text newLine() {
        Text t = new Text();
        t.getStyleClass().add("streaming-line");
        t.setTextOrigin(VPos.TOP);
        // placed by this view; a managed node would ask every parent up to the window for a layout on each change
        t.setManaged(false);
        return t;
    }
}
