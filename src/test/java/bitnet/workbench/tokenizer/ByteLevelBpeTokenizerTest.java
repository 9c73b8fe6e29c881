package bitnet.workbench.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bitnet.workbench.gguf.GgufMetadata;
import bitnet.workbench.gguf.GgufValue;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Byte-level BPE rules on a hand-made vocabulary and on the LLaMA-3 vocabulary. */
class ByteLevelBpeTokenizerTest {

    /** Byte characters for 'a' 'b' 'c' and space ('Ġ'), merges in rank order. */
    static SyntheticVocab vocab(String pre) {
        SyntheticVocab v = new SyntheticVocab("gpt2");
        for (String t : new String[] {"a", "b", "c", "Ġ", "ab", "bc", "abc", "Ġa"}) v.normal(t, 0);
        v.add("<|end|>", 0, 3);
        v.merge("b", "c").merge("a", "b").merge("a", "bc").merge("Ġ", "a");
        if (pre != null) v.with("tokenizer.ggml.pre", GgufValue.ofString(pre));
        return v;
    }

    @Test
    void lowestRankMergesFirst() {
        SyntheticVocab v = vocab("gpt-2");
        // "abc": b+c (rank 0) before a+b (rank 1), then a+bc (rank 2)
        assertThat(v.tokenizer().encode("abc", false, false)).containsExactly(v.id("abc"));
        // " ab": Ġ+a is rank 3, a+b rank 1 wins: Ġ ab
        assertThat(v.tokenizer().encode(" ab", false, false)).containsExactly(v.id("Ġ"), v.id("ab"));
    }

    @Test
    void gpt2PreTokenizerAddsNoBosByDefault() {
        Tokenizer tok = vocab("gpt-2").tokenizer();
        assertThat(tok.addsBos()).isFalse();
        assertThat(tok.encode("a", true, false)).hasSize(1);
    }

    @Test
    void unknownPreTokenizerIsAnErrorThatListsTheSupportedOnes() {
        assertThatThrownBy(() -> vocab("qwen2").tokenizer())
                .isInstanceOf(TokenizerException.class)
                .hasMessageContaining("'qwen2'")
                .hasMessageContaining("llama-bpe");
    }

    @Test
    void missingPreTokenizerIsAnErrorForAVocabularyThatIsNotLlama3() {
        assertThatThrownBy(() -> vocab(null).tokenizer())
                .isInstanceOf(TokenizerException.class)
                .hasMessageContaining("tokenizer.ggml.pre");
    }

    @Test
    void missingPreTokenizerOnTheLlama3VocabularyUsesTheLlama3Split() {
        Map<String, GgufValue> values = new LinkedHashMap<>(ReferenceVocabularies.metadata(ReferenceVocabularies.BPE).asMap());
        values.remove("tokenizer.ggml.pre");
        Tokenizer tok = Tokenizers.fromMetadata(new GgufMetadata(values));
        String text = "I'll be there, we've seen 2,718,281 things\n\n  ok";
        assertThat(tok.encode(text, true, false)).containsExactly(ReferenceVocabularies.bpe().encode(text, true, false));
        assertThat(tok.toString()).contains("llama-bpe");
    }

    @Test
    void mergesAreRequired() {
        SyntheticVocab v = new SyntheticVocab("gpt2").normal("a", 0).with("tokenizer.ggml.pre", GgufValue.ofString("gpt-2"));
        assertThatThrownBy(v::tokenizer).isInstanceOf(TokenizerException.class).hasMessageContaining("merges");
    }

    @Test
    void llama3VocabularyKnowsItsEndOfGenerationTokens() {
        Tokenizer tok = ReferenceVocabularies.bpe();
        assertThat(tok.vocabSize()).isEqualTo(128256);
        assertThat(tok.bos()).isEqualTo(128000);
        assertThat(tok.eos()).isEqualTo(128001);
        assertThat(tok.eot()).isEqualTo(128009);
        assertThat(tok.endOfGenerationTokens()).containsExactly(128001, 128009);
        assertThat(tok.isEndOfGeneration(128009)).isTrue();
        assertThat(tok.isEndOfGeneration(128000)).isFalse();
        assertThat(tok.isEndOfGeneration(-1)).isFalse();
        assertThat(tok.addsBos()).isTrue();
        assertThat(tok.addsEos()).isFalse();
        assertThat(tok.tokenType(128006)).isEqualTo(TokenType.CONTROL);
        assertThat(tok.findToken("<|eot_id|>")).isEqualTo(128009);
    }

    @Test
    void eotIsFoundByTextWhenTheKeyIsMissing() {
        Map<String, GgufValue> values = new LinkedHashMap<>(ReferenceVocabularies.metadata(ReferenceVocabularies.BPE).asMap());
        values.remove("tokenizer.ggml.eot_token_id");
        Tokenizer tok = Tokenizers.fromMetadata(new GgufMetadata(values));
        assertThat(tok.eot()).isEqualTo(128009);
        assertThat(tok.endOfGenerationTokens()).containsExactly(128001, 128009);
    }

    @Test
    void piecesMapByteCharactersBackToBytes() {
        Tokenizer tok = ReferenceVocabularies.bpe();
        assertThat(new String(tok.tokenBytes(220, false), StandardCharsets.UTF_8)).isEqualTo(" ");
        assertThat(new String(tok.tokenBytes(271, false), StandardCharsets.UTF_8)).isEqualTo("\n\n");
        assertThat(new String(tok.tokenBytes(22691, false), StandardCharsets.UTF_8)).isEqualTo(" Hello");
        assertThat(tok.tokenBytes(128009, false)).isEmpty();
        assertThat(new String(tok.tokenBytes(128009, true), StandardCharsets.UTF_8)).isEqualTo("<|eot_id|>");
    }

    @Test
    void outOfRangeIdsAreRejectedClearly() {
        Tokenizer tok = ReferenceVocabularies.bpe();
        assertThatThrownBy(() -> tok.tokenBytes(128256, false)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("128256");
        assertThatThrownBy(() -> tok.tokenText(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
