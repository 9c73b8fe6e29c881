package bitnet.workbench.app.chat;

import bitnet.workbench.app.chat.conversation.ChatTurn;
import bitnet.workbench.app.chat.conversation.ConversationStore;
import bitnet.workbench.app.chat.conversation.Role;
import bitnet.workbench.app.event.EventBus;
import bitnet.workbench.app.event.ModelOpened;
import bitnet.workbench.app.event.TokensPerSecondMeasured;
import bitnet.workbench.engine.LoadedModel;
import bitnet.workbench.engine.StopReason;
import bitnet.workbench.model.ModelOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat's logic without a window: executors that run at once (or when the test says), the real
 * stories260K model, and the store on a temporary folder.
 */
class ChatViewModelTest {
    @TempDir
    Path home;

    private final EventBus bus = new EventBus(Runnable::run);
    private LoadedModel model;
    private ChatViewModel vm;

    private static Path stories() {
        String dir = System.getProperty("reference.dir");
        Assumptions.assumeTrue(dir != null, "reference.dir is not set; skipping a test that needs reference models");
        Path p = Path.of(dir, "models", "stories260K.gguf");
        Assumptions.assumeTrue(Files.isRegularFile(p), "reference model " + p + " is missing; skipping");
        return p;
    }

    private ChatViewModel chat(int contextLength, ConversationStore store, Executor engine) throws IOException {
        model = LoadedModel.open(stories(), ModelOptions.defaults().withContextLength(contextLength));
        vm = new ChatViewModel(bus, store, new SamplingViewModel(home), engine, Runnable::run, System::currentTimeMillis);
        vm.sampling().useGreedy();
        vm.sampling().maxTokensProperty().set(20);
        bus.publish(new ModelOpened(model.path(), "stories260K.gguf", model));
        return vm;
    }

    @AfterEach
    void close() {
        if (vm != null) vm.close();
        if (model != null) model.close();
    }

    @Test
    void aReplyFillsTheContextGaugeAndReportsItsSpeed() throws IOException {
        List<Double> speeds = new ArrayList<>();
        bus.subscribe(TokensPerSecondMeasured.class, e -> speeds.add(e.tokensPerSecond()));
        chat(256, new ConversationStore(home), Runnable::run);
        assertThat(vm.modelReadyProperty().get()).isTrue();
        assertThat(vm.contextLengthProperty().get()).isEqualTo(256);
        assertThat(vm.contextUsedProperty().get()).isEqualTo(1); // an empty chat is just BOS

        vm.inputProperty().set("Once upon a time");
        vm.send();

        assertThat(vm.turns()).extracting(ChatTurn::role).containsExactly(Role.USER, Role.ASSISTANT);
        assertThat(vm.turns().getLast().text()).startsWith(", there was a little girl named Lily.");
        assertThat(vm.contextUsedProperty().get()).isEqualTo(5 + 20); // BOS + 4 prompt tokens, 20 generated
        assertThat(speeds).hasSize(1).allMatch(s -> s > 0);
        assertThat(vm.lastStatsProperty().get().stopReason()).isEqualTo(StopReason.MAX_TOKENS);
    }

    @Test
    void aConversationLongerThanTheContextGivesAPlainErrorAndKeepsTheMessage() throws IOException {
        chat(16, new ConversationStore(home), Runnable::run);
        vm.inputProperty().set("Once upon a time there was a little girl named Lily who loved to play in the park");
        vm.send();

        assertThat(vm.errorProperty().get()).startsWith("The conversation no longer fits the model's context (the prompt has ")
            .contains("holds only 16").doesNotContain("Exception");
        assertThat(vm.turns()).extracting(ChatTurn::role).containsExactly(Role.USER);
        assertThat(vm.generatingProperty().get()).isFalse();
        assertThat(vm.canRegenerateProperty().get()).isTrue();
    }

    @Test
    void stopBeforeTheEngineStartsMeansNoReplyAndNoError() throws IOException {
        Queue<Runnable> engine = new ArrayDeque<>();
        chat(256, new ConversationStore(home), engine::add);
        while (!engine.isEmpty()) engine.poll().run(); // prepare the model
        vm.inputProperty().set("Once upon a time");
        vm.send();
        assertThat(vm.generatingProperty().get()).isTrue();
        assertThat(vm.turns()).extracting(ChatTurn::text).containsExactly("Once upon a time", "");

        vm.stop();
        while (!engine.isEmpty()) engine.poll().run();

        assertThat(vm.generatingProperty().get()).isFalse();
        assertThat(vm.turns()).extracting(ChatTurn::text).containsExactly("Once upon a time");
        assertThat(vm.errorProperty().get()).isNull();
    }

    @Test
    void aSaveThatFailsIsReportedAndTheChatGoesOn() throws IOException {
        ConversationStore failing = new ConversationStore(home, (file, content) -> {
            throw new IOException("No space left on device");
        });
        chat(256, failing, Runnable::run);
        vm.inputProperty().set("Once upon a time");
        vm.send();
        vm.awaitSaves();
        assertThat(vm.errorProperty().get()).isEqualTo("Could not save the chat (the previous copy is kept): No space left on device");
        assertThat(vm.turns()).hasSize(2);
        assertThat(vm.turns().getLast().text()).startsWith(", there was");
    }

    @Test
    void deletingTheChatInFrontShowsTheNextOneAndRenamingKeepsTheTitle() throws IOException {
        ConversationStore store = new ConversationStore(home);
        chat(256, store, Runnable::run);
        vm.inputProperty().set("Once upon a time");
        vm.send();
        vm.newChat();
        vm.inputProperty().set("The little girl");
        vm.send();
        vm.rename(vm.currentProperty().get(), "Girl story");
        vm.awaitSaves();
        assertThat(store.list()).extracting(c -> c.displayTitle()).containsExactly("Girl story", "Once upon a time");

        vm.delete(vm.currentProperty().get());
        vm.awaitSaves();
        assertThat(vm.currentProperty().get().displayTitle()).isEqualTo("Once upon a time");
        assertThat(vm.turns()).hasSize(2);
        assertThat(store.list()).extracting(c -> c.displayTitle()).containsExactly("Once upon a time");
    }
}
