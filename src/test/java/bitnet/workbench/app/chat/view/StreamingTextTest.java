package bitnet.workbench.app.chat.view;

import bitnet.workbench.app.chat.conversation.ChatTurn;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApplicationExtension.class)
class StreamingTextTest {
    private static final String STORY = "Once upon a time, there was a little girl named Lily. She loved to play outside in the sun. "
        + "One day, she saw a big tree with a swing.\nShe ran to it and sat down, and her mother pushed her high into the sky, "
        + "higher and higher, until she could see the whole town, the river and the hills behind it, and she laughed.";

    private StreamingText text;
    private VBox parent;
    private MessageView message;

    @Start
    void start(Stage stage) {
        text = new StreamingText();
        parent = new VBox(text);
        message = new MessageView(new SimpleBooleanProperty(false), (i, s) -> { });
        // a fixed width, whatever size the shared test stage had before
        text.setMaxWidth(400);
        message.setMaxWidth(400);
        VBox root = new VBox(parent, message);
        root.setFillWidth(true);
        stage.setScene(new Scene(root, 420, 700));
        stage.getScene().getStylesheets().add(getClass().getResource("/bitnet/workbench/app/theme/base.css").toExternalForm());
        stage.setWidth(420);
        stage.setHeight(700);
        stage.show();
    }

    @Test
    void textStreamedInPiecesIsShownWhole(FxRobot robot) {
        for (int end = 7; end < STORY.length(); end += 23) {
            String shown = STORY.substring(0, end);
            robot.interact(() -> text.show(shown));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(joined(text)).isEqualTo(shown);
        }
        robot.interact(() -> text.show(STORY));
        assertThat(joined(text)).isEqualTo(STORY);
        // lines that are complete moved out of the live node, which is the only one an update touches
        assertThat(text.nodeCount()).isGreaterThan(2);
        Text live = (Text) text.getChildrenUnmodifiable().getLast();
        assertThat(live.getLayoutInfo().getTextLineCount()).isLessThanOrEqualTo(StreamingText.LIVE_LINES);
    }

    @Test
    void theStackOfLinesWrapsAndMeasuresExactlyAsOneTextWould(FxRobot robot) {
        for (int piece : new int[] {31, 13, 5}) {
            robot.interact(() -> text.show(""));
            WaitForAsyncUtils.waitForFxEvents();
            for (int end = piece; end <= STORY.length(); end += piece) {
                String shown = STORY.substring(0, end);
                robot.interact(() -> text.show(shown));
            }
            assertStackedAsOneText(robot);
        }
    }

