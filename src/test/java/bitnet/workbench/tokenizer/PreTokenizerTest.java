package bitnet.workbench.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-written scanners against the split regexes they stand for, run by java.util.regex with
 * Unicode classes (\s is then White_Space, as in the tokenizer.json regexes), on random text.
 */
class PreTokenizerTest {

    static final Pattern LLAMA3 = Pattern.compile(
            "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);
    static final Pattern GPT2 = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    /** Letters, digits of several scripts, every kind of space, apostrophes and contraction letters, marks, symbols, emoji. */
    static final String[] ALPHABET = {"a", "b", "S", "t", "T", "r", "e", "v", "l", "L", "m", "d", "D", "é", "Ж", "中", "가",
            "0", "7", "٣", "３", "²", "Ⅻ", " ", " ", " ", "\t", "\n", "\r", "\u00A0", "\u2009", "\u3000", "\u000B", "\u0085",
            "'", "'", ",", ".", "!", "-", "(", "$", "\u0301", "🦙", "\u200D", "\u0001", "\uE000"};

    static List<String> regexSplit(Pattern p, String text) {
        List<String> words = new ArrayList<>();
        Matcher m = p.matcher(text);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) words.add(text.substring(last, m.start()));
            words.add(m.group());
            last = m.end();
        }
        if (last < text.length()) words.add(text.substring(last));
        return words;
    }

    static String randomText(Random random) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(24);
        for (int i = 0; i < n; i++) sb.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        return sb.toString();
    }

    @Test
    void llama3ScannerSplitsLikeTheLlama3Regex() {
        Random random = new Random(42);
        PreTokenizer scanner = new Llama3PreTokenizer();
        for (int i = 0; i < 20_000; i++) {
            String text = randomText(random);
            assertThat(scanner.split(text)).as("split of %s", ReferenceTokenizationTest.escape(text)).isEqualTo(regexSplit(LLAMA3, text));
        }
    }

    @Test
    void gpt2ScannerSplitsLikeTheGpt2Regex() {
        Random random = new Random(7);
        PreTokenizer scanner = new Gpt2PreTokenizer();
        for (int i = 0; i < 20_000; i++) {
            String text = randomText(random);
            assertThat(scanner.split(text)).as("split of %s", ReferenceTokenizationTest.escape(text)).isEqualTo(regexSplit(GPT2, text));
        }
    }

    @Test
    void llama3SplitsNumbersInGroupsOfThreeAndKeepsContractionsApart() {
        assertThat(new Llama3PreTokenizer().split("1234567 DON'T don't")).containsExactly("123", "456", "7", " DON", "'T", " don", "'t");
    }

    @Test
    void llama3KeepsTheLastSpaceForTheNextWordAndLineBreaksTogether() {
        assertThat(new Llama3PreTokenizer().split("a   b\n\n  c  ")).containsExactly("a", "  ", " b", "\n\n", " ", " c", "  ");
    }
}
