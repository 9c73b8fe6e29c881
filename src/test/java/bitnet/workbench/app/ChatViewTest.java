package bitnet.workbench.app;

import bitnet.workbench.app.action.ActionId;
import bitnet.workbench.app.chat.conversation.ChatTurn;
import bitnet.workbench.app.chat.conversation.Conversation;
import bitnet.workbench.app.chat.conversation.ConversationStore;
import bitnet.workbench.app.chat.conversation.Role;
import bitnet.workbench.app.theme.Theme;
import bitnet.workbench.engine.GenerationStats;
import bitnet.workbench.engine.StopReason;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static bitnet.workbench.app.WorkbenchFixture.awaitChatReady;
import static bitnet.workbench.app.WorkbenchFixture.awaitReply;
import static bitnet.workbench.app.WorkbenchFixture.referenceModel;
import static bitnet.workbench.app.WorkbenchFixture.screenshot;
import static org.assertj.core.api.Assertions.assertThat;

/** The chat on a real model (stories260K, a tiny TinyStories llama): streaming, stop, regenerate, edit, history. */
@ExtendWith(ApplicationExtension.class)
class ChatViewTest {
    private static final String STORIES = "stories260K.gguf";
    /** llama.cpp's greedy continuation of "Once upon a time" with this model (reference fixture). */
    private static final String GREEDY_START = ", there was a little girl named Lily. She loved to play outside in the park.";

