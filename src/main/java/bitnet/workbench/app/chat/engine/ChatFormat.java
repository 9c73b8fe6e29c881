package bitnet.workbench.app.chat.engine;

import bitnet.workbench.app.chat.conversation.ChatTurn;

import java.util.List;

/** How a conversation becomes the prompt tokens of the model, and which texts end a reply. */
public interface ChatFormat {
    /** The prompt for the system prompt (may be blank) and the turns so far, ending where the reply starts. */
    int[] encode(String systemPrompt, List<ChatTurn> turns);

    /** Texts that end a reply when the model writes them. */
    List<String> stopStrings();

    /** For display: where this format came from. */
    String description();
}
