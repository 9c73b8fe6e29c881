package bitnet.workbench.gguf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reader on every reference model, checked against facts stated in the reference README and
 * its JSON files (written by the tools that produced the models), not against the reader itself.
 */
class GgufFileReferenceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    static List<Path> models() {
        return ReferenceFiles.allModels();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void everyReferenceModelOpensWithItsDataPackedAsGgufPyWritesIt(Path model) throws IOException {
        try (GgufFile f = GgufFile.open(model)) {
            assertThat(f.version()).isEqualTo(3);
            assertThat(f.alignment()).isEqualTo(32);
            assertThat(f.fileSize()).isEqualTo(Files.size(model));
            long expectedOffset = 0;
            for (GgufTensorInfo t : f.tensors()) {
                assertThat(t.offset()).as(t.name()).isEqualTo(expectedOffset);
                expectedOffset = (t.offset() + t.byteSize() + 31) / 32 * 32;
                assertThat(f.tensorData(t).byteSize()).isEqualTo(t.byteSize());
            }
            long dataEnd = f.tensors().isEmpty() ? 0 : expectedOffset;
            assertThat(f.dataOffset() + dataEnd).isEqualTo(f.fileSize());
        }
    }

    @Test
    void bitnetTinyTq2HasItsTwentyFourTensorsWithTernaryProjections() throws IOException {
        try (GgufFile f = GgufFile.open(ReferenceFiles.model("bitnet-tiny-tq2_0.gguf"))) {
            assertThat(f.tensors()).hasSize(24);
            GgufTensorInfo q = f.tensor("blk.0.attn_q.weight");
            assertThat(q.type()).isEqualTo(GgmlType.TQ2_0);
            assertThat(q.shape()).containsExactly(256, 256);
            assertThat(q.byteSize()).isEqualTo(256 * 256 / 256 * 66);
            assertThat(f.tensor("token_embd.weight").type()).isEqualTo(GgmlType.F16);
            assertThat(f.findTensor("output.weight")).as("tied embeddings").isEmpty();
            assertThat(f.metadata().getString("general.architecture")).isEqualTo("bitnet");
        }
    }

    @Test
    void stories260kIsAFiveLayerFloatLlamaWithItsSpmVocabulary() throws IOException {
        try (GgufFile f = GgufFile.open(ReferenceFiles.model("stories260K.gguf"))) {
            GgufMetadata m = f.metadata();
            assertThat(m.getString("general.architecture")).isEqualTo("llama");
            assertThat(m.getInt("llama.block_count")).isEqualTo(5);
            assertThat(m.getInt("llama.embedding_length")).isEqualTo(64);
            assertThat(m.getInt("llama.attention.head_count")).isEqualTo(8);
            assertThat(m.getInt("llama.attention.head_count_kv")).isEqualTo(4);
            assertThat(m.getFloat("llama.attention.layer_norm_rms_epsilon")).isEqualTo(1e-5f);
            assertThat(m.getString("tokenizer.ggml.model")).isEqualTo("llama");
            String[] tokens = m.getStringArray("tokenizer.ggml.tokens");
            assertThat(tokens).hasSize(512);
            assertThat(tokens[1]).isEqualTo("<s>");
            assertThat(tokens[2]).isEqualTo("</s>");
            assertThat(f.tensors()).hasSize(5 * 9 + 3).allMatch(t -> t.type() == GgmlType.F32);
            assertThat(f.tensor("output.weight").shape()).containsExactly(64, 512);
        }
    }

    @Test
    void theLlama3VocabularyHasNoTensorsAndAllItsTokensAndMerges() throws IOException {
        try (GgufFile f = GgufFile.open(ReferenceFiles.model("ggml-vocab-llama3-bpe-rebuilt.gguf"))) {
            GgufMetadata m = f.metadata();
            assertThat(f.tensors()).isEmpty();
            assertThat(m.getString("tokenizer.ggml.model")).isEqualTo("gpt2");
            assertThat(m.getString("tokenizer.ggml.pre")).isEqualTo("llama-bpe");
            assertThat(m.getStringArray("tokenizer.ggml.tokens")).hasSize(128256);
            assertThat(m.getIntArray("tokenizer.ggml.token_type")).hasSize(128256);
            assertThat(m.getArray("tokenizer.ggml.merges").size()).isPositive();
            assertThat(m.getInt("tokenizer.ggml.bos_token_id")).isEqualTo(128000);
            assertThat(m.getInt("tokenizer.ggml.eos_token_id")).isEqualTo(128001);
            assertThat(m.getInt("tokenizer.ggml.eot_token_id")).isEqualTo(128009);
            assertThat(m.getBoolean("tokenizer.ggml.add_bos_token")).isTrue();
        }
    }

