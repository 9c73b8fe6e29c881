package bitnet.workbench.tensor;

import bitnet.workbench.gguf.GgmlType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sizes from the block structs of ggml-common.h and bitnet.cpp, written out by hand. */
class TensorFormatSizeTest {

    @ParameterizedTest(name = "{0}: block {1}, {2} bytes")
    @CsvSource({
        // type, block, bytes/block, bytes of a 2560 x 3 tensor, bytes of one 2560 row
        "F32,   1,   4, 30720, 10240",
        "F16,   1,   2, 15360,  5120",
        "BF16,  1,   2, 15360,  5120",
        "Q8_0,  32, 34,  8160,  2720",  // 2 + 32
        "Q4_0,  32, 18,  4320,  1440",  // 2 + 16
        "Q4_K, 256, 144, 4320,  1440",  // 2 + 2 + 12 + 128
        "Q6_K, 256, 210, 6300,  2100",  // 128 + 64 + 16 + 2
        "TQ1_0, 256, 54, 1620,   540",  // 48 + 4 + 2
        "TQ2_0, 256, 66, 1980,   660",  // 64 + 2
        "I2_S, 128,  32, 1952,   640",  // n/4 + 32-byte scale trailer
    })
    void everyFormatKnowsItsBlockGeometryAndTensorSize(GgmlType type, int block, int bytes, long tensorBytes, long rowBytes) {
        TensorFormat f = TensorFormats.of(type);
        assertThat(f.type()).isEqualTo(type);
        assertThat(f.blockSize()).isEqualTo(block);
        assertThat(f.bytesPerBlock()).isEqualTo(bytes);
        assertThat(f.byteSize(2560 * 3)).isEqualTo(tensorBytes);
        assertThat(f.rowBytes(2560)).isEqualTo(rowBytes);
    }

    @Test
    void i2sTensorOfBitnet2b4tFfnShapeEndsWithItsScaleTrailer() {
        long n = 2560L * 6912;
        assertThat(TensorFormats.of(GgmlType.I2_S).byteSize(n)).isEqualTo(n / 4 + 32).isEqualTo(4_423_712L);
        assertThat(TensorFormats.of(GgmlType.I2_S).rowBytes(6912)).isEqualTo(1728);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q6_K", "TQ1_0", "TQ2_0", "I2_S"})
    void quantizerSizesAgreeWithTheFormat(GgmlType type) {
        TensorQuantizer q = type.isTernary() ? TensorQuantizers.ternary(type, Ternarization.roundToScale(1)) : TensorQuantizers.of(type);
        TensorFormat f = TensorFormats.of(type);
        assertThat(q.format()).isSameAs(f);
        assertThat(q.rowBytes(768)).isEqualTo(f.rowBytes(768));
        assertThat(q.tensorBytes(768, 5)).isEqualTo(f.byteSize(768 * 5));
        assertThat(q.trailerBytes()).isEqualTo(type == GgmlType.I2_S ? 32 : 0);
        assertThat(q.quantizeTensor(new float[768 * 5], 768)).hasSize((int) f.byteSize(768 * 5));
    }

    @Test
    void typesWithoutAReaderAreRefusedByName() {
        assertThat(TensorFormats.isSupported(GgmlType.Q5_K)).isFalse();
        assertThatThrownBy(() -> TensorFormats.of(GgmlType.Q5_K))
            .isInstanceOf(UnsupportedTensorTypeException.class).hasMessageContaining("Q5_K").hasMessageContaining("I2_S");
    }
}
