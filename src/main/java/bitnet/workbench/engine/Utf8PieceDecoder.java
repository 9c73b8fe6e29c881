package bitnet.workbench.engine;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns the bytes of successive tokens into text, holding back a multi-byte UTF-8 character whose
 * bytes are split over tokens (an emoji over two byte tokens) until it is complete. Bytes that can
 * never become valid UTF-8 come out as U+FFFD at once rather than being held.
 */
final class Utf8PieceDecoder {
    private byte[] pending = new byte[16];
    private int length;

    /** The text completed by {@code bytes}. */
    String decode(byte[] bytes) {
        if (length + bytes.length > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, length + bytes.length));
        }
        System.arraycopy(bytes, 0, pending, length, bytes.length);
        length += bytes.length;
        int complete = completePrefix(pending, length);
        if (complete == 0) return "";
        String text = new String(pending, 0, complete, StandardCharsets.UTF_8);
        System.arraycopy(pending, complete, pending, 0, length - complete);
        length -= complete;
        return text;
    }

    /** Whatever is still held, as text (an unfinished character becomes U+FFFD). */
    String flush() {
        String text = new String(pending, 0, length, StandardCharsets.UTF_8);
        length = 0;
        return text;
    }

    /** Length of {@code bytes[0..length)} without a trailing, still possibly valid, unfinished character. */
    static int completePrefix(byte[] bytes, int length) {
        for (int back = 1; back <= Math.min(3, length); back++) {
            int b = bytes[length - back] & 0xFF;
            if ((b & 0xC0) == 0x80) continue;
            int needed = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 1;
            return needed > back ? length - back : length;
        }
        return length;
    }
}
