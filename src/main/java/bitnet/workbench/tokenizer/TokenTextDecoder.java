package bitnet.workbench.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns a stream of generated tokens into text for display, one call per token. A character whose
 * UTF-8 bytes are spread over several tokens (an emoji from byte tokens, a CJK character split by
 * BPE) is held back until its last byte arrives, so a GUI never shows half a character. Bytes that
 * cannot start or continue a valid character are passed on at once and show up as U+FFFD.
 * Not thread-safe: use one decoder per generation.
 */
public final class TokenTextDecoder {
    private final Tokenizer tokenizer;
    private final boolean special;
    private byte[] pending = new byte[8];
    private int length;

    /** Decodes pieces as llama_token_to_piece(special=false): control tokens add no text. */
    public TokenTextDecoder(Tokenizer tokenizer) {
        this(tokenizer, false);
    }

    /** With {@code special}, control tokens add their own text (e.g. "<|eot_id|>"). */
    public TokenTextDecoder(Tokenizer tokenizer, boolean special) {
        this.tokenizer = tokenizer;
        this.special = special;
    }

    /** The text completed by {@code token}: possibly empty, possibly including characters held from earlier tokens. */
    public String accept(int token) {
        return acceptBytes(tokenizer.tokenBytes(token, special));
    }

    /** As {@link #accept(int)} for raw bytes. */
    public String acceptBytes(byte[] bytes) {
        if (length + bytes.length > pending.length) pending = Arrays.copyOf(pending, Math.max(pending.length * 2, length + bytes.length));
        System.arraycopy(bytes, 0, pending, length, bytes.length);
        length += bytes.length;
        int complete = length - incompleteTail(pending, length);
        if (complete == 0) return "";
        String text = new String(pending, 0, complete, StandardCharsets.UTF_8);
        System.arraycopy(pending, complete, pending, 0, length - complete);
        length -= complete;
        return text;
    }

    /** Whether bytes of an unfinished character are being held. */
    public boolean hasPending() {
        return length > 0;
    }

    /** Whatever is still held, as text (an unfinished character becomes U+FFFD); the decoder is then empty. */
    public String flush() {
        String text = new String(pending, 0, length, StandardCharsets.UTF_8);
        length = 0;
        return text;
    }

    /**
     * How many bytes at the end of {@code bytes[0, length)} are the start of a character that more
     * bytes could still complete (0 to 3).
     */
    static int incompleteTail(byte[] bytes, int length) {
        int lead = length - 1;
        while (lead >= 0 && length - lead <= 3 && (bytes[lead] & 0xC0) == 0x80) lead--;
        if (lead < 0 || length - lead > 3) return 0;
        int b = bytes[lead] & 0xFF;
        int needed = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
        int have = length - lead;
        if (needed == 0 || have >= needed) return 0;
        if (have >= 2) {
            int second = bytes[lead + 1] & 0xFF; // the lead byte narrows the range of the second
            int lo = b == 0xE0 ? 0xA0 : b == 0xF0 ? 0x90 : 0x80;
            int hi = b == 0xED ? 0x9F : b == 0xF4 ? 0x8F : 0xBF;
            if (second < lo || second > hi) return 0;
        }
        return have;
    }
}
