package bitnet.workbench.bench;

import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.model.ModelConfig;
import bitnet.workbench.testsupport.Reference;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Bytes per decoded token against sums worked out by hand from the tiny models' shapes and block layouts. */
class BytesPerTokenTest {

    private static BytesPerToken of(String fileName, int decodeStart, int tg) throws Exception {
        try (GgufFile f = GgufFile.open(Reference.model(fileName))) {
            return BytesPerToken.of(f, ModelConfig.from(f.metadata()), decodeStart, tg);
        }
    }

    @Test
    void tq2TinyModelReadsItsTernaryMatricesNormsTiedF16HeadOneRowAndTheKvCache() throws Exception {
        // 2 layers, dim 256, ffn 512, 4 heads / 2 kv heads of 64 -> q 256 rows, k/v 128 rows.
        // TQ2_0: 256 values per 66-byte block (64 bytes of 2-bit codes + an f16 scale).
        long q = 256 * (256 / 256) * 66;   // 256 rows of 1 block
        long kv = 128 * 66;
        long o = 256 * 66;
        long gateUp = 512 * 66;
        long down = 256 * (512 / 256) * 66;
        long perLayer = q + 2 * kv + o + 2 * gateUp + down;
        long norms = 2 * (256 + 256 + 256 + 512) * 4 + 256 * 4; // attn, attn_sub, ffn, ffn_sub per layer; output_norm
        long head = 512L * 256 * 2;        // tied F16 embedding is the output head
        long row = 256 * 2;
        long kvPerPosition = 2L * 2 * 128 * 4; // keys+values, 2 layers, kv width 128, float32
        BytesPerToken b = of("bitnet-tiny-tq2_0.gguf", 32, 16); // decode positions 32..47 attend 33..48: mean 40.5

        assertThat(b.blockMatrixBytes()).isEqualTo(2 * perLayer).isEqualTo(304_128);
        assertThat(b.normBytes()).isEqualTo(norms);
        assertThat(b.outputHeadBytes()).isEqualTo(head);
        assertThat(b.embeddingRowBytes()).isEqualTo(row);
        assertThat(b.meanContext()).isEqualTo(40.5);
        assertThat(b.kvCacheBytes()).isEqualTo(Math.round(kvPerPosition * 40.5));
        assertThat(b.total()).isEqualTo(2 * perLayer + norms + head + row + Math.round(kvPerPosition * 40.5));
    }

    @Test
    void i2sMatricesCountTheirPerTensorScaleTrailer() throws Exception {
        // I2_S: 4 values per byte plus a 32-byte trailer holding the tensor scale.
        long perLayer = (256 * 256 / 4 + 32) * 2   // q, o
            + (128 * 256 / 4 + 32) * 2              // k, v
            + (512 * 256 / 4 + 32) * 3;             // gate, up, down
        BytesPerToken b = of("bitnet-b158-tiny-i2_s.gguf", 8, 1);
        assertThat(b.blockMatrixBytes()).isEqualTo(2 * perLayer);
        assertThat(b.outputHeadBytes()).isEqualTo(512L * 256 * 2);
        assertThat(b.meanContext()).isEqualTo(9.0);
    }

    @Test
    void anUntiedOutputMatrixIsTheHeadAndTheEmbeddingCountsOneRow() throws Exception {
        // stories260K: llama, 5 layers, dim 64, ffn 172, 8 heads / 4 kv heads of 8, vocab 512, all F32, untied output.
        long perLayer = (64 * 64 * 2 + 32 * 64 * 2 + 172 * 64 * 3) * 4L;
        long norms = 5 * 2 * 64 * 4 + 64 * 4;
        BytesPerToken b = of("stories260K.gguf", 10, 4);
        assertThat(b.blockMatrixBytes()).isEqualTo(5 * perLayer);
        assertThat(b.normBytes()).isEqualTo(norms);
        assertThat(b.outputHeadBytes()).isEqualTo(512L * 64 * 4);
        assertThat(b.embeddingRowBytes()).isEqualTo(64 * 4);
        assertThat(b.kvCacheBytes()).isEqualTo(Math.round(2L * 5 * 32 * 4 * 12.5));
    }

    @Test
    void theCeilingIsBandwidthOverBytesPerToken() {
        BytesPerToken b = new BytesPerToken(700, 10, 280, 10, 0, 1);
        assertThat(b.ceilingTokensPerSecond(40e9)).isEqualTo(40e6);
    }
}
