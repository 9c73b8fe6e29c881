package bitnet.workbench.tensor;

import bitnet.workbench.gguf.GgmlType;
import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.gguf.GgufTensorInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our quantizers against the files llama-quantize (upstream) and the bitnet.cpp fork wrote from the
 * same source tensors (reference/models/formats, README §4).
 */
class ReferenceQuantizationTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "Q8_0, fmt_a.weight", "Q8_0, fmt_b.weight", "Q8_0, fmt_t.weight",
        "Q4_0, fmt_a.weight", "Q4_0, fmt_b.weight", "Q4_0, fmt_t.weight",
        "Q6_K, fmt_a.weight", "Q6_K, fmt_b.weight", "Q6_K, fmt_t.weight",
    })
    void blockQuantizerWritesTheSameBytesAsLlamaQuantize(GgmlType type, String tensor) throws IOException {
        assertThat(quantizeSource(TensorQuantizers.of(type), tensor)).isEqualTo(referenceBytes(type, tensor));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "TQ1_0, fmt_a.weight", "TQ1_0, fmt_b.weight", "TQ1_0, fmt_t.weight",
        "TQ2_0, fmt_a.weight", "TQ2_0, fmt_b.weight", "TQ2_0, fmt_t.weight",
    })
    void ggmlBlockAbsmaxRuleWritesTheSameBytesAsLlamaQuantize(GgmlType type, String tensor) throws IOException {
        TensorQuantizer q = TensorQuantizers.ternary(type, new Ternarization.GgmlBlockAbsmax());
        assertThat(quantizeSource(q, tensor)).isEqualTo(referenceBytes(type, tensor));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TQ1_0", "TQ2_0", "I2_S"})
    void absmeanRuleStoresTheExactlyTernaryTensorLikeTheReferenceFile(GgmlType type) throws IOException {
        float[] source = ReferenceFixtures.source("fmt_t.weight");
        TernaryScale scan = TernaryScale.of(source);
        assertThat(scan.isExactlyTernary()).isTrue();
        assertThat(scan.absmean().scale()).isEqualTo(0.0625f);
        byte[] ours = TensorQuantizers.ternary(type, scan.absmean()).quantizeTensor(source, 256);
        assertThat(withoutI2sPadding(type, ours)).isEqualTo(withoutI2sPadding(type, referenceBytes(type, "fmt_t.weight")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"fmt_a.weight", "fmt_b.weight", "fmt_t.weight"})
    void bitnetCppRuleWritesTheSameCodesAndScaleAsTheForkForAnyInput(String tensor) throws IOException {
        float[] source = ReferenceFixtures.source(tensor);
        int ne0 = tensor.equals("fmt_b.weight") ? 512 : 256;
        TensorQuantizer q = TensorQuantizers.ternary(GgmlType.I2_S, TernaryScale.of(source).bitnetCpp());
        byte[] ours = q.quantizeTensor(source, ne0);
        assertThat(withoutI2sPadding(GgmlType.I2_S, ours)).isEqualTo(withoutI2sPadding(GgmlType.I2_S, referenceBytes(GgmlType.I2_S, tensor)));
    }

    /**
     * bitnet.cpp writes its 28 padding bytes after the I2_S scale from an uninitialized buffer (the
     * reference file holds heap addresses there); we write zeros, so only codes and scale can match.
     */
    @Test
    void i2sPaddingIsZeroInOurFilesAndArbitraryInTheFork() throws IOException {
        float[] source = ReferenceFixtures.source("fmt_a.weight");
        byte[] ours = TensorQuantizers.ternary(GgmlType.I2_S, TernaryScale.of(source).bitnetCpp()).quantizeTensor(source, 256);
        assertThat(Arrays.copyOfRange(ours, 256 + 4, 256 + 32)).containsOnly(0);
        assertThat(Arrays.copyOfRange(referenceBytes(GgmlType.I2_S, "fmt_a.weight"), 256 + 4, 256 + 32)).contains((byte) 0x55);
    }

    private static byte[] withoutI2sPadding(GgmlType type, byte[] tensorBytes) {
        return type == GgmlType.I2_S ? Arrays.copyOf(tensorBytes, tensorBytes.length - GgmlType.I2S_TRAILER_BYTES + 4) : tensorBytes;
    }

    private static byte[] quantizeSource(TensorQuantizer q, String tensor) throws IOException {
        float[] source = ReferenceFixtures.source(tensor);
        int ne0 = tensor.equals("fmt_b.weight") ? 512 : 256;
        return q.quantizeTensor(source, ne0);
    }

    private static byte[] referenceBytes(GgmlType type, String tensor) throws IOException {
        String file = "fmt-" + type.name().toLowerCase() + ".gguf";
        try (GgufFile f = GgufFile.open(ReferenceFixtures.formatFile(file))) {
            GgufTensorInfo info = f.tensor(tensor);
            assertThat(info.type()).isEqualTo(type);
            return f.tensorData(info).toArray(ValueLayout.JAVA_BYTE);
        }
    }
}
