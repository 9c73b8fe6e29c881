package bitnet.workbench.train;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * GPT-2's reversible map from bytes to printable Unicode characters, in which byte-level BPE
 * tokens are spelled: printable Latin-1 bytes stand for themselves, every other byte b becomes the
 * character 256 + (its index among the non-printable bytes) — so a space is {@code Ġ}, a newline {@code Ċ}.
 */
public final class ByteUnicode {
    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final int[] CHAR_TO_BYTE = new int[512];

    static {
        java.util.Arrays.fill(CHAR_TO_BYTE, -1);
        int next = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            char c = printable ? (char) b : (char) (256 + next++);
            BYTE_TO_CHAR[b] = c;
            CHAR_TO_BYTE[c] = b;
        }
    }

    private ByteUnicode() {
    }

    public static char charOf(int b) {
        return BYTE_TO_CHAR[b & 0xFF];
    }

    /** The UTF-8 bytes of {@code text}, each spelled as its byte-level character. */
    public static String encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length);
        for (byte b : bytes) sb.append(BYTE_TO_CHAR[b & 0xFF]);
        return sb.toString();
    }

    /** The raw bytes spelled by a byte-level string. */
    public static byte[] decodeBytes(String byteLevel) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(byteLevel.length());
        for (int i = 0; i < byteLevel.length(); i++) {
            char c = byteLevel.charAt(i);
            int b = c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
            if (b < 0) throw new IllegalArgumentException("'" + c + "' (U+" + Integer.toHexString(c) + ") is not a byte-level character");
            out.write(b);
        }
        return out.toByteArray();
    }
}
