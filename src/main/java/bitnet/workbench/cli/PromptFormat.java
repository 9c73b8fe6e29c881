package bitnet.workbench.cli;

import bitnet.workbench.engine.LoadedModel;
import bitnet.workbench.tokenizer.ChatMessage;
import bitnet.workbench.tokenizer.ChatTemplate;

import java.util.ArrayList;
import java.util.List;

/** How the CLI turns a user's text into prompt tokens: plain text, or a chat turn. */
abstract class PromptFormat {
    abstract int[] encodeUserTurn(String text);

    /** The stop strings a generation should use: the user's, plus the format's own. */
    List<String> stopStrings(List<String> user) {
        return new ArrayList<>(user);
    }

    /** As llama.cpp's tools tokenize a raw prompt: BOS per the vocabulary, special-token text kept as text. */
    static PromptFormat plain(LoadedModel loaded) {
        return new PromptFormat() {
            @Override
            int[] encodeUserTurn(String text) {
                return loaded.tokenizer().encode(text, true, false);
            }
        };
    }

    /** One user turn (after an optional system prompt) formatted by the model's chat template. */
    static PromptFormat chat(LoadedModel loaded, String system) {
        ChatTemplate template = loaded.chatTemplate();
        return new PromptFormat() {
            @Override
            int[] encodeUserTurn(String text) {
                List<ChatMessage> messages = new ArrayList<>();
                if (system != null && !system.isBlank()) messages.add(ChatMessage.system(system));
                messages.add(ChatMessage.user(text));
                return template.encode(messages, true);
            }

            @Override
            List<String> stopStrings(List<String> user) {
                List<String> all = new ArrayList<>(user);
                all.addAll(template.stopStrings());
                return all;
            }
        };
    }
}
