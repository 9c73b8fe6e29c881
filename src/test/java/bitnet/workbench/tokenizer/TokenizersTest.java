package bitnet.workbench.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bitnet.workbench.gguf.GgufMetadata;
import bitnet.workbench.gguf.GgufValue;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The factory's answers to metadata it cannot use. */
class TokenizersTest {

    @Test
    void missingTokenizerModelIsAClearError() {
        assertThatThrownBy(() -> Tokenizers.fromMetadata(new GgufMetadata(Map.of())))
                .isInstanceOf(TokenizerException.class).hasMessageContaining("tokenizer.ggml.model");
    }

    @Test
    void unsupportedTokenizerModelIsNamed() {
        GgufMetadata md = new GgufMetadata(Map.of("tokenizer.ggml.model", GgufValue.ofString("bert")));
        assertThatThrownBy(() -> Tokenizers.fromMetadata(md)).isInstanceOf(TokenizerException.class).hasMessageContaining("'bert'");
    }

    @Test
    void missingTokenListIsAClearError() {
        GgufMetadata md = new GgufMetadata(Map.of("tokenizer.ggml.model", GgufValue.ofString("llama")));
        assertThatThrownBy(() -> Tokenizers.fromMetadata(md)).isInstanceOf(TokenizerException.class).hasMessageContaining("tokenizer.ggml.tokens");
    }

    @Test
    void duplicateTokensAreRejected() {
        SyntheticVocab v = SyntheticVocab.spmWithBytes().normal("a", 0).normal("a", 0);
        assertThatThrownBy(v::tokenizer).isInstanceOf(TokenizerException.class).hasMessageContaining("duplicate");
    }

    @Test
    void wronglyTypedKeyIsReportedAsTokenizerMetadataError() {
        SyntheticVocab v = SyntheticVocab.spmWithBytes().normal("a", 0).with("tokenizer.ggml.add_bos_token", GgufValue.ofString("yes"));
        assertThatThrownBy(v::tokenizer).isInstanceOf(TokenizerException.class).hasMessageContaining("add_bos_token");
    }

    @Test
    void outOfRangeSpecialIdKeepsTheDefault() {
        SyntheticVocab v = SyntheticVocab.spmWithBytes().normal("a", 0)
                .with("tokenizer.ggml.eos_token_id", GgufValue.ofUint32(99999))
                .with("tokenizer.ggml.padding_token_id", GgufValue.ofUint32(0xFFFF_FFFFL));
        assertThat(v.tokenizer().eos()).isEqualTo(2);
    }

    @Test
    void addBosWithoutBosIsAnError() {
        // a gpt2 vocabulary of 5 tokens has no default BOS (11 is outside it)
        SyntheticVocab v = new SyntheticVocab("gpt2").normal("a", 0).normal("b", 0).merge("a", "b")
                .with("tokenizer.ggml.pre", GgufValue.ofString("gpt-2"))
                .with("tokenizer.ggml.add_bos_token", GgufValue.ofBool(true));
        assertThatThrownBy(v::tokenizer).isInstanceOf(TokenizerException.class).hasMessageContaining("bos_token_id");
    }
}
