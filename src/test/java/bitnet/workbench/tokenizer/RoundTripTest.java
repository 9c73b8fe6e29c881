package bitnet.workbench.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Decoding what was encoded gives the text back: exactly for byte-level BPE, with the space prefix
 * in front for SentencePiece; with special pieces included, also when special tokens were parsed.
 */
class RoundTripTest {

    static String pieces(Tokenizer tok, int[] ids, boolean special) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int id : ids) out.writeBytes(tok.tokenBytes(id, special));
        return out.toString(StandardCharsets.UTF_8);
    }

    static Stream<String> texts() throws IOException {
        return ReferenceTokenizationTest.cases().stream().map(ReferenceTokenizationTest.Case::text).distinct();
    }

    @TestFactory
    Stream<DynamicTest> byteLevelBpeDecodesToTheOriginalText() throws IOException {
        Tokenizer bpe = ReferenceVocabularies.bpe();
        return texts().map(text -> DynamicTest.dynamicTest(ReferenceTokenizationTest.escape(text), () -> {
            assertThat(bpe.decode(bpe.encode(text, false, false))).isEqualTo(text);
            assertThat(pieces(bpe, bpe.encode(text, true, true), true)).isEqualTo("<|begin_of_text|>" + text);
        }));
    }

    @TestFactory
    Stream<DynamicTest> sentencePieceDecodesToTheTextBehindOneSpace() throws IOException {
        Tokenizer spm = ReferenceVocabularies.spm();
        return texts().map(text -> DynamicTest.dynamicTest(ReferenceTokenizationTest.escape(text), () ->
                assertThat(spm.decode(spm.encode(text, true, false))).isEqualTo(text.isEmpty() ? "" : " " + text)));
    }
}
