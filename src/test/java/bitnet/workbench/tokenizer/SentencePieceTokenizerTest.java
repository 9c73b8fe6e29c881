package bitnet.workbench.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import bitnet.workbench.gguf.GgufValue;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** SPM rules on a hand-made vocabulary (expected ids worked out by hand from llama.cpp's algorithm) and on stories260K. */
class SentencePieceTokenizerTest {

    static SyntheticVocab vocab() {
        return SyntheticVocab.spmWithBytes()
                .normal("▁", -0.1f).normal("a", -1).normal("b", -1).normal("c", -1)
                .normal("ab", -1f).normal("bc", -0.5f).normal("▁a", -3f).normal("abc", -2f)
                .add("<tool>", 0, 4);
    }

    @Test
    void highestScoringPairMergesFirst() {
        SyntheticVocab v = vocab();
        // "▁abc": bc (-0.5) beats ab (-1) and ▁a (-3); then a+bc forms abc; ▁+abc is no token
        assertThat(v.tokenizer().encode("abc", true, false)).containsExactly(1, v.id("▁"), v.id("abc"));
    }

    @Test
    void charactersWithoutTokensFallBackToTheirUtf8Bytes() {
        SyntheticVocab v = vocab();
        int c3 = v.id("<0xC3>"), a9 = v.id("<0xA9>");
        assertThat(v.tokenizer().encode("é", false, false)).containsExactly(v.id("▁"), c3, a9);
    }

    @Test
    void userDefinedTokensAreCutOutEvenWithoutParseSpecialAndTextAfterThemGetsASpacePrefix() {
        SyntheticVocab v = vocab();
        int[] ids = v.tokenizer().encode("a<tool>b", false, false);
        assertThat(ids).containsExactly(v.id("▁a"), v.id("<tool>"), v.id("▁"), v.id("b"));
    }

    @Test
    void controlTokenTextStaysTextWithoutParseSpecial() {
        SyntheticVocab v = vocab();
        Tokenizer tok = v.tokenizer();
        assertThat(tok.encode("</s>", false, true)).as("no text fragment, so no space prefix").containsExactly(2);
        assertThat(tok.encode("a</s>", false, true)).containsExactly(v.id("▁a"), 2);
        assertThat(tok.encode("</s>", false, false)).doesNotContain(2).startsWith(v.id("▁"));
    }

    @Test
    void spacePrefixCanBeSwitchedOffByMetadata() {
        SyntheticVocab v = vocab().with("tokenizer.ggml.add_space_prefix", GgufValue.ofBool(false));
        assertThat(v.tokenizer().encode("abc", false, false)).containsExactly(v.id("abc"));
    }

    @Test
    void addBosAndEosFollowMetadata() {
        SyntheticVocab v = vocab().with("tokenizer.ggml.add_bos_token", GgufValue.ofBool(false))
                .with("tokenizer.ggml.add_eos_token", GgufValue.ofBool(true));
        Tokenizer tok = v.tokenizer();
        assertThat(tok.encode("a", true, false)).containsExactly(v.id("▁a"), 2);
        assertThat(tok.addsBos()).isFalse();
        assertThat(tok.addsEos()).isTrue();
    }

    @Test
    void piecesTurnSpaceMarksIntoSpacesAndByteTokensIntoBytes() {
        Tokenizer tok = ReferenceVocabularies.spm();
        assertThat(new String(tok.tokenBytes(410, false), StandardCharsets.UTF_8)).isEqualTo(" ");
        assertThat(tok.tokenBytes(13, false)).containsExactly(0x0A);
        assertThat(tok.tokenBytes(1, false)).isEmpty();
        assertThat(new String(tok.tokenBytes(1, true), StandardCharsets.UTF_8)).isEqualTo("<s>");
        assertThat(tok.tokenBytes(0, false)).as("unknown is special").isEmpty();
    }

    @Test
    void storiesVocabularyKnowsItsSpecialTokens() {
        Tokenizer tok = ReferenceVocabularies.spm();
        assertThat(tok.vocabSize()).isEqualTo(512);
        assertThat(tok.bos()).isEqualTo(1);
        assertThat(tok.eos()).isEqualTo(2);
        assertThat(tok.eot()).isEqualTo(-1);
        assertThat(tok.endOfGenerationTokens()).containsExactly(2);
        assertThat(tok.tokenType(0)).isEqualTo(TokenType.UNKNOWN);
        assertThat(tok.tokenType(1)).isEqualTo(TokenType.CONTROL);
        assertThat(tok.tokenType(3)).isEqualTo(TokenType.BYTE);
        assertThat(tok.tokenType(410)).isEqualTo(TokenType.NORMAL);
        assertThat(tok.tokenText(410)).isEqualTo("▁");
    }
}
