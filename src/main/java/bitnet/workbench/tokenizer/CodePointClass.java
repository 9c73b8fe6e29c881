package bitnet.workbench.tokenizer;

/**
 * The code point classes llama.cpp's pre-tokenizers test ({@code unicode_cpt_flags}): letter
 * (\p{L}), number (\p{N}) and whitespace (the Unicode White_Space set, which is what \s means in
 * the tokenizer regexes). Categories come from the JDK's Unicode tables, so code points assigned
 * after llama.cpp's table was generated may be classed differently there.
 */
final class CodePointClass {
    static final int IN_RANGE = 1;
    static final int LETTER = 1 << 1;
    static final int NUMBER = 1 << 2;
    static final int WHITESPACE = 1 << 3;

    private static final byte[] ASCII = new byte[128];

    static {
        for (int c = 0; c < 128; c++) ASCII[c] = (byte) compute(c);
    }

    private CodePointClass() {}

    /** IN_RANGE plus any of LETTER, NUMBER, WHITESPACE. */
    static int of(int cp) {
        return cp < 128 ? ASCII[cp] : compute(cp);
    }

    private static int compute(int cp) {
        int flags = IN_RANGE;
        switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER -> flags |= LETTER;
            case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> flags |= NUMBER;
            default -> { }
        }
        if (isWhitespace(cp)) flags |= WHITESPACE;
        return flags;
    }

    static boolean isWhitespace(int cp) {
        return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680
                || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F
                || cp == 0x3000;
    }
}
