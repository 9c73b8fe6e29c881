package bitnet.workbench.train;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into the pieces that BPE merges stay inside (so no token spans two words). Each
 * constant carries the {@code tokenizer.ggml.pre} name under which llama.cpp applies the same regex.
 */
public enum PreTokenizer {
    /** GPT-2's split. */
    GPT2("gpt-2", false,
        "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+"),
    /**
     * LLaMA 3's split (numbers in groups of up to three digits, case-insensitive contractions); the
     * pre-tokenizer of BitNet b1.58 2B4T. llama.cpp (like Hugging Face) emits a piece that is itself
     * in the vocabulary as one token without merging ({@code ignore_merges}).
     */
    LLAMA3("llama-bpe", true,
        "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*"
            + "|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+");

    private final String ggufName;
    private final boolean ignoresMerges;
    private final Pattern pattern;

    PreTokenizer(String ggufName, boolean ignoresMerges, String regex) {
        this.ggufName = ggufName;
        this.ignoresMerges = ignoresMerges;
        this.pattern = Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS);
    }

    /** The value of {@code tokenizer.ggml.pre}. */
    public String ggufName() {
        return ggufName;
    }

    /** Whether a piece found whole in the vocabulary is emitted without applying merges. */
    public boolean ignoresMerges() {
        return ignoresMerges;
    }

    public static PreTokenizer byGgufName(String name) {
        for (PreTokenizer p : values()) if (p.ggufName.equals(name)) return p;
        throw new IllegalArgumentException("unknown pre-tokenizer '" + name + "' (known: gpt-2, llama-bpe)");
    }

    /** The pieces of {@code text}; their concatenation is {@code text}. */
    public List<String> split(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        int end = 0;
        while (m.find()) {
            if (m.start() != end) throw new IllegalStateException("pre-tokenizer skipped text at " + end);
            pieces.add(m.group());
            end = m.end();
        }
        if (end != text.length()) throw new IllegalStateException("pre-tokenizer stopped at " + end + " of " + text.length());
        return pieces;
    }
}