    private void assertStackedAsOneText(FxRobot robot) {
        robot.interact(() -> text.show(STORY));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            Text whole = new Text(STORY);
            whole.setFont(((Text) text.getChildrenUnmodifiable().getFirst()).getFont());
            whole.setWrappingWidth(((Text) text.getChildrenUnmodifiable().getFirst()).getWrappingWidth());
            double stacked = 0;
            int lines = 0;
            for (Node n : text.getChildrenUnmodifiable()) {
                stacked += n.getLayoutBounds().getHeight();
                lines += ((Text) n).getLayoutInfo().getTextLineCount();
                // each node starts where the one above it ends
                assertThat(n.getLayoutY() + n.getLayoutBounds().getMinY()).isCloseTo(stacked - n.getLayoutBounds().getHeight(), org.assertj.core.data.Offset.offset(0.5));
            }
            StringBuilder dbg = new StringBuilder();
            for (var l : whole.getLayoutInfo().getTextLines(false)) dbg.append("W[").append(STORY, l.start(), l.end()).append("]\n");
            for (Node n : text.getChildrenUnmodifiable()) {
                dbg.append("--node\n");
                for (var l : ((Text) n).getLayoutInfo().getTextLines(false)) dbg.append("S[").append(((Text) n).getText(), l.start(), l.end()).append("]\n");
            }
            assertThat(lines).as(dbg.toString()).isEqualTo(whole.getLayoutInfo().getTextLineCount());
            assertThat(stacked).isCloseTo(whole.getLayoutBounds().getHeight(), org.assertj.core.data.Offset.offset(0.5));
        });
    }

    @Test
    void anUpdateThatFitsTheReservedHeightAsksNoLayoutOfTheWindow(FxRobot robot) {
        robot.interact(() -> text.show("Once upon a time"));
        WaitForAsyncUtils.waitForFxEvents();
        double height = text.getHeight();
        assertThat(height).isEqualTo(StreamingText.STEP);
        robot.interact(() -> {
            text.show("Once upon a time, there was");
            // the parents were not asked to lay out again, so nothing around the text is resized or repainted
            assertThat(parent.isNeedsLayout()).isFalse();
        });
        // text that outgrows the reserve asks for the next step of height
        robot.interact(() -> text.show(STORY.repeat(3)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text.getHeight()).isGreaterThan(height);
        assertThat(text.getHeight() % StreamingText.STEP).isZero();
    }

    @Test
    void theFirstTokensOfAReplyAskNoLayoutOfTheMessage(FxRobot robot) {
        robot.interact(() -> message.show(ChatTurn.assistant("", null), 1, true));
        WaitForAsyncUtils.waitForFxEvents();
        StreamingText tail = (StreamingText) message.lookup(".streaming-text");
        // room for the reply is kept before it has any text
        assertThat(tail.isManaged()).isTrue();
        assertThat(tail.getHeight()).isEqualTo(StreamingText.STEP);
        double messageHeight = message.getHeight();
        robot.interact(() -> {
            message.show(ChatTurn.assistant("Once", null), 1, true);
            assertThat(message.isNeedsLayout()).isFalse();
            message.show(ChatTurn.assistant("Once upon a time", null), 1, true);
            assertThat(message.isNeedsLayout()).isFalse();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(message.getHeight()).isEqualTo(messageHeight);
        assertThat(tail.text()).isEqualTo("Once upon a time");
        // a finished reply gives the room back
        robot.interact(() -> message.show(ChatTurn.assistant("Once upon a time.", null), 1, false));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(tail.isManaged()).isFalse();
    }

    @Test
    void aStreamingReplyRendersItsFinishedParagraphsAndAppendsTheLastAsPlainText(FxRobot robot) {
        String streaming = "Intro with **bold** text.\n\n- one\n- two\n\nStill writing *this";
        robot.interact(() -> message.show(ChatTurn.assistant(streaming, null), 1, true));
        WaitForAsyncUtils.waitForFxEvents();
        List<String> rendered = robot.lookup(".chat-text").queryAllAs(StyleClassedTextArea.class).stream().map(StyleClassedTextArea::getText).toList();
        assertThat(String.join("\n", rendered)).contains("Intro with bold text.").contains("one").contains("two")
            .doesNotContain("Still writing");
        StreamingText tail = (StreamingText) message.lookup(".streaming-text");
        assertThat(tail.isVisible()).isTrue();
        assertThat(tail.text()).isEqualTo("Still writing *this");

        String done = "Intro with **bold** text.\n\n- one\n- two\n\nStill writing *this* line.";
        robot.interact(() -> message.show(ChatTurn.assistant(done, null), 1, false));
        WaitForAsyncUtils.waitForFxEvents();
        rendered = robot.lookup(".chat-text").queryAllAs(StyleClassedTextArea.class).stream().map(StyleClassedTextArea::getText).toList();
        assertThat(String.join("\n", rendered)).contains("Still writing this line.");
        assertThat(tail.isVisible()).isFalse();
        assertThat(tail.isManaged()).isFalse();
    }

    @Test
    void paragraphsCountAsFinishedAfterABlankLine() {
        assertThat(MessageView.finishedParagraphsEnd("no break yet")).isZero();
        assertThat(MessageView.finishedParagraphsEnd("one line\nand another")).isZero();
        assertThat(MessageView.finishedParagraphsEnd("first\n\nsecond")).isEqualTo("first\n\n".length());
        assertThat(MessageView.finishedParagraphsEnd("first\n\n\nsecond")).isEqualTo("first\n\n\n".length());
        assertThat(MessageView.finishedParagraphsEnd("a\n\nb\n\n")).isEqualTo("a\n\nb\n\n".length());
    }

    /** The text the stack shows: a frozen node has the line break or spaces that ended its last line taken off. */
    private static String joined(StreamingText t) {
        StringBuilder s = new StringBuilder();
        List<Node> nodes = t.getChildrenUnmodifiable();
        String all = t.text();
        for (int i = 0; i < nodes.size(); i++) {
            s.append(((Text) nodes.get(i)).getText());
            if (i == nodes.size() - 1) break;
            while (s.length() < all.length() && all.charAt(s.length()) == ' ') s.append(' ');
            if (s.length() < all.length() && all.charAt(s.length()) == '\n') s.append('\n');
        }
        return s.toString();
    }
}
