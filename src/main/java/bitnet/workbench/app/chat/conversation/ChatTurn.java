package bitnet.workbench.app.chat.conversation;

import java.util.Objects;

/** One message of a conversation; only assistant turns carry {@link ReplyStats} (null while unknown). */
public record ChatTurn(Role role, String text, ReplyStats stats) {
    public ChatTurn {
        Objects.requireNonNull(role, "role");
        text = text == null ? "" : text;
    }

    public static ChatTurn user(String text) {
        return new ChatTurn(Role.USER, text, null);
    }

    public static ChatTurn assistant(String text, ReplyStats stats) {
        return new ChatTurn(Role.ASSISTANT, text, stats);
    }
}
