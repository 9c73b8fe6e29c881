package bitnet.workbench.app.chat.conversation;

/** Who wrote a turn. The system prompt is not a turn: it belongs to the conversation. */
public enum Role {
    USER,
    ASSISTANT
}
