package bitnet.workbench.cli;

import bitnet.workbench.engine.LoadedModel;

import java.util.ArrayList;
import java.util.List;

/** How the CLI turns a user's text into prompt tokens: plain text, or a chat turn. */
abstract class PromptFormat {
    abstract int[] encodeUserTurn(String text);

    /** The stop strings a generation should use: the user's, plus the template's. */
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

    static PromptFormat chat(LoadedModel loaded, String system) {
        throw new UnsupportedOperationException("--chat needs the chat template support");
    }
}
