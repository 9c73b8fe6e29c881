package bitnet.workbench.convert;

import bitnet.workbench.gguf.GgmlType;
import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.gguf.GgufTensorInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ModelTernarizerTest {
    @TempDir
    Path tmp;

    /**
     * The reference F32 model holds exactly ternary × fp16 scale weights, so absmean ternarization
     * must reproduce the reference engines' own quantized files value for value.
     */
    @ParameterizedTest
    @CsvSource({"TQ2_0, bitnet-tiny-tq2_0.gguf", "TQ1_0, bitnet-tiny-tq1_0.gguf", "I2_S, bitnet-tiny-i2_s.gguf"})
    void ternarizingTheReferenceFloatModelReproducesTheEnginesQuantizedValues(GgmlType type, String reference) throws Exception {
        Path out = tmp.resolve("out.gguf");
        try (GgufFile in = GgufFile.open(ReferenceFiles.model("bitnet-tiny-f32.gguf"))) {
            new ModelTernarizer(in, type, GgmlType.F16).write(out);
        }
        try (GgufFile ours = GgufFile.open(out); GgufFile ref = GgufFile.open(ReferenceFiles.model(reference))) {
            assertThat(ours.tensors()).hasSameSizeAs(ref.tensors());
            int compared = 0;
            for (GgufTensorInfo t : ref.tensors()) {
                GgufTensorInfo o = ours.tensor(t.name());
                assertThat(o.type()).as(t.name()).isEqualTo(t.type());
                assertThat(SyntheticModelWriterTest.dequantize(ours, o)).as(t.name())
                    .containsExactly(SyntheticModelWriterTest.dequantize(ref, t));
                compared++;
            }
            assertThat(compared).isEqualTo(24);
            assertThat(ours.metadata().getString("general.architecture")).isEqualTo("bitnet");
            assertThat(ours.metadata().getStringArray("tokenizer.ggml.tokens")).hasSize(512);
        }
    }

    @Test
    void rowsThatNoTernaryBlockFitsAreKeptWithAReason() throws Exception {
        try (GgufFile in = GgufFile.open(ReferenceFiles.model("stories260K.gguf"))) {
            var plan = new ModelTernarizer(in, GgmlType.TQ2_0, GgmlType.F16).plan();
            var q = plan.stream().filter(p -> p.source().name().equals("blk.0.attn_q.weight")).findFirst().orElseThrow();
            assertThat(q.target()).isEqualTo(GgmlType.F32);
            assertThat(q.reason()).contains("row length 64 is not a multiple of the TQ2_0 block size 256");
            var emb = plan.stream().filter(p -> p.source().name().equals("token_embd.weight")).findFirst().orElseThrow();
            assertThat(emb.target()).isEqualTo(GgmlType.F16);
        }
    }
}
