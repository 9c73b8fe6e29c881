package bitnet.workbench.app.chat;

import bitnet.workbench.app.chat.conversation.ChatTurn;
import bitnet.workbench.app.chat.conversation.Conversation;
import bitnet.workbench.app.chat.conversation.ConversationStore;
import bitnet.workbench.app.chat.conversation.ReplyStats;
import bitnet.workbench.app.chat.conversation.Role;
import bitnet.workbench.app.chat.engine.ChatSession;
import bitnet.workbench.app.chat.engine.StreamThrottle;
import bitnet.workbench.app.event.EventBus;
import bitnet.workbench.app.event.ModelClosed;
import bitnet.workbench.app.event.ModelOpened;
import bitnet.workbench.app.event.StatusMessage;
import bitnet.workbench.app.event.ChatTurnCompleted;
import bitnet.workbench.app.event.GenerationProgress;
import bitnet.workbench.app.event.TokensPerSecondMeasured;
import bitnet.workbench.engine.GenerationResult;
import bitnet.workbench.engine.GenerationSettings;
import bitnet.workbench.engine.GenerationStats;
import bitnet.workbench.engine.LoadedModel;
import bitnet.workbench.engine.StopReason;
import bitnet.workbench.model.ContextOverflowException;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * State of the Chat view: the conversations, the one in front with its turns (the reply being
 * generated included, updated as it streams), the composer's input, the system prompt, whether a
 * reply is running, context use and the last reply's statistics. Generation runs on the engine
 * executor; streamed text comes back through a {@link StreamThrottle}. Conversations are saved on
 * a background thread after every change. Use on the FX thread.
 */
