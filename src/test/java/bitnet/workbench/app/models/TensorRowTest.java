package bitnet.workbench.app.models;

import bitnet.workbench.gguf.GgmlType;
import bitnet.workbench.gguf.GgufTensorInfo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TensorRowTest {
    private static TensorRow row(GgmlType type, long... shape) {
        long n = 1;
        for (long d : shape) n *= d;
        return TensorRow.of(new GgufTensorInfo("blk.0.ffn_up.weight", shape, type, 0, type.byteSize(n)));
    }

    @Test
    void bitsPerWeightIncludeBlockScales() {
        assertThat(row(GgmlType.TQ2_0, 256, 512).bitsPerWeight()).isEqualTo(66 * 8 / 256.0); // 2.0625
        assertThat(row(GgmlType.TQ1_0, 256, 512).bitsPerWeight()).isEqualTo(54 * 8 / 256.0); // 1.6875
        assertThat(row(GgmlType.F16, 256).bitsPerWeight()).isEqualTo(16);
    }

    @Test
    void i2sBitsPerWeightIncludeTheTensorScaleTrailer() {
        // 256 x 128 codes at 2 bits = 8192 bytes, plus the 32-byte scale trailer.
        assertThat(row(GgmlType.I2_S, 256, 128).bitsPerWeight()).isEqualTo((8192 + 32) * 8 / 32768.0);
    }

    @Test
    void shapeIsShownInFileOrderAndTernaryTypesAreMarked() {
        TensorRow r = row(GgmlType.TQ2_0, 256, 512);
        assertThat(r.shape()).isEqualTo("256 × 512");
        assertThat(r.elements()).isEqualTo(131072);
        assertThat(r.ternary()).isTrue();
        assertThat(row(GgmlType.F32, 256).ternary()).isFalse();
    }

    @Test
    void theFilterMatchesPartOfTheNameOrTheTypeIgnoringCase() {
        TensorRow r = row(GgmlType.TQ2_0, 256, 512);
        assertThat(r.matches("FFN_UP")).isTrue();
        assertThat(r.matches("tq2")).isTrue();
        assertThat(r.matches("  ")).isTrue();
        assertThat(r.matches("attn")).isFalse();
    }

    @Test
    void theBitsColumnShowsUpToFourDecimalsWithoutTrailingZeros() {
        assertThat(TensorTableView.bits(2.0625)).isEqualTo("2.0625");
        assertThat(TensorTableView.bits(32.0)).isEqualTo("32");
        assertThat(TensorTableView.bits(2.00390625)).isEqualTo("2.0039");
    }
}