    @Test
    void syntheticModelsMatchTheirGeneratorSettings() throws IOException {
        JsonNode json = JSON.readTree(ReferenceFiles.dir().resolve("synthetic_bitnet.json").toFile());
        for (Map.Entry<String, JsonNode> e : json.get("models").properties()) {
            JsonNode cfg = e.getValue();
            try (GgufFile f = GgufFile.open(ReferenceFiles.model(e.getKey()))) {
                GgufMetadata m = f.metadata();
                String arch = m.getString("general.architecture");
                assertThat(arch).isEqualTo(cfg.get("arch").asText());
                assertThat(m.getInt(arch + ".embedding_length")).isEqualTo(cfg.get("n_embd").asInt());
                assertThat(m.getInt(arch + ".feed_forward_length")).isEqualTo(cfg.get("n_ff").asInt());
                assertThat(m.getInt(arch + ".block_count")).isEqualTo(cfg.get("n_layer").asInt());
                assertThat(m.getInt(arch + ".attention.head_count")).isEqualTo(cfg.get("n_head").asInt());
                assertThat(m.getInt(arch + ".attention.head_count_kv")).isEqualTo(cfg.get("n_head_kv").asInt());
                assertThat(m.getInt(arch + ".context_length")).isEqualTo(cfg.get("n_ctx").asInt());
                assertThat(m.getFloat(arch + ".rope.freq_base")).isEqualTo((float) cfg.get("rope_theta").asDouble());
                assertThat(m.getStringArray("tokenizer.ggml.tokens")).hasSize(cfg.get("n_vocab").asInt());
                // Every ternary matrix of the F32 file holds only -scale, 0 and +scale.
                for (Map.Entry<String, JsonNode> s : cfg.get("ternary_scales").properties()) {
                    float scale = (float) s.getValue().asDouble();
                    MemorySegment data = f.tensorData(s.getKey());
                    long n = f.tensor(s.getKey()).elementCount();
                    for (long i = 0; i < n; i++) {
                        float w = data.getAtIndex(F32, i);
                        assertThat(w == 0 || Math.abs(w) == scale).as("%s[%d] = %s, scale %s", s.getKey(), i, w, scale).isTrue();
                    }
                }
            }
        }
        for (JsonNode run : json.get("runs")) {
            try (GgufFile f = GgufFile.open(ReferenceFiles.model(run.get("model_file").asText()))) {
                assertThat(f.metadata().getString("general.architecture")).isEqualTo(run.get("arch").asText());
                assertThat(f.tensor("blk.1.ffn_down.weight").type().name()).isEqualTo(run.get("weight_type").asText());
                assertThat(f.tensors()).hasSize(24);
            }
        }
    }

    @Test
    void formatFixturesHoldTheBlocksTheQuantizersReported() throws IOException {
        JsonNode json = JSON.readTree(ReferenceFiles.dir().resolve("quant_formats.json").toFile());
        HexFormat hex = HexFormat.of();
        for (JsonNode type : json.get("types")) {
            try (GgufFile f = GgufFile.open(ReferenceFiles.model("formats/" + type.get("file").asText()))) {
                for (JsonNode t : type.get("tensors")) {
                    GgufTensorInfo info = f.tensor(t.get("name").asText());
                    assertThat(info.type().id).isEqualTo(type.get("ggml_type_id").asInt());
                    assertThat(info.type().name()).isEqualTo(type.get("type").asText());
                    assertThat(info.type().blockSize).isEqualTo(type.get("block_elements").asInt());
                    assertThat(info.type().bytesPerBlock).isEqualTo(type.get("block_bytes").asInt());
                    assertThat(info.shape()).containsExactly(t.get("ne0").asLong(), t.get("ne1").asLong());
                    byte[] firstBlock = hex.parseHex(t.get("first_block_row0_hex").asText());
                    assertThat(f.tensorData(info).asSlice(0, firstBlock.length).toArray(ValueLayout.JAVA_BYTE)).isEqualTo(firstBlock);
                    if (t.has("i2s_nbytes")) {
                        assertThat(info.byteSize()).isEqualTo(t.get("i2s_nbytes").asLong());
                        long scaleAt = info.elementCount() / 4;
                        byte[] scale = hex.parseHex(t.get("i2s_scale_hex").asText());
                        assertThat(f.tensorData(info).asSlice(scaleAt, 4).toArray(ValueLayout.JAVA_BYTE)).isEqualTo(scale);
                    }
                }
            }
        }
    }
}
