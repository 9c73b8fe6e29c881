package bitnet.workbench.model;

import bitnet.workbench.gguf.GgufArray;
import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.gguf.GgufMetadata;
import bitnet.workbench.gguf.GgufValue;
import bitnet.workbench.testsupport.Reference;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelConfigTest {

    private static Map<String, GgufValue> llamaLike(String arch) {
        Map<String, GgufValue> m = new LinkedHashMap<>();
        m.put("general.architecture", GgufValue.ofString(arch));
        m.put(arch + ".embedding_length", GgufValue.ofUint32(64));
        m.put(arch + ".block_count", GgufValue.ofUint32(2));
        m.put(arch + ".feed_forward_length", GgufValue.ofUint32(128));
        m.put(arch + ".attention.head_count", GgufValue.ofUint32(8));
        m.put(arch + ".attention.layer_norm_rms_epsilon", GgufValue.ofFloat32(1e-6f));
        m.put(arch + ".context_length", GgufValue.ofUint32(512));
        m.put("tokenizer.ggml.tokens", GgufValue.ofArray(GgufArray.ofStrings("a", "b", "c")));
        return m;
    }

    @Test
    void anUnknownArchitectureIsNamedTogetherWithTheSupportedOnes() {
        GgufMetadata meta = new GgufMetadata(llamaLike("mamba"));
        assertThatThrownBy(() -> ModelConfig.from(meta))
            .isInstanceOf(UnsupportedArchitectureException.class)
            .hasMessageContaining("'mamba'")
            .hasMessageContaining("bitnet-25, bitnet-b1.58, bitnet, llama");
    }

    @Test
    void missingKeysDefaultAsLlamaCppDoes() {
        ModelConfig c = ModelConfig.from(new GgufMetadata(llamaLike("llama")));
        assertThat(c.headCountKv()).isEqualTo(8);
        assertThat(c.headDim()).isEqualTo(8);
        assertThat(c.ropeDimensions()).isEqualTo(8);
        assertThat(c.ropeFreqBase()).isEqualTo(10000f);
        assertThat(c.vocabSize()).isEqualTo(3);
        assertThat(c.rmsEps()).isEqualTo(1e-6f);
        assertThat(c.ropeStyle()).isEqualTo(RopeStyle.NORMAL);
        assertThat(c.ffnActivation()).isEqualTo(FfnActivation.SILU);
    }

    @Test
    void aMissingRequiredKeyIsReportedByName() {
        Map<String, GgufValue> m = llamaLike("bitnet-25");
        m.remove("bitnet-25.block_count");
        assertThatThrownBy(() -> ModelConfig.from(new GgufMetadata(m))).isInstanceOf(ModelFormatException.class).hasMessageContaining("bitnet-25.block_count");
    }

    @Test
    void architectureStringsImplyActivationSubNormsAndRope() {
        assertThat(Architecture.of("bitnet-25").defaultActivation()).isEqualTo(FfnActivation.RELU_SQUARED);
        assertThat(Architecture.of("bitnet-b1.58").defaultActivation()).isEqualTo(FfnActivation.RELU_SQUARED);
        assertThat(Architecture.of("bitnet").defaultActivation()).isEqualTo(FfnActivation.SILU);
        assertThat(Architecture.of("llama").hasSubNorms()).isFalse();
        assertThat(Architecture.of("bitnet").hasSubNorms()).isTrue();
        assertThat(Architecture.of("bitnet-b1.58").ropeStyle()).isEqualTo(RopeStyle.NEOX);
    }

    @Test
    void stories260kReadsAsTheReadmeDescribesIt() throws Exception {
        try (GgufFile f = GgufFile.open(Reference.model("stories260K.gguf"))) {
            ModelConfig c = ModelConfig.from(f.metadata());
            assertThat(c).isEqualTo(new ModelConfig(Architecture.LLAMA, 64, 5, 172, 8, 4, 8, 8, 10000f, RopeStyle.NORMAL,
                c.rmsEps(), 2048, 512, FfnActivation.SILU));
            assertThat(c.rmsEps()).isEqualTo(1e-5f);
        }
    }

    @Test
    void theSyntheticB158ModelIsReluSquaredWithNeoxRope() throws Exception {
        try (GgufFile f = GgufFile.open(Reference.model("bitnet-b158-tiny-i2_s.gguf"))) {
            ModelConfig c = ModelConfig.from(f.metadata());
            assertThat(c).isEqualTo(new ModelConfig(Architecture.BITNET_B158, 256, 2, 512, 4, 2, 64, 64, 10000f, RopeStyle.NEOX,
                1e-5f, 256, 512, FfnActivation.RELU_SQUARED));
        }
    }

    @Test
    void optionsOverrideTheActivationAndTheContextLength() throws Exception {
        try (GgufFile f = GgufFile.open(Reference.model("bitnet-tiny-i2_s.gguf"));
             TransformerModel m = ModelLoader.load(f, ModelOptions.defaults().withFfnActivation(FfnActivation.RELU_SQUARED).withContextLength(32))) {
            assertThat(m.config().ffnActivation()).isEqualTo(FfnActivation.RELU_SQUARED);
            assertThat(m.contextLength()).isEqualTo(32);
            assertThat(m.weights().tiedEmbedding()).isTrue();
        }
    }

    @Test
    void anUnknownKernelNameIsAClearError() throws Exception {
        try (GgufFile f = GgufFile.open(Reference.model("bitnet-tiny-i2_s.gguf"))) {
            assertThatThrownBy(() -> ModelLoader.load(f, ModelOptions.defaults().withKernel("simd9")))
                .hasMessageContaining("unknown kernel 'simd9'");
        }
    }
}
