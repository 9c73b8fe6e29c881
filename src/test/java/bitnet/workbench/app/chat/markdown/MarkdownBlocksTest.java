package bitnet.workbench.app.chat.markdown;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownBlocksTest {
    private static List<Line> prose(String md) {
        List<MarkdownBlock> blocks = MarkdownBlocks.parse(md);
        assertThat(blocks).hasSize(1).first().isInstanceOf(MarkdownBlock.Prose.class);
        return ((MarkdownBlock.Prose) blocks.getFirst()).lines();
    }

    @Test
    void inlineStylesBecomeSpans() {
        List<Line> lines = prose("Plain **bold** and *italic* with `code` and ***both***.");
        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst().spans()).containsExactly(
            Span.plain("Plain "),
            new Span("bold", Set.of(SpanStyle.BOLD)),
            Span.plain(" and "),
            new Span("italic", Set.of(SpanStyle.ITALIC)),
            Span.plain(" with "),
            new Span("code", Set.of(SpanStyle.CODE)),
            Span.plain(" and "),
            new Span("both", Set.of(SpanStyle.BOLD, SpanStyle.ITALIC)),
            Span.plain("."));
    }

    @Test
    void paragraphsAreSeparatedByABlankLineAndASingleLineBreakIsKept() {
        List<Line> lines = prose("First line\nsecond line\n\nNew paragraph");
        assertThat(lines).extracting(Line::text).containsExactly("First line", "second line", "", "New paragraph");
        assertThat(lines).extracting(Line::kind)
            .containsExactly(Line.Kind.PARAGRAPH, Line.Kind.PARAGRAPH, Line.Kind.BLANK, Line.Kind.PARAGRAPH);
    }

    @Test
    void listsGetMarkersNumbersAndDepth() {
        List<Line> lines = prose("3. three\n4. four\n   - inner *x*\n\n- a\n- b");
        assertThat(lines).extracting(Line::text).containsExactly("3. three", "4. four", "◦ inner x", "", "• a", "• b"); // nested bullets are hollow
        assertThat(lines).extracting(Line::depth).containsExactly(1, 1, 2, 0, 1, 1);
        assertThat(lines.get(2).kind()).isEqualTo(Line.Kind.LIST_ITEM);
        assertThat(lines.get(2).spans().getFirst().styles()).containsExactly(SpanStyle.MARKER);
    }

    @Test
    void fencedCodeIsItsOwnBlockBetweenProse() {
        List<MarkdownBlock> blocks = MarkdownBlocks.parse("Here:\n\n```java\nint x = 1;\n\nint y = 2;\n```\n\nDone.");
        assertThat(blocks).hasSize(3);
        assertThat(blocks.get(1)).isEqualTo(new MarkdownBlock.Code("java", "int x = 1;\n\nint y = 2;"));
        assertThat(((MarkdownBlock.Prose) blocks.get(2)).lines()).extracting(Line::text).containsExactly("Done.");
    }

    @Test
    void anUnclosedFenceWhileStreamingIsCodeUpToTheEnd() {
        List<MarkdownBlock> blocks = MarkdownBlocks.parse("Look:\n```python\nprint('hi')\nfor i in");
        assertThat(blocks).last().isEqualTo(new MarkdownBlock.Code("python", "print('hi')\nfor i in"));
    }

    @Test
    void headingsQuotesAndHtmlAreShownAsText() {
        List<Line> lines = prose("# Title\n\n> quoted\n\n<b>raw</b> text");
        assertThat(lines).extracting(Line::kind)
            .containsExactly(Line.Kind.HEADING, Line.Kind.BLANK, Line.Kind.QUOTE, Line.Kind.BLANK, Line.Kind.PARAGRAPH);
        assertThat(lines.getFirst().depth()).isEqualTo(1);
        assertThat(lines.getFirst().spans().getFirst().styles()).contains(SpanStyle.HEADING);
        assertThat(lines.getLast().text()).isEqualTo("<b>raw</b> text");
    }

    @Test
    void emptyTextGivesNoBlocks() {
        assertThat(MarkdownBlocks.parse("")).isEmpty();
        assertThat(MarkdownBlocks.parse(null)).isEmpty();
    }
}
