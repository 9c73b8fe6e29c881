package bitnet.workbench.app.chat.markdown;

import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Markdown (CommonMark) to the blocks the chat shows. A single line break inside a paragraph is
 * kept as a line break, as chat apps do, because models put one between lines they mean to be
 * separate. Raw HTML is shown as the text it is. Works on partial text too: an unclosed code fence
 * while a reply streams is a code block up to the end.
 */
public final class MarkdownBlocks {
    private static final Parser PARSER = Parser.builder().build();

    private MarkdownBlocks() {
    }

    public static List<MarkdownBlock> parse(String markdown) {
        Builder b = new Builder();
        Node doc = PARSER.parse(markdown == null ? "" : markdown);
        for (Node n = doc.getFirstChild(); n != null; n = n.getNext()) b.block(n, 0, true);
        b.endProse();
        return b.blocks;
    }

    private static final class Builder {
        final List<MarkdownBlock> blocks = new ArrayList<>();
        List<Line> prose = new ArrayList<>();
        List<Span> spans = new ArrayList<>();

        void block(Node n, int depth, boolean topLevel) {
            if (topLevel && !prose.isEmpty()) prose.add(Line.blank());
            switch (n) {
                case FencedCodeBlock c -> code(c.getInfo(), c.getLiteral());
                case IndentedCodeBlock c -> code("", c.getLiteral());
                case Heading h -> {
                    inlines(h, EnumSet.of(SpanStyle.HEADING, SpanStyle.BOLD));
                    line(Line.Kind.HEADING, h.getLevel());
                }
                case Paragraph p -> {
                    inlines(p, EnumSet.noneOf(SpanStyle.class));
                    line(Line.Kind.PARAGRAPH, depth);
                }
                case BulletList list -> items(list, depth, -1);
                case OrderedList list -> items(list, depth, list.getMarkerStartNumber() == null ? 1 : list.getMarkerStartNumber());
                case BlockQuote q -> {
                    for (Node c = q.getFirstChild(); c != null; c = c.getNext()) {
                        int before = prose.size();
                        block(c, depth, false);
                        for (int i = before; i < prose.size(); i++) {
                            Line l = prose.get(i);
                            if (l.kind() == Line.Kind.PARAGRAPH) prose.set(i, new Line(Line.Kind.QUOTE, l.depth(), l.spans()));
                        }
                    }
                }
                case ThematicBreak t -> {
                    spans.add(Span.plain("――――――――――"));
                    line(Line.Kind.RULE, 0);
                }
                case HtmlBlock h -> {
                    spans.add(Span.plain(h.getLiteral().stripTrailing()));
                    line(Line.Kind.PARAGRAPH, depth);
                }
                default -> {
                    for (Node c = n.getFirstChild(); c != null; c = c.getNext()) block(c, depth, false);
                }
            }
        }

        /** Items of a list; {@code number} is the first ordinal, or -1 for bullets. */
        void items(Node list, int depth, int number) {
            int k = number;
            for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
                if (!(item instanceof ListItem)) continue;
                String marker = number < 0 ? (depth % 2 == 0 ? "• " : "◦ ") : (k++) + ". ";
                boolean first = true;
                for (Node c = item.getFirstChild(); c != null; c = c.getNext()) {
                    if (first && c instanceof Paragraph p) {
                        spans.add(new Span(marker, Set.of(SpanStyle.MARKER)));
                        inlines(p, EnumSet.noneOf(SpanStyle.class));
                        line(Line.Kind.LIST_ITEM, depth + 1);
                    } else {
                        if (first) {
                            spans.add(new Span(marker, Set.of(SpanStyle.MARKER)));
                            line(Line.Kind.LIST_ITEM, depth + 1);
                        }
                        block(c, depth + 1, false);
                    }
                    first = false;
                }
                if (first) {
                    spans.add(new Span(marker, Set.of(SpanStyle.MARKER)));
                    line(Line.Kind.LIST_ITEM, depth + 1);
                }
            }
        }

        void inlines(Node parent, EnumSet<SpanStyle> styles) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) inline(n, styles);
        }

        void inline(Node n, EnumSet<SpanStyle> styles) {
            switch (n) {
                case Text t -> add(t.getLiteral(), styles);
                case Code c -> add(c.getLiteral(), with(styles, SpanStyle.CODE));
                case Emphasis e -> inlines(e, with(styles, SpanStyle.ITALIC));
                case StrongEmphasis s -> inlines(s, with(styles, SpanStyle.BOLD));
                case Link l -> inlines(l, with(styles, SpanStyle.LINK));
                case Image i -> inlines(i, styles);
                case HtmlInline h -> add(h.getLiteral(), styles);
                case SoftLineBreak s -> newLineInParagraph();
                case HardLineBreak h -> newLineInParagraph();
                default -> inlines(n, styles);
            }
        }

        /** Ends the current line and continues the same paragraph on the next. */
        void newLineInParagraph() {
            spans.add(Span.plain("\n"));
        }

        void add(String text, Set<SpanStyle> styles) {
            if (text.isEmpty()) return;
            if (!spans.isEmpty() && spans.getLast().styles().equals(styles) && !spans.getLast().text().equals("\n")) {
                Span last = spans.removeLast();
                spans.add(new Span(last.text() + text, styles));
            } else {
                spans.add(new Span(text, styles));
            }
        }

        /** Turns the collected spans into lines, splitting at the line breaks kept inside paragraphs. */
        void line(Line.Kind kind, int depth) {
            List<Span> current = new ArrayList<>();
            Line.Kind k = kind;
            for (Span s : spans) {
                if (s.text().equals("\n")) {
                    prose.add(new Line(k, depth, current));
                    current = new ArrayList<>();
                    if (k == Line.Kind.LIST_ITEM) k = Line.Kind.PARAGRAPH; // continuation lines carry no marker
                } else {
                    current.add(s);
                }
            }
            prose.add(new Line(k, depth, current));
            spans = new ArrayList<>();
        }

        void code(String info, String literal) {
            endProse();
            String language = info == null ? "" : info.strip().split("\\s+", 2)[0];
            String code = literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
            blocks.add(new MarkdownBlock.Code(language, code));
        }

        void endProse() {
            while (!prose.isEmpty() && prose.getLast().kind() == Line.Kind.BLANK) prose.removeLast();
            while (!prose.isEmpty() && prose.getFirst().kind() == Line.Kind.BLANK) prose.removeFirst();
            if (!prose.isEmpty()) blocks.add(new MarkdownBlock.Prose(prose));
            prose = new ArrayList<>();
        }

        private static EnumSet<SpanStyle> with(EnumSet<SpanStyle> styles, SpanStyle s) {
            EnumSet<SpanStyle> copy = EnumSet.copyOf(styles);
            copy.add(s);
            return copy;
        }
    }
}