    private Stage stage;
    private Workbench wb;
    private Path home;
    private Path models;

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        home = Files.createTempDirectory("wb-home");
        models = Files.createTempDirectory("wb-models");
        wb = new Workbench(new Workbench.Options(home, models, List.of()), () -> { });
        wb.show(stage);
    }

    @AfterEach
    void close(FxRobot robot) {
        if (wb != null) robot.interact(wb::close);
    }

    private void openStories(FxRobot robot) throws Exception {
        Path model = referenceModel(STORIES);
        robot.interact(() -> {
            wb.models().open(model);
            wb.chat().sampling().useGreedy();
            wb.chat().sampling().maxTokensProperty().set(40);
            wb.actions().fire(ActionId.NEW_CHAT);
        });
        awaitChatReady(wb);
    }

    private void type(FxRobot robot, String text) {
        robot.clickOn("#chat-input");
        robot.interact(() -> wb.chat().inputProperty().set(text));
    }

    private void sendWithShortcut(FxRobot robot) {
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
    }

    private List<ChatTurn> turns() {
        return List.copyOf(wb.chat().turns());
    }

    @Test
    void aMessageGetsAGreedyReplyThatStreamsInAndShowsItsStatistics(FxRobot robot) throws Exception {
        openStories(robot);
        robot.interact(() -> wb.chat().sampling().maxTokensProperty().set(300));
        List<String> seen = new CopyOnWriteArrayList<>();
        robot.interact(() -> wb.chat().turns().addListener((ListChangeListener<ChatTurn>) c -> {
            List<ChatTurn> t = wb.chat().turns();
            if (!t.isEmpty() && t.getLast().role() == Role.ASSISTANT && !t.getLast().text().isEmpty()) seen.add(t.getLast().text());
        }));

        List<bitnet.workbench.app.event.GenerationProgress> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
        robot.interact(() -> wb.bus().subscribe(bitnet.workbench.app.event.GenerationProgress.class, progress::add));
        type(robot, "Once upon a time");
        sendWithShortcut(robot);
        awaitReply(wb);

        List<ChatTurn> turns = turns();
        assertThat(turns).extracting(ChatTurn::role).containsExactly(Role.USER, Role.ASSISTANT);
        assertThat(turns.get(0).text()).isEqualTo("Once upon a time");
        String reply = turns.get(1).text();
        assertThat(reply).startsWith(GREEDY_START);
        // the reply arrived in pieces, each a prefix of the whole
        assertThat(seen.size()).isGreaterThan(2);
        assertThat(seen).allMatch(reply::startsWith);
        assertThat(seen.getFirst().length()).isLessThan(reply.length());

        GenerationStats stats = wb.chat().lastStatsProperty().get();
        assertThat(stats.generatedTokens()).isEqualTo(300);
        assertThat(stats.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(turns.get(1).stats().generatedTokens()).isEqualTo(300);
        // the live speed panel hears the generation: progress while streaming, then the final figures
        assertThat(progress).isNotEmpty();
        assertThat(progress.getLast().finished()).isTrue();
        assertThat(progress.getLast().tokens()).isEqualTo(300);
        assertThat(progress.getLast().tokensPerSecond()).isEqualTo(stats.decodeTokensPerSecond());
        assertThat(progress.subList(0, progress.size() - 1)).allSatisfy(p -> assertThat(p.finished()).isFalse())
            .allSatisfy(p -> assertThat(p.tokens()).isBetween(2, 300));
        String shownStats = robot.lookup(".message.assistant .message-stats").queryAs(Label.class).getText();
        assertThat(shownStats).startsWith("300 tokens · ").contains(" tok/s · first token ").endsWith("token limit");
        assertThat(robot.lookup("#status-speed").queryAs(Label.class).getText()).matches("[0-9.]+ tok/s");
        StyleClassedTextArea shown = robot.lookup(".message.assistant .chat-text").queryAs(StyleClassedTextArea.class);
        assertThat(shown.getText()).startsWith(", there was a little girl named Lily.");
        // prompt (BOS + 4 tokens) plus the reply
        assertThat(wb.chat().contextUsedProperty().get()).isEqualTo(stats.promptTokens() + 300);
        assertThat(robot.lookup("#context-usage").queryAs(Label.class).getText()).isEqualTo("context " + (stats.promptTokens() + 300) + " / 2,048 tokens");
    }

    @Test
    void escapeStopsALongReplyEarlyAndKeepsWhatWasWritten(FxRobot robot) throws Exception {
        openStories(robot);
        robot.interact(() -> wb.chat().sampling().maxTokensProperty().set(2000));
        type(robot, "Once upon a time");
        robot.clickOn("#send");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !turns().isEmpty() && !turns().getLast().text().isEmpty());
        assertThat(wb.actions().isAvailable(ActionId.STOP)).isTrue();
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        awaitReply(wb);

        GenerationStats stats = wb.chat().lastStatsProperty().get();
        assertThat(stats.stopReason()).isEqualTo(StopReason.CANCELLED);
        assertThat(stats.generatedTokens()).isBetween(1, 1999);
        ChatTurn reply = turns().getLast();
        // where the stop lands depends on timing; what was written is the greedy text up to there
        String greedyStart = ", there was a little girl named Lily.";
        assertThat(reply.text()).isNotEmpty();
        assertThat(greedyStart.startsWith(reply.text()) || reply.text().startsWith(greedyStart))
            .as("reply %s is consistent with the greedy text", reply.text()).isTrue();
        assertThat(reply.stats().stopReason()).isEqualTo("stopped");
        assertThat(wb.actions().isAvailable(ActionId.STOP)).isFalse();
    }

    @Test
    void regenerateReplacesTheLastReplyInsteadOfAddingOne(FxRobot robot) throws Exception {
        openStories(robot);
        type(robot, "Once upon a time");
        sendWithShortcut(robot);
        awaitReply(wb);
        String first = turns().getLast().text();

        robot.interact(() -> {
            wb.chat().sampling().temperatureProperty().set(1.0);
            wb.chat().sampling().seedProperty().set(7);
        });
        robot.clickOn("#regenerate");
        awaitReply(wb);

        List<ChatTurn> turns = turns();
        assertThat(turns).hasSize(2);
        assertThat(turns.get(0).text()).isEqualTo("Once upon a time");
        assertThat(turns.get(1).text()).isNotEqualTo(first).isNotBlank();
        GenerationStats stats = wb.chat().lastStatsProperty().get();
        // the prompt was already in the KV cache: all of it but the last token is reused
        assertThat(stats.reusedPromptTokens()).isEqualTo(stats.promptTokens() - 1);
    }

    @Test
    void editingAnEarlierMessageDropsWhatFollowedAndReplies(FxRobot robot) throws Exception {
        openStories(robot);
        type(robot, "Once upon a time");
        sendWithShortcut(robot);
        awaitReply(wb);
        type(robot, " Then");
        sendWithShortcut(robot);
        awaitReply(wb);
        assertThat(turns()).hasSize(4);

        robot.clickOn(robot.lookup(".message.user .edit-message").nth(0).queryButton());
        robot.interact(() -> robot.lookup(".edit-text").queryAs(javafx.scene.control.TextArea.class).setText("The little girl"));
        robot.clickOn(robot.lookup(".resend-message").nth(0).queryButton());
        awaitReply(wb);

        List<ChatTurn> turns = turns();
        assertThat(turns).extracting(ChatTurn::role).containsExactly(Role.USER, Role.ASSISTANT);
        assertThat(turns.get(0).text()).isEqualTo("The little girl");
        assertThat(turns.get(1).text()).isNotBlank().doesNotStartWith(", there was");
        Conversation saved = savedCopy(wb.chat().currentProperty().get().id());
        assertThat(saved.turns()).extracting(ChatTurn::text).containsExactly("The little girl", turns.get(1).text());
    }

    @Test
    void conversationsSwitchFromTheSidebarAndAreThereAfterARestart(FxRobot robot) throws Exception {
        openStories(robot);
        type(robot, "Once upon a time");
        sendWithShortcut(robot);
        awaitReply(wb);
        String firstId = wb.chat().currentProperty().get().id();
        String firstReply = turns().getLast().text();

        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(turns()).isEmpty();
        type(robot, "The little girl");
        sendWithShortcut(robot);
        awaitReply(wb);
        assertThat(wb.chat().conversations()).hasSize(2);

        robot.clickOn("Once upon a time");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(wb.chat().currentProperty().get().id()).isEqualTo(firstId);
        assertThat(turns()).extracting(ChatTurn::text).containsExactly("Once upon a time", firstReply);

        robot.interact(wb::close);
        robot.interact(() -> {
            wb = new Workbench(new Workbench.Options(home, models, List.of()), () -> { });
            wb.show(stage);
        });
        robot.clickOn("#nav-chat");
        @SuppressWarnings("unchecked")
        ListView<Conversation> list = robot.lookup("#conversation-list").queryAs(ListView.class);
        assertThat(list.getItems()).extracting(Conversation::displayTitle).containsExactlyInAnyOrder("Once upon a time", "The little girl");
        robot.clickOn("Once upon a time");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(turns()).extracting(ChatTurn::text).containsExactly("Once upon a time", firstReply);
        assertThat(turns().getLast().stats().generatedTokens()).isEqualTo(40);
    }

    @Test
    void aCorruptModelFileShowsAnErrorAndTheLoadedModelKeepsChatting(FxRobot robot) throws Exception {
        openStories(robot);
        Path garbage = Files.createTempFile("garbage", ".gguf");
        Files.write(garbage, "GGUF but not really a model file".repeat(8).getBytes());
        WorkbenchFixture.openAndWait(robot, wb, garbage);
        assertThat(wb.models().errorProperty().get()).startsWith("Could not open " + garbage.getFileName() + ": ");
        assertThat(wb.status().modelNameProperty().get()).isEqualTo(STORIES);

        robot.clickOn("#nav-chat");
        type(robot, "Once upon a time");
        sendWithShortcut(robot);
        awaitReply(wb);
        assertThat(turns().getLast().text()).startsWith(", there was a little girl");
    }

    @Test
    void newEngineSettingsApplyWhenTheModelIsReloadedAndTheChatGoesOnWithThem(FxRobot robot) throws Exception {
        openStories(robot);
        assertThat(wb.chat().contextLengthProperty().get()).isEqualTo(2048);
        robot.clickOn("#nav-models");
        assertThat(robot.lookup("#reload-model").query().isVisible()).isFalse();

        robot.interact(() -> {
            wb.engineSettings().setContextSize(256);
            wb.engineSettings().setThreads(1);
        });
        assertThat(robot.lookup("#reload-model").query().isVisible()).isTrue();
        robot.clickOn("#reload-model");
        awaitChatReady(wb);

        var loaded = wb.models().modelProperty().get().model().model();
        assertThat(loaded.contextLength()).isEqualTo(256);
        assertThat(loaded.options().threads()).isEqualTo(1);
        assertThat(robot.lookup("#reload-model").query().isVisible()).isFalse();
        assertThat(wb.chat().contextLengthProperty().get()).isEqualTo(256);
        robot.clickOn("#nav-chat");
        type(robot, "Once upon a time");
        sendWithShortcut(robot);
        awaitReply(wb);
        assertThat(turns().getLast().text()).startsWith(", there was a little girl");
        assertThat(robot.lookup("#context-usage").queryAs(Label.class).getText()).endsWith(" / 256 tokens");
    }

    @Test
    void screenshotsOfTheChatInBothThemes(FxRobot robot) throws Exception {
        openStories(robot);
        robot.interact(() -> wb.chat().sampling().maxTokensProperty().set(48));
        robot.interact(() -> wb.chat().systemPromptProperty().set(""));
        type(robot, "Once upon a time");
        sendWithShortcut(robot);
        awaitReply(wb);
        robot.interact(() -> wb.chat().sampling().maxTokensProperty().set(24));
        type(robot, " *Markdown* shows as **rich text**, with `code`:\n\n- a list\n- of items\n\n```java\nint answer = 42;\n```\n\nThen");
        sendWithShortcut(robot);
        awaitReply(wb);
        robot.interact(() -> wb.themes().setTheme(Theme.LIGHT));
        WaitForAsyncUtils.waitForFxEvents(3);
        assertEveryLineIsVisible(robot);
        Path light = screenshot(robot, wb.scene(), "chat-light");
        Files.createDirectories(Path.of("target", "assets"));
        Files.copy(light, Path.of("target", "assets", "chat.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        robot.interact(() -> wb.themes().setTheme(Theme.DARK));
        Path dark = screenshot(robot, wb.scene(), "chat-dark");
        robot.interact(() -> wb.themes().setTheme(Theme.LIGHT));
        assertThat(light).exists();
        assertThat(dark).exists();
    }

    /** Each message's text area becomes as tall as its text within a few frames: no line stays cut off. */
    private static void assertEveryLineIsVisible(FxRobot robot) throws TimeoutException {
        for (StyleClassedTextArea area : robot.lookup(".chat-text").queryAllAs(StyleClassedTextArea.class)) {
            WaitForAsyncUtils.waitFor(2, TimeUnit.SECONDS, () -> allLinesVisible(area));
        }
    }

    private static boolean allLinesVisible(StyleClassedTextArea area) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            int visible = area.getVisibleParagraphs().size();
            if (visible == 0 || visible != area.getParagraphs().size()) return false;
            double lastBottom = area.getVisibleParagraphBoundsOnScreen(visible - 1).getMaxY();
            return lastBottom <= area.localToScreen(area.getBoundsInLocal()).getMaxY() + 0.5;
        }).get();
    }

    private Conversation savedCopy(String id) {
        wb.chat().awaitSaves();
        return new ConversationStore(home).load(id).orElseThrow();
    }

    @SuppressWarnings("unused")
    private static List<String> texts(List<ChatTurn> turns) {
        List<String> out = new ArrayList<>();
        for (ChatTurn t : turns) out.add(t.text());
        return out;
    }
}
