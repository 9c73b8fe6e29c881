package bitnet.workbench.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Text to token ids and back, built from GGUF metadata only ({@code tokenizer.ggml.*}).
 * Implementations reproduce llama.cpp's {@code llama_tokenize} and {@code llama_token_to_piece}.
 * Create one with {@link Tokenizers#fromMetadata}. Instances are immutable and thread-safe.
 */
public interface Tokenizer {
    /**
     * Token ids for {@code text}. {@code addSpecial} adds BOS (and EOS) as the vocabulary's
     * add_bos/add_eos settings say; {@code parseSpecial} turns text such as {@code <|eot_id|>} into
     * the control token instead of tokenizing it as plain text.
     */
    int[] encode(String text, boolean addSpecial, boolean parseSpecial);

    /** The raw bytes a token stands for (byte-fallback and byte-level tokens decoded); control tokens give none unless {@code special}. */
    byte[] tokenBytes(int token, boolean special);

    int vocabSize();

    /** BOS id or -1. */
    int bos();

    /** EOS id or -1. */
    int eos();

    /** EOS, EOT and other end-of-generation tokens. */
    boolean isEndOfGeneration(int token);

    /** The token's text as stored in the vocabulary (for display, e.g. on a chart axis). */
    String tokenText(int token);

    /** End-of-turn id ({@code tokenizer.ggml.eot_token_id}, or found by text such as {@code <|eot_id|>}), or -1. */
    default int eot() { return -1; }

    /** Whether {@code encode(text, true, ...)} starts with BOS. */
    default boolean addsBos() { return bos() >= 0; }

    /** Whether {@code encode(text, true, ...)} ends with EOS. */
    default boolean addsEos() { return false; }

    /** Every token that ends generation, ascending. */
    default int[] endOfGenerationTokens() {
        return eos() >= 0 ? new int[] {eos()} : new int[0];
    }

    default TokenType tokenType(int token) { return TokenType.NORMAL; }

    /** The id of the token whose vocabulary text is exactly {@code text}, or -1. */
    default int findToken(String text) { return -1; }

    /**
     * The text of {@code tokens} as concatenated pieces ({@code llama_token_to_piece} with
     * special=false, so control tokens vanish and an SPM leading space is kept). Invalid UTF-8
     * becomes U+FFFD. This is what a stream of {@link TokenTextDecoder} outputs adds up to.
     */
    default String decode(int[] tokens) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int t : tokens) out.writeBytes(tokenBytes(t, false));
        return out.toString(StandardCharsets.UTF_8);
    }
}
