package bitnet.workbench.app.chat.engine;

import bitnet.workbench.app.chat.conversation.ChatTurn;
import bitnet.workbench.app.chat.conversation.Role;
import bitnet.workbench.tokenizer.ChatMessage;
import bitnet.workbench.tokenizer.ChatTemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * The model's own chat format ({@link ChatTemplate}: the file's Jinja template, the built-in
 * BitNet b1.58 2B4T format, or plain text continuation for base models such as stories260K).
 * A blank system prompt is left out rather than sent as an empty system turn.
 */
final class TemplateChatFormat implements ChatFormat {
    private final ChatTemplate template;

    TemplateChatFormat(ChatTemplate template) {
        this.template = template;
    }

    @Override
    public int[] encode(String systemPrompt, List<ChatTurn> turns) {
        return template.encode(messages(systemPrompt, turns), true);
    }

    static List<ChatMessage> messages(String systemPrompt, List<ChatTurn> turns) {
        List<ChatMessage> messages = new ArrayList<>(turns.size() + 1);
        if (systemPrompt != null && !systemPrompt.isBlank()) messages.add(ChatMessage.system(systemPrompt));
        for (ChatTurn t : turns) {
            messages.add(t.role() == Role.USER ? ChatMessage.user(t.text()) : ChatMessage.assistant(t.text()));
        }
        return messages;
    }

    @Override
    public List<String> stopStrings() {
        return template.stopStrings();
    }

    @Override
    public String description() {
        return template.description();
    }
}