public final class ChatViewModel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChatViewModel.class);

    private final EventBus bus;
    private final ConversationStore store;
    private final SamplingViewModel sampling;
    private final Executor engine;
    private final Executor ui;
    private final LongSupplier clock;
    private final ExecutorService saver = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "workbench-chat-saver");
        t.setDaemon(true);
        return t;
    });

    private final ObservableList<Conversation> conversations = FXCollections.observableArrayList();
    private final ObservableList<Conversation> conversationsView = FXCollections.unmodifiableObservableList(conversations);
    private final ReadOnlyObjectWrapper<Conversation> current = new ReadOnlyObjectWrapper<>();
    private final ObservableList<ChatTurn> turns = FXCollections.observableArrayList();
    private final ObservableList<ChatTurn> turnsView = FXCollections.unmodifiableObservableList(turns);
    private final StringProperty input = new SimpleStringProperty("");
    private final StringProperty systemPrompt = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper generating = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper modelReady = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper modelName = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper formatDescription = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyIntegerWrapper contextUsed = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper contextLength = new ReadOnlyIntegerWrapper();
    private final ReadOnlyObjectWrapper<GenerationStats> lastStats = new ReadOnlyObjectWrapper<>();
    private final BooleanBinding canSend;
    private final BooleanBinding canRegenerate;

    private ChatSession chat;
    private long modelEpoch;
    private Reply running;
    /**
     * How often streamed text may reach the view when set; otherwise {@link StreamThrottle#intervalFor}
     * the engine's threads and this machine's cores. The system property
     * {@code workbench.stream.interval.ms} sets it (for measuring the trade-off).
     */
    private Long throttleIntervalNanos = intervalProperty();

    private static Long intervalProperty() {
        Long ms = Long.getLong("workbench.stream.interval.ms");
        return ms == null ? null : ms * 1_000_000;
    }

    /** One reply in progress. */
    private static final class Reply {
        final String conversationId;
        final ChatSession session;
        final StringBuilder text = new StringBuilder();
        volatile boolean stopRequested;
        StreamThrottle throttle;
        /** Written by the engine thread, read when a throttled piece reaches the FX thread (live speed panel). */
        volatile int tokens;
        volatile long decodeNanos;

        Reply(String conversationId, ChatSession session) {
            this.conversationId = conversationId;
            this.session = session;
        }
    }

    public ChatViewModel(EventBus bus, ConversationStore store, SamplingViewModel sampling, Executor engine, Executor ui,
                         LongSupplier clockMillis) {
        this.bus = bus;
        this.store = store;
        this.sampling = sampling;
        this.engine = engine;
        this.ui = ui;
        this.clock = clockMillis;
        canSend = Bindings.createBooleanBinding(() -> modelReady.get() && !generating.get() && !input.get().isBlank(),
            modelReady, generating, input);
        canRegenerate = Bindings.createBooleanBinding(() -> modelReady.get() && !generating.get()
                && !turns.isEmpty() && (turns.getLast().role() == Role.ASSISTANT || turns.size() % 2 == 1),
            modelReady, generating, turns);

        conversations.setAll(store.list());
        if (conversations.isEmpty()) startNewConversation();
        else show(conversations.getFirst());
        systemPrompt.addListener((o, a, b) -> {
            Conversation c = current.get();
            if (c != null && !c.systemPrompt().equals(b)) replace(c.withSystemPrompt(b, c.updatedMillis()));
            sampling.defaultSystemPromptProperty().set(b);
            recountContext();
        });
        bus.subscribe(ModelOpened.class, e -> modelOpened(e.name(), e.model()));
        bus.subscribe(ModelClosed.class, e -> modelClosed());
    }

    // ---- read-only state -------------------------------------------------------------------

    /** Every conversation, most recently changed first. */
    public ObservableList<Conversation> conversations() { return conversationsView; }
    public ReadOnlyObjectProperty<Conversation> currentProperty() { return current.getReadOnlyProperty(); }
    /** The turns of the conversation in front; while a reply streams its last turn grows. */
    public ObservableList<ChatTurn> turns() { return turnsView; }
    public ReadOnlyBooleanProperty generatingProperty() { return generating.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty modelReadyProperty() { return modelReady.getReadOnlyProperty(); }
    public ReadOnlyStringProperty modelNameProperty() { return modelName.getReadOnlyProperty(); }
    public ReadOnlyStringProperty formatDescriptionProperty() { return formatDescription.getReadOnlyProperty(); }
    /** The last problem in plain words, or null. */
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    /** Tokens the conversation occupies in the context (prompt plus the last reply). */
    public ReadOnlyIntegerProperty contextUsedProperty() { return contextUsed.getReadOnlyProperty(); }
    public ReadOnlyIntegerProperty contextLengthProperty() { return contextLength.getReadOnlyProperty(); }
    /** The engine's statistics of the last finished reply. */
    public ReadOnlyObjectProperty<GenerationStats> lastStatsProperty() { return lastStats.getReadOnlyProperty(); }
    public BooleanBinding canSendProperty() { return canSend; }
    public BooleanBinding canRegenerateProperty() { return canRegenerate; }

    // ---- inputs ----------------------------------------------------------------------------

    public StringProperty inputProperty() { return input; }
    public StringProperty systemPromptProperty() { return systemPrompt; }
    public SamplingViewModel sampling() { return sampling; }

    /** How often streamed text may reach the view (tests of the throttle itself may change it). */
    void setThrottleInterval(long nanos) { throttleIntervalNanos = nanos; }

    // ---- commands --------------------------------------------------------------------------

    /** Sends the input as the user's next message and starts the reply. */
    public void send() {
        if (!canSend.get()) return;
        String text = input.get().strip();
        input.set("");
        List<ChatTurn> history = new ArrayList<>(current.get().turns());
        history.add(ChatTurn.user(text));
        startReply(history);
    }

    /** Asks the running reply to stop after its current token; the text so far is kept. */
    public void stop() {
        Reply r = running;
        if (r == null) return;
        r.stopRequested = true;
        r.session.cancel();
    }

    /** Replaces the last reply with a new one (or answers a user turn that has none). */
    public void regenerate() {
        if (!canRegenerate.get()) return;
        List<ChatTurn> history = new ArrayList<>(current.get().turns());
        if (history.getLast().role() == Role.ASSISTANT) history.removeLast();
        if (history.isEmpty() || history.getLast().role() != Role.USER) return;
        startReply(history);
    }

    /** Changes the user message at {@code index}, drops everything after it and replies again. */
    public void editAndResend(int index, String text) {
        List<ChatTurn> old = current.get().turns();
        if (generating.get() || !modelReady.get() || index < 0 || index >= old.size()
            || old.get(index).role() != Role.USER || text == null || text.isBlank()) return;
        List<ChatTurn> history = new ArrayList<>(old.subList(0, index));
        history.add(ChatTurn.user(text.strip()));
        startReply(history);
    }

    /** Brings an empty conversation to the front (reusing the one in front if it is empty). */
    public void newChat() {
        stop();
        if (current.get() != null && current.get().isEmpty()) {
            input.set("");
            return;
        }
        startNewConversation();
    }

    public void select(Conversation c) {
        if (c == null || (current.get() != null && current.get().id().equals(c.id()))) return;
        stop();
        Conversation left = current.get();
        find(c.id()).ifPresent(this::show);
        if (left != null && left.isEmpty()) conversations.removeIf(x -> x.id().equals(left.id()));
    }

    public void rename(Conversation c, String title) {
        find(c.id()).ifPresent(x -> {
            Conversation renamed = x.withTitle(title, clock.getAsLong());
            replace(renamed);
            if (!renamed.isEmpty() || !renamed.title().isBlank()) save(renamed);
        });
    }

    public void delete(Conversation c) {
        if (running != null && running.conversationId.equals(c.id())) stop();
        boolean wasCurrent = current.get() != null && current.get().id().equals(c.id());
        conversations.removeIf(x -> x.id().equals(c.id()));
        saver.execute(() -> {
            try {
                store.delete(c.id());
            } catch (IOException e) {
                ui.execute(() -> error.set("Could not delete the chat: " + e.getMessage()));
            }
        });
        if (wasCurrent) {
            if (conversations.isEmpty()) startNewConversation();
            else show(conversations.getFirst());
        }
        bus.publish(new StatusMessage("Deleted “" + c.displayTitle() + "”"));
    }

    /** Writes the conversation as Markdown to {@code target} in the background; the status bar says how it went. */
    public void exportMarkdown(Conversation c, Path target) {
        Conversation latest = find(c.id()).orElse(c);
        saver.execute(() -> {
            try {
                store.exportMarkdown(latest, target);
                bus.publish(new StatusMessage("Exported “" + latest.displayTitle() + "” to " + target.getFileName()));
            } catch (IOException e) {
                ui.execute(() -> error.set("Could not export the chat to " + target + ": " + describe(e)));
            }
        });
    }

    public void dismissError() {
        error.set(null);
    }

    /** Waits until every save so far is on disk (tests, and before the window closes). */
    public void awaitSaves() {
        try {
            saver.submit(() -> { }).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Waiting for chat saves failed: {}", e.toString());
        }
    }

    /** Stops any reply, saves what is pending and lets the model go (on the engine thread). */
    @Override
    public void close() {
        stop();
        Conversation c = current.get();
        if (c != null && !c.isEmpty()) save(c);
        ChatSession old = chat;
        chat = null;
        if (old != null) engine.execute(old::close);
        saver.shutdown();
        try {
            if (!saver.awaitTermination(10, TimeUnit.SECONDS)) LOG.warn("Chat saves did not finish in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- replies ---------------------------------------------------------------------------

    private void startReply(List<ChatTurn> history) {
        ChatSession session = chat;
        Conversation c = current.get().withTurns(history, clock.getAsLong()).withModel(modelName.get());
        replace(c);
        save(c);
        turns.setAll(history);
        turns.add(ChatTurn.assistant("", null));
        error.set(null);

        Reply reply = new Reply(c.id(), session);
        running = reply;
        generating.set(true);
        String system = c.systemPrompt();
        GenerationSettings settings = sampling.settings();
        Long interval = throttleIntervalNanos;
        engine.execute(() -> {
            if (reply.stopRequested) {
                ui.execute(() -> failed(reply, history, null));
                return;
            }
            // asked here, on the engine's thread: the pool's thread count waits for a product in progress
            long nanos = interval != null ? interval : StreamThrottle.intervalFor(session.threads(), Runtime.getRuntime().availableProcessors());
            reply.throttle = new StreamThrottle(ui, System::nanoTime, nanos, piece -> streamed(reply, piece));
            try {
                GenerationResult result = session.reply(system, history, settings, event -> {
                    if (event.index() > 0) reply.decodeNanos += event.latencyNanos();
                    reply.tokens = event.index() + 1;
                    reply.throttle.onToken(event);
                    if (reply.stopRequested) session.cancel(); // a stop that came before the engine started
                });
                reply.throttle.finish();
                ui.execute(() -> finished(reply, history, result));
            } catch (ContextOverflowException e) {
                ui.execute(() -> failed(reply, history, "The conversation no longer fits the model's context ("
                    + e.getMessage() + "). Start a new chat, edit an earlier message, or load the model with a larger context."));
            } catch (RuntimeException | Error e) {
                LOG.error("Generation failed", e);
                ui.execute(() -> failed(reply, history, "The model stopped with an error: " + describe(e)));
            }
        });
    }

    private void streamed(Reply reply, String piece) {
        reply.text.append(piece);
        int tokens = reply.tokens;
        long nanos = reply.decodeNanos;
        // pieces arrive throttled (five or ten a second), so the live speed panel updates at that rate too
        if (tokens > 1 && nanos > 0) bus.publish(new GenerationProgress(tokens, (tokens - 1) * 1e9 / nanos, false));
        if (running == reply && isCurrent(reply.conversationId) && !turns.isEmpty()) {
            turns.set(turns.size() - 1, ChatTurn.assistant(reply.text.toString(), null));
        }
    }

    private void finished(Reply reply, List<ChatTurn> history, GenerationResult result) {
        if (running == reply) {
            running = null;
            generating.set(false);
        }
        GenerationStats s = result.stats();
        ChatTurn answer = ChatTurn.assistant(result.text(), new ReplyStats(s.promptTokens(), s.generatedTokens(),
            s.timeToFirstTokenNanos() / 1e6, s.decodeTokensPerSecond(), words(s.stopReason())));
        List<ChatTurn> all = new ArrayList<>(history);
        all.add(answer);
        find(reply.conversationId).ifPresent(c -> {
            Conversation done = c.withTurns(all, clock.getAsLong());
            replace(done);
            save(done);
            if (isCurrent(done.id())) {
                if (turns.size() == all.size()) turns.set(turns.size() - 1, answer);
                else turns.setAll(all);
                contextUsed.set(Math.min(s.promptTokens() + s.generatedTokens(), Math.max(contextLength.get(), 0)));
            }
        });
        lastStats.set(s);
        if (!Double.isNaN(s.decodeTokensPerSecond())) bus.publish(new TokensPerSecondMeasured(s.decodeTokensPerSecond()));
        bus.publish(new GenerationProgress(s.generatedTokens(), Double.isNaN(s.decodeTokensPerSecond()) ? 0 : s.decodeTokensPerSecond(), true));
        if (!history.isEmpty()) bus.publish(new ChatTurnCompleted(history.getLast().text(), result.text()));
    }

    private void failed(Reply reply, List<ChatTurn> history, String message) {
        if (running == reply) {
            running = null;
            generating.set(false);
        }
        if (isCurrent(reply.conversationId)) turns.setAll(history);
        if (message != null) error.set(message);
    }

    private static String words(StopReason r) {
        return switch (r) {
            case END_OF_GENERATION -> "end of text";
            case STOP_STRING -> "stop text";
            case MAX_TOKENS -> "token limit";
            case CANCELLED -> "stopped";
            case CONTEXT_FULL -> "context full";
        };
    }

    // ---- model -----------------------------------------------------------------------------

    private void modelOpened(String name, LoadedModel model) {
        dropModel();
        long epoch = ++modelEpoch;
        modelName.set(name);
        engine.execute(() -> {
            try {
                ChatSession s = ChatSession.open(model);
                ui.execute(() -> {
                    if (epoch != modelEpoch) {
                        engine.execute(s::close);
                        return;
                    }
                    chat = s;
                    formatDescription.set(s.formatDescription());
                    contextLength.set(s.contextLength());
                    modelReady.set(true);
                    recountContext();
                });
            } catch (RuntimeException e) {
                LOG.error("Could not prepare the chat for {}", name, e);
                ui.execute(() -> error.set("The chat cannot use " + name + ": " + describe(e)));
            }
        });
    }

    private void modelClosed() {
        dropModel();
        modelEpoch++;
        modelName.set("");
    }

    private void dropModel() {
        stop();
        ChatSession old = chat;
        chat = null;
        modelReady.set(false);
        formatDescription.set("");
        contextLength.set(0);
        contextUsed.set(0);
        // after the reply still using it has stopped, and before the model itself is closed
        if (old != null) engine.execute(old::close);
    }

    private void recountContext() {
        ChatSession s = chat;
        Conversation c = current.get();
        if (s == null || c == null || generating.get()) return;
        long epoch = modelEpoch;
        String system = c.systemPrompt();
        List<ChatTurn> history = c.turns();
        engine.execute(() -> {
            int n;
            try {
                n = s.promptTokens(system, history);
            } catch (RuntimeException e) {
                return;
            }
            ui.execute(() -> {
                if (epoch == modelEpoch && isCurrent(c.id())) contextUsed.set(n);
            });
        });
    }

    // ---- conversations ---------------------------------------------------------------------

    private void startNewConversation() {
        Conversation c = Conversation.start(sampling.defaultSystemPromptProperty().get(), clock.getAsLong());
        Conversation left = current.get();
        if (left != null && left.isEmpty()) conversations.removeIf(x -> x.id().equals(left.id()));
        conversations.addFirst(c);
        show(c);
    }

    private void show(Conversation c) {
        current.set(c);
        turns.setAll(c.turns());
        systemPrompt.set(c.systemPrompt());
        input.set("");
        recountContext();
    }

    /** Puts the new version of a conversation in the list (most recent first) and in front if it is. */
    private void replace(Conversation c) {
        int at = indexOf(c.id());
        if (at >= 0) conversations.remove(at);
        int pos = 0;
        while (pos < conversations.size() && conversations.get(pos).updatedMillis() > c.updatedMillis()) pos++;
        conversations.add(pos, c);
        if (isCurrent(c.id())) current.set(c);
    }

    private void save(Conversation c) {
        saver.execute(() -> {
            try {
                store.save(c);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not save conversation {}: {}", c.id(), e.toString());
                ui.execute(() -> error.set("Could not save the chat (the previous copy is kept): " + describe(e)));
            }
        });
    }

    private Optional<Conversation> find(String id) {
        int at = indexOf(id);
        return at < 0 ? Optional.empty() : Optional.of(conversations.get(at));
    }

    private int indexOf(String id) {
        for (int i = 0; i < conversations.size(); i++) if (conversations.get(i).id().equals(id)) return i;
        return -1;
    }

    private boolean isCurrent(String id) {
        return current.get() != null && current.get().id().equals(id);
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName().toLowerCase(Locale.ROOT) : m;
    }
}
