package bitnet.workbench.tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into the words that byte-level BPE merges within, as one of llama.cpp's hand-written
 * scanners in {@code unicode.cpp} that stand in for the tokenizer.json split regex. They work on
 * code points; positions past the end of the text have no class at all.
 */
abstract sealed class PreTokenizer permits Llama3PreTokenizer, Gpt2PreTokenizer {

    /** The words of {@code text}, in order; together they are exactly {@code text}. */
    final List<String> split(String text) {
        int[] cps = Utf8.codePoints(text);
        List<String> words = new ArrayList<>();
        Scan scan = new Scan(cps, words);
        scanAll(scan);
        return words;
    }

    abstract void scanAll(Scan scan);

    /** The scanner's cursor: {@code pos} moves on, {@link #emit} cuts a word at a position. */
    static final class Scan {
        final int[] cps;
        final int end;
        int pos;
        private int wordStart;
        private final List<String> words;

        Scan(int[] cps, List<String> words) {
            this.cps = cps;
            this.end = cps.length;
            this.words = words;
        }

        int cpt(int at) { return at >= 0 && at < end ? cps[at] : -1; }

        int flags(int at) { return at >= 0 && at < end ? CodePointClass.of(cps[at]) : 0; }

        /** Ends the current word at {@code at} (nothing if empty); returns its length in code points. */
        int emit(int at) {
            int len = at - wordStart;
            if (len > 0) words.add(new String(cps, wordStart, len));
            wordStart = at;
            return len;
        }
    }

    static boolean letter(int flags) { return (flags & CodePointClass.LETTER) != 0; }
    static boolean number(int flags) { return (flags & CodePointClass.NUMBER) != 0; }
    static boolean whitespace(int flags) { return (flags & CodePointClass.WHITESPACE) != 0; }

    /** Neither whitespace, letter nor number, but a real code point: [^\s\p{L}\p{N}]. */
    static boolean other(int flags) {
        return flags != 0 && (flags & (CodePointClass.WHITESPACE | CodePointClass.LETTER | CodePointClass.NUMBER)) == 0;
    }
}
