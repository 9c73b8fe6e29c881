package bitnet.workbench.tokenizer;

/**
 * Text to token ids and back, built from GGUF metadata only ({@code tokenizer.ggml.*}).
 * Implementations reproduce llama.cpp's {@code llama_tokenize} and {@code llama_token_to_piece}.
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
}
