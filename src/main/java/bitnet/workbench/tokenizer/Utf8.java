package bitnet.workbench.tokenizer;

import java.io.ByteArrayOutputStream;

/**
 * UTF-8 as llama.cpp sees it: text reaches it as UTF-8 bytes, and a lone surrogate in a Java
 * string (which has no UTF-8 form) is treated as the replacement character U+FFFD, the value
 * llama.cpp substitutes for bytes it cannot decode.
 */
final class Utf8 {
    static final int REPLACEMENT = 0xFFFD;

    private Utf8() {}

    static int[] codePoints(String s) {
        int[] cps = new int[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            cps[n++] = cp <= 0xFFFF && Character.isSurrogate((char) cp) ? REPLACEMENT : cp;
        }
        return n == cps.length ? cps : java.util.Arrays.copyOf(cps, n);
    }

    static byte[] encode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() + 8);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp <= 0xFFFF && Character.isSurrogate((char) cp)) cp = REPLACEMENT;
            write(cp, out);
        }
        return out.toByteArray();
    }

    static void write(int cp, ByteArrayOutputStream out) {
        if (cp < 0x80) {
            out.write(cp);
        } else if (cp < 0x800) {
            out.write(0xC0 | (cp >> 6));
            out.write(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out.write(0xE0 | (cp >> 12));
            out.write(0x80 | ((cp >> 6) & 0x3F));
            out.write(0x80 | (cp & 0x3F));
        } else {
            out.write(0xF0 | (cp >> 18));
            out.write(0x80 | ((cp >> 12) & 0x3F));
            out.write(0x80 | ((cp >> 6) & 0x3F));
            out.write(0x80 | (cp & 0x3F));
        }
    }
}
