package bitnet.workbench.app.chat.engine;

import bitnet.workbench.app.chat.conversation.ChatTurn;
import bitnet.workbench.tokenizer.Tokenizer;

import java.util.List;

/**
 * For models without a chat format (base models such as stories260K): the system prompt and every
 * turn written one after another, so the model simply continues the text. BOS is added as the
 * vocabulary says; special-token text stays text, as in the CLI's plain prompts.
 */
final class PlainContinuation implements ChatFormat {
    private final Tokenizer tokenizer;

    PlainContinuation(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    @Override
    public int[] encode(String systemPrompt, List<ChatTurn> turns) {
        StringBuilder text = new StringBuilder(systemPrompt == null ? "" : systemPrompt);
        for (ChatTurn t : turns) text.append(t.text());
        return tokenizer.encode(text.toString(), true, false);
    }

    @Override
    public List<String> stopStrings() {
        return List.of();
    }

    @Override
    public String description() {
        return "plain text continuation (the model has no chat template)";
    }
}
