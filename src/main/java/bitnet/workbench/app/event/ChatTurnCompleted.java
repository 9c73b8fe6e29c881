package bitnet.workbench.app.event;

/**
 * A chat reply finished: the user's message and the model's answer, so other views (the Inspect
 * page's activations) can look at the same text without holding on to the chat.
 */
public record ChatTurnCompleted(String userText, String replyText) implements Event {
    /** The turn as one plain text, as the Inspect page runs it through the model. */
    public String asText() {
        return replyText.isEmpty() ? userText : userText + replyText;
    }
}
