package bitnet.workbench.app.chat.view;

import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;
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
class MarkdownViewTest {
    private MarkdownView view;
    private VBox box;

    @Start
    void start(Stage stage) {
        view = new MarkdownView();
        box = new VBox(view);
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        stage.setScene(new Scene(scroll, 500, 400));
        stage.show();
    }

    private void settle() {
        WaitForAsyncUtils.waitForFxEvents(4);
    }

    @Test
    void updatingOnlyTheChangedParagraphsGivesTheSameTextAndStylesAsRenderingAfresh(FxRobot robot) {
        String[] steps = {"Intro", "Intro line\n\n- a", "Intro line\n\n- a\n- **b**", "Intro line\n\n- a\n- **b** c\n\n# Head",
            "Intro line\n\n1. a", "Other start\nand more", "Other start"};
        for (String md : steps) {
            robot.interact(() -> view.show(md));
            MarkdownView fresh = new MarkdownView();
            robot.interact(() -> fresh.show(md));
            StyleClassedTextArea updated = firstArea(view);
            StyleClassedTextArea rendered = firstArea(fresh);
            assertThat(updated.getText()).as(md).isEqualTo(rendered.getText());
            assertThat(updated.getParagraphs()).as(md).hasSameSizeAs(rendered.getParagraphs());
            for (int i = 0; i < rendered.getParagraphs().size(); i++) {
                assertThat(updated.getParagraph(i).getParagraphStyle()).as("%s, paragraph %d", md, i)
                    .isEqualTo(rendered.getParagraph(i).getParagraphStyle());
                assertThat(updated.getParagraph(i).getStyledSegments()).as("%s, paragraph %d", md, i)
                    .isEqualTo(rendered.getParagraph(i).getStyledSegments());
            }
        }
    }

    private static StyleClassedTextArea firstArea(MarkdownView v) {
        return (StyleClassedTextArea) ((ProseBlockView) v.getChildren().getFirst()).getChildren().getFirst();
    }

    @Test
    void longProseIsSplitIntoAreasOfTwelveLinesThatTogetherHoldTheWholeText(FxRobot robot) {
        StringBuilder md = new StringBuilder();
        for (int i = 1; i <= 30; i++) md.append("line ").append(i).append('\n');
        robot.interact(() -> view.show(md.toString()));
        List<StyleClassedTextArea> areas = robot.from(view).lookup(".chat-text").queryAllAs(StyleClassedTextArea.class)
            .stream().sorted(java.util.Comparator.comparingDouble(a -> a.localToScene(0, 0).getY())).toList();
        assertThat(areas).hasSize(3);
        assertThat(areas).extracting(StyleClassedTextArea::getText).containsExactly(
            String.join("\n", java.util.stream.IntStream.rangeClosed(1, 12).mapToObj(i -> "line " + i).toList()),
            String.join("\n", java.util.stream.IntStream.rangeClosed(13, 24).mapToObj(i -> "line " + i).toList()),
            String.join("\n", java.util.stream.IntStream.rangeClosed(25, 30).mapToObj(i -> "line " + i).toList()));
    }

    @Test
    void textShownBeforeTheViewIsInTheWindowIsAllVisibleOnceItIs(FxRobot robot) throws Exception {
        MarkdownView detached = new MarkdownView();
        detached.show("First paragraph that is long enough to wrap over more than one line in a narrow window.\n\n- one\n- two\n\nLast line");
        robot.interact(() -> box.getChildren().setAll(detached));
        settle();
        StyleClassedTextArea area = robot.from(detached).lookup(".chat-text").queryAs(StyleClassedTextArea.class);
        WaitForAsyncUtils.waitFor(2, java.util.concurrent.TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> {
            int visible = area.getVisibleParagraphs().size();
            return visible == area.getParagraphs().size() && visible > 0
                && area.getVisibleParagraphBoundsOnScreen(visible - 1).getMaxY() <= area.localToScreen(area.getBoundsInLocal()).getMaxY() + 0.5;
        }).get());
        assertThat(area.getParagraphs()).hasSize(6);
    }

    @Test
    void theLastLineIsVisibleAfterQuickUpdates(FxRobot robot) throws Exception {
        String text = "";
        robot.interact(() -> view.show(""));
        for (int i = 1; i <= 40; i++) {
            String next = text + (i % 7 == 0 ? "\n" : " ") + "word" + i + " and more words";
            text = next;
            javafx.application.Platform.runLater(() -> view.show(next));
            Thread.sleep(5);
        }
        settle();
        StyleClassedTextArea area = robot.lookup(".chat-text").queryAs(StyleClassedTextArea.class);
        assertThat(area.getVisibleParagraphs()).hasSize(area.getParagraphs().size());
        double lastBottom = area.getVisibleParagraphBoundsOnScreen(area.getVisibleParagraphs().size() - 1).getMaxY();
        assertThat(lastBottom).isLessThanOrEqualTo(area.localToScreen(area.getBoundsInLocal()).getMaxY() + 0.5);
    }

    @Test
    void everyLineOfAGrowingReplyStaysVisible(FxRobot robot) {
        String text = "";
        for (int i = 1; i <= 12; i++) {
            String next = text + (i == 1 ? "" : i % 3 == 0 ? "\n" : " ") + "Line number " + i + " of a reply that keeps growing as it streams.";
            text = next;
            robot.interact(() -> view.show(next));
            settle();
            StyleClassedTextArea area = robot.lookup(".chat-text").queryAs(StyleClassedTextArea.class);
            assertThat(area.getVisibleParagraphs()).as("visible paragraphs after %d pieces", i).hasSize(area.getParagraphs().size());
            double lastBottom = area.getVisibleParagraphBoundsOnScreen(area.getVisibleParagraphs().size() - 1)
                .getMaxY();
            double areaBottom = area.localToScreen(area.getBoundsInLocal()).getMaxY();
            assertThat(lastBottom).as("bottom of the last line vs the area's after %d pieces", i).isLessThanOrEqualTo(areaBottom + 0.5);
        }
    }
}
