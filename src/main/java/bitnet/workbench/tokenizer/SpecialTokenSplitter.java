package bitnet.workbench.tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts raw text at the special tokens it spells, as llama.cpp's {@code tokenizer_st_partition}:
 * special tokens are tried longest first, each one splitting every text piece left so far at all
 * its occurrences. Without {@code parseSpecial} control and unknown tokens stay plain text, while
 * user-defined tokens are still cut out (as Hugging Face tokenizers do).
 */
final class SpecialTokenSplitter {

    /** A piece of the input: either the special token {@code token}, or the text {@code [start, end)} (token -1). */
    record Fragment(int token, int start, int end) {
        boolean isText() { return token < 0; }
    }

    private final Vocabulary vocab;

    SpecialTokenSplitter(Vocabulary vocab) {
        this.vocab = vocab;
    }

    List<Fragment> split(String text, boolean parseSpecial) {
        List<Fragment> fragments = new ArrayList<>();
        if (text.isEmpty()) return fragments;
        fragments.add(new Fragment(-1, 0, text.length()));
        int skip = parseSpecial ? 0 : TokenAttributes.CONTROL | TokenAttributes.UNKNOWN;
        for (int id : vocab.specialTokens()) {
            if ((vocab.attrs(id) & skip) != 0) continue;
            String special = vocab.text(id);
            if (!containsInText(fragments, text, special)) continue;
            List<Fragment> next = new ArrayList<>(fragments.size() + 2);
            for (Fragment f : fragments) {
                if (f.isText()) cut(text, f.start(), f.end(), id, special, next);
                else next.add(f);
            }
            fragments = next;
        }
        return fragments;
    }

    private static boolean containsInText(List<Fragment> fragments, String text, String special) {
        for (Fragment f : fragments) {
            if (!f.isText()) continue;
            int at = text.indexOf(special, f.start());
            if (at >= 0 && at + special.length() <= f.end()) return true;
        }
        return false;
    }

    private void cut(String text, int start, int end, int id, String special, List<Fragment> out) {
        int attrs = vocab.attrs(id);
        int from = start;
        while (true) {
            int match = text.indexOf(special, from);
            if (match < 0 || match + special.length() > end) {
                if (from < end) out.add(new Fragment(-1, from, end));
                return;
            }
            int leftEnd = match;
            if ((attrs & TokenAttributes.LSTRIP) != 0) {
                while (leftEnd > from && isCSpace(text.charAt(leftEnd - 1))) leftEnd--;
            }
            if (leftEnd > from) out.add(new Fragment(-1, from, leftEnd));
            out.add(new Fragment(id, match, match + special.length()));
            from = match + special.length();
            if ((attrs & TokenAttributes.RSTRIP) != 0) {
                while (from < end && isCSpace(text.charAt(from))) from++;
            }
        }
    }

    /** C's isspace in the "C" locale, which llama.cpp uses for the strip attributes. */
    private static boolean isCSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }
}
