package bitnet.workbench.app.chat.engine;

import bitnet.workbench.app.chat.conversation.ChatTurn;
import bitnet.workbench.engine.GenerationResult;
import bitnet.workbench.engine.GenerationSession;
import bitnet.workbench.engine.GenerationSettings;
import bitnet.workbench.engine.LoadedModel;
import bitnet.workbench.engine.TokenListener;

import java.util.ArrayList;
import java.util.List;

/**
 * The chat's hold on a loaded model: one engine session (one KV cache) shared by every
 * conversation, and the model's chat format. Each reply passes the whole formatted history, so the
 * engine reuses the cached prefix and evaluates only what is new. Everything but {@link #cancel()}
 * runs on the engine thread.
 */
public final class ChatSession implements AutoCloseable {
    private final LoadedModel model;
    private final ChatFormat format;
    private GenerationSession session;

    public ChatSession(LoadedModel model, ChatFormat format) {
        this.model = model;
        this.format = format;
    }

    public static ChatSession open(LoadedModel model) {
        return new ChatSession(model, ChatFormats.forModel(model));
    }

    public int contextLength() {
        return model.model().contextLength();
    }

    /** The engine's thread count now (it can change between generations). */
    public int threads() {
        return model.model().threads();
    }

    public String formatDescription() {
        return format.description();
    }

    /** Tokens the prompt for these turns takes (what the context holds before a reply). */
    public int promptTokens(String systemPrompt, List<ChatTurn> turns) {
        return format.encode(systemPrompt, turns).length;
    }

    /**
     * Generates the assistant's reply to {@code history} (which ends with the user's turn), with
     * the format's stop strings added to the settings'.
     *
     * @throws bitnet.workbench.model.ContextOverflowException if the history no longer fits the context
     */
    public GenerationResult reply(String systemPrompt, List<ChatTurn> history, GenerationSettings settings, TokenListener listener) {
        int[] prompt = format.encode(systemPrompt, history);
        List<String> stops = new ArrayList<>(settings.stopStrings());
        for (String s : format.stopStrings()) if (!stops.contains(s)) stops.add(s);
        return session().generate(prompt, settings.withStopStrings(stops), listener);
    }

    /** Stops the running reply after its current token; safe from any thread. */
    public void cancel() {
        GenerationSession s = session;
        if (s != null) s.cancel();
    }

    private GenerationSession session() {
        if (session == null) session = model.newSession();
        return session;
    }

    @Override
    public void close() {
        if (session != null) session.close();
        session = null;
    }
}
