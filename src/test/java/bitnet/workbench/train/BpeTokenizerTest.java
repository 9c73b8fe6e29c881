package bitnet.workbench.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BpeTokenizerTest {
    private static final String CORPUS = """
        In the beginning God created the heaven and the earth.
        And the earth was without form, and void; and darkness was upon the face of the deep.
        And the Spirit of God moved upon the face of the waters.
        And God said, Let there be light: and there was light.
        And God saw the light, that it was good: and God divided the light from the darkness.
        And God called the light Day, and the darkness he called Night. And the evening and the morning were the first day.
        """;

    @Test
    void byteLevelSpellingFollowsGpt2() {
        assertThat(ByteUnicode.charOf(' ')).isEqualTo('Ġ');
        assertThat(ByteUnicode.charOf('\n')).isEqualTo('Ċ');
        assertThat(ByteUnicode.charOf('A')).isEqualTo('A');
        assertThat(ByteUnicode.charOf(0)).isEqualTo('Ā');
        assertThat(ByteUnicode.charOf(0xAD)).isEqualTo('Ń');
        assertThat(ByteUnicode.encode("é")).isEqualTo("Ã©");
        Set<Character> distinct = new HashSet<>();
        for (int b = 0; b < 256; b++) distinct.add(ByteUnicode.charOf(b));
        assertThat(distinct).hasSize(256);
    }

    @Test
    void llama3PreTokenizerKeepsTheLeadingSpaceWithTheWordAndSplitsDigitsInThrees() {
        assertThat(PreTokenizer.LLAMA3.split("Hello world's 12345 apples!!\n\nok  x"))
            .containsExactly("Hello", " world", "'s", " ", "123", "45", " apples", "!!\n\n", "ok", " ", " x");
        assertThat(PreTokenizer.GPT2.split("Hello world's 12345"))
            .containsExactly("Hello", " world", "'s", " 12345");
    }

    @ParameterizedTest
    @EnumSource(PreTokenizer.class)
    void mergesRebuildEveryTrainedTokenInOrder(PreTokenizer pre) {
        BpeVocabulary v = train(pre, 340);
        assertThat(v.size()).isEqualTo(340);
        List<String> rebuilt = new ArrayList<>();
        Set<String> known = new HashSet<>();
        for (int b = 0; b < 256; b++) {
            String s = String.valueOf(ByteUnicode.charOf(b));
            rebuilt.add(s);
            known.add(s);
        }
        for (String m : v.merges()) {
            String[] parts = m.split(" ");
            assertThat(parts).hasSize(2);
            assertThat(known).as("parts of merge '%s' exist before it", m).contains(parts[0], parts[1]);
            if (known.add(parts[0] + parts[1])) rebuilt.add(parts[0] + parts[1]);
        }
        rebuilt.add(BpeVocabulary.BOS);
        rebuilt.add(BpeVocabulary.EOS);
        assertThat(rebuilt).isEqualTo(v.tokens());
        assertThat(v.tokenTypes()[v.bosId()]).isEqualTo(BpeVocabulary.TYPE_CONTROL);
        assertThat(v.tokenTypes()[0]).isEqualTo(BpeVocabulary.TYPE_NORMAL);
    }

    @Test
    void mergesAreTheSameAsANaiveRecountOfAllPairsAfterEveryMerge() {
        BpeVocabulary v = train(PreTokenizer.LLAMA3, 300);
        // naive reference: words as lists of token strings, recount every pair before each merge
        java.util.Map<List<String>, Integer> words = new java.util.HashMap<>();
        for (String line : CORPUS.split("\n")) {
            for (String piece : PreTokenizer.LLAMA3.split(line + "\n")) {
                List<String> w = new ArrayList<>();
                for (char c : ByteUnicode.encode(piece).toCharArray()) w.add(String.valueOf(c));
                words.merge(w, 1, Integer::sum);
            }
        }
        java.util.Map<String, Integer> id = v.ids();
        List<String> expected = new ArrayList<>();
        for (int step = 0; step < v.merges().size(); step++) {
            java.util.Map<List<String>, Integer> pairs = new java.util.HashMap<>();
            words.forEach((w, n) -> {
                for (int i = 0; i + 1 < w.size(); i++) pairs.merge(List.of(w.get(i), w.get(i + 1)), n, Integer::sum);
            });
            List<String> best = pairs.entrySet().stream().min((x, y) -> x.getValue().equals(y.getValue())
                ? java.util.Comparator.<List<String>>comparingInt(p -> id.get(p.get(0)))
                    .thenComparingInt(p -> id.get(p.get(1))).compare(x.getKey(), y.getKey())
                : Integer.compare(y.getValue(), x.getValue())).orElseThrow().getKey();
            expected.add(best.get(0) + " " + best.get(1));
            java.util.Map<List<String>, Integer> next = new java.util.HashMap<>();
            words.forEach((w, n) -> {
                List<String> out = new ArrayList<>();
                for (int i = 0; i < w.size(); i++) {
                    if (i + 1 < w.size() && w.get(i).equals(best.get(0)) && w.get(i + 1).equals(best.get(1))) {
                        out.add(best.get(0) + best.get(1));
                        i++;
                    } else {
                        out.add(w.get(i));
                    }
                }
                next.merge(out, n, Integer::sum);
            });
            words = next;
        }
        assertThat(v.merges()).hasSize(42).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "And God saw the light.",
        "",
        "   leading and trailing spaces   ",
        "Unseen words: zymurgy, Ψυχή, 日本語, emoji 🙂👍🏽 and tabs\tand\r\nCRLF",
        "numbers 1234567 and 'contractions' they're we'll I'D",
        "<|begin_of_text|> is plain text here"
    })
    void encodingRoundTripsText(String text) {
        for (PreTokenizer pre : PreTokenizer.values()) {
            BpeEncoder enc = new BpeEncoder(train(pre, 500));
            assertThat(enc.decode(enc.encode(text))).isEqualTo(text);
        }
    }

    @Test
    void frequentWordsBecomeSingleTokensAndEncodingUsesFewerTokensThanBytes() {
        BpeEncoder enc = new BpeEncoder(train(PreTokenizer.LLAMA3, 500));
        int[] ids = enc.encode("And God said, Let there be light");
        assertThat(ids.length).isLessThan(12);
        assertThat(enc.encode(" the")).hasSize(1);
        assertThat(enc.encode(" light")).hasSize(1);
        assertThat(enc.decode(new int[]{enc.vocabulary().bosId()})).isEqualTo(BpeVocabulary.BOS);
    }

    @Test
    void greedyMergingAgreesWithWholePieceLookupOnTrainingWords() {
        // with ignore_merges (llama-bpe) a piece in the vocabulary is one token; a vocabulary
        // trained by merges must give the same ids when the merges are applied
        BpeVocabulary v = train(PreTokenizer.GPT2, 500);
        BpeEncoder enc = new BpeEncoder(v);
        for (String piece : PreTokenizer.GPT2.split(CORPUS)) {
            Integer whole = v.ids().get(ByteUnicode.encode(piece));
            if (whole != null) assertThat(enc.encode(piece)).as(piece).containsExactly(whole);
        }
    }

    @Test
    void tooSmallVocabularyAndBrokenMergesAreRejected() {
        assertThatThrownBy(() -> new BpeTrainer(PreTokenizer.LLAMA3).train(100))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 259");
        BpeVocabulary v = train(PreTokenizer.LLAMA3, 300);
        BpeVocabulary broken = new BpeVocabulary(v.tokens(), v.tokenTypes(), List.of("nonsense"), v.preTokenizer(),
            v.bosId(), v.eosId());
        assertThatThrownBy(() -> new BpeEncoder(broken)).hasMessageContaining("not 'left right'");
    }

    static BpeVocabulary train(PreTokenizer pre, int size) {
        BpeTrainer t = new BpeTrainer(pre);
        for (String line : CORPUS.split("\n")) t.add(line + "\n");
        return t.train(size);
    }
}
