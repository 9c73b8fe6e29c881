package bitnet.workbench.app.chat.conversation;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * A saved chat: its turns in order, the system prompt it used, and a title for the sidebar.
 * Immutable; every edit returns a new value with {@code updatedMillis} moved on.
 *
 * @param id            stable file name stem, letters, digits and dashes only
 * @param title         what the sidebar shows; empty until the first message names it
 * @param createdMillis epoch milliseconds
 * @param updatedMillis epoch milliseconds of the last change; the sidebar sorts by it
 * @param model         file name of the model last used, for information
 */
public record Conversation(String id, String title, long createdMillis, long updatedMillis, String systemPrompt,
                           List<ChatTurn> turns, String model) {
    private static final int TITLE_LENGTH = 48;

    public Conversation {
        Objects.requireNonNull(id, "id");
        if (!id.matches("[A-Za-z0-9-]{1,64}")) throw new IllegalArgumentException("conversation id must be letters, digits and dashes: " + id);
        title = title == null ? "" : title;
        systemPrompt = systemPrompt == null ? "" : systemPrompt;
        turns = turns == null ? List.of() : List.copyOf(turns);
        model = model == null ? "" : model;
    }

    public static Conversation start(String systemPrompt, long nowMillis) {
        return new Conversation(UUID.randomUUID().toString(), "", nowMillis, nowMillis, systemPrompt, List.of(), "");
    }

    /** The title, or one made from the first user message, or "New chat". */
    public String displayTitle() {
        if (!title.isBlank()) return title;
        return turns.stream().filter(t -> t.role() == Role.USER).findFirst()
            .map(t -> shorten(t.text())).filter(s -> !s.isBlank()).orElse("New chat");
    }

    @JsonIgnore
    public boolean isEmpty() {
        return turns.isEmpty();
    }

    public Conversation withTurns(List<ChatTurn> next, long nowMillis) {
        return new Conversation(id, title, createdMillis, nowMillis, systemPrompt, next, model);
    }

    public Conversation append(ChatTurn turn, long nowMillis) {
        List<ChatTurn> next = new ArrayList<>(turns);
        next.add(turn);
        return withTurns(next, nowMillis);
    }

    public Conversation withTitle(String t, long nowMillis) {
        return new Conversation(id, t == null ? "" : t.strip(), createdMillis, nowMillis, systemPrompt, turns, model);
    }

    public Conversation withSystemPrompt(String s, long nowMillis) {
        return new Conversation(id, title, createdMillis, nowMillis, s, turns, model);
    }

    public Conversation withModel(String m) {
        return new Conversation(id, title, createdMillis, updatedMillis, systemPrompt, turns, m);
    }

    private static String shorten(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        if (oneLine.length() <= TITLE_LENGTH) return oneLine;
        int cut = oneLine.lastIndexOf(' ', TITLE_LENGTH);
        return oneLine.substring(0, cut > TITLE_LENGTH / 2 ? cut : TITLE_LENGTH).strip() + "…";
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Conversation[%s, %s, %d turns]", id, displayTitle(), turns.size());
    }
}
