package bitnet.workbench.tensor;

import bitnet.workbench.gguf.GgmlType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The streaming contract and the errors callers get for bad input. */
class TensorQuantizerApiTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"F16", "BF16", "Q8_0", "Q6_K", "TQ1_0", "TQ2_0", "I2_S"})
    void streamingRowsInChunksGivesTheSameBytesAsQuantizingTheWholeTensor(GgmlType type) {
        SplittableRandom rnd = new SplittableRandom(7);
        int rowLength = 512;
        int rows = 7;
        float[] values = RandomTensors.mixed(rnd, rowLength * rows, 3);
        TernaryScale scan = new TernaryScale();
        for (int r = 0; r < rows; r++) scan.add(values, r * rowLength, rowLength); // first pass, row by row
        TensorQuantizer q = type.isTernary() ? TensorQuantizers.ternary(type, scan.absmean()) : TensorQuantizers.of(type);
        byte[] whole = q.quantizeTensor(values, rowLength);

        long rowBytes = q.rowBytes(rowLength);
        int base = 13; // tensors rarely start at 0 in a file
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(base + whole.length);
            byte[] array = new byte[base + whole.length];
            ByteBuffer buffer = ByteBuffer.allocateDirect(base + whole.length).position(5).limit(9); // position/limit must not matter
            float[] chunk = new float[3 * rowLength];
            for (int r = 0; r < rows; r += 3) {
                int n = Math.min(3, rows - r);
                System.arraycopy(values, r * rowLength, chunk, 0, n * rowLength); // the caller's reusable buffer
                q.quantizeRows(chunk, 0, rowLength, n, seg, base + r * rowBytes);
                q.quantizeRows(chunk, 0, rowLength, n, array, (int) (base + r * rowBytes));
                q.quantizeRows(chunk, 0, rowLength, n, buffer, (int) (base + r * rowBytes));
            }
            q.writeTrailer(seg, base + rows * rowBytes);
            q.writeTrailer(array, (int) (base + rows * rowBytes));
            q.writeTrailer(MemorySegment.ofBuffer(buffer.clear()), base + rows * rowBytes);

            assertThat(seg.asSlice(base).toArray(ValueLayout.JAVA_BYTE)).isEqualTo(whole);
            assertThat(Arrays.copyOfRange(array, base, array.length)).isEqualTo(whole);
            assertThat(MemorySegment.ofBuffer(buffer.clear()).asSlice(base).toArray(ValueLayout.JAVA_BYTE)).isEqualTo(whole);
        }
    }

    @Test
    void i2sTrailerHoldsTheScaleThenZeros() {
        TensorQuantizer q = TensorQuantizers.ternary(GgmlType.I2_S, Ternarization.roundToScale(0.75f));
        byte[] bytes = q.quantizeTensor(new float[]{0.75f, -0.75f, 0, 0.75f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -0.75f}, 128);
        assertThat(bytes).hasSize(64);
        // value 0 (+1, code 2) in the top bits of byte 0, the others code 1 (zero): 0b10_01_01_01
        assertThat(bytes[0] & 0xFF).isEqualTo(0b10_01_01_01);
        assertThat(bytes[1] & 0xFF).isEqualTo(0b00_01_01_01);
        // value 127 = group 3, byte 31, low bits: code 0 (−1)
        assertThat(bytes[31] & 0xFF).isEqualTo(0b01_01_01_00);
        assertThat(MemorySegment.ofArray(bytes).get(LittleEndian.FLOAT, 32)).isEqualTo(0.75f);
        assertThat(Arrays.copyOfRange(bytes, 36, 64)).containsOnly(0);
    }

    @Test
    void rowLengthMustBeWholeBlocks() {
        assertThatThrownBy(() -> TensorQuantizers.of(GgmlType.Q8_0).quantizeRows(new float[100], 0, 100, 1, new byte[200], 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Q8_0").hasMessageContaining("block size 32");
    }

    @Test
    void sourceAndDestinationRangesAreChecked() {
        TensorQuantizer q = TensorQuantizers.of(GgmlType.Q8_0);
        assertThatThrownBy(() -> q.quantizeRows(new float[64], 0, 32, 3, new byte[200], 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("source");
        assertThatThrownBy(() -> q.quantizeRows(new float[64], 0, 32, 2, new byte[67], 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("destination");
        assertThatThrownBy(() -> q.quantizeRows(new float[64], 0, 32, 2, MemorySegment.ofArray(new byte[68]).asReadOnly(), 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read-only");
    }

    @Test
    void nanAndInfinityAreRefusedByQuantizedFormatsWithTheirIndex() {
        float[] v = new float[64];
        v[40] = Float.NaN;
        assertThatThrownBy(() -> TensorQuantizers.of(GgmlType.Q8_0).quantizeRows(v, 0, 32, 2, new byte[68], 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN").hasMessageContaining("index 40");
        v[40] = Float.POSITIVE_INFINITY;
        assertThatThrownBy(() -> new TernaryScale().add(v)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Infinity");
    }

    @Test
    void floatFormatsKeepNanButRefuseFiniteValuesThatWouldOverflow() {
        byte[] out = TensorQuantizers.of(GgmlType.F16).quantizeTensor(new float[]{Float.NaN}, 1);
        assertThat(Float.float16ToFloat((short) ((out[0] & 0xFF) | (out[1] << 8)))).isNaN();
        assertThatThrownBy(() -> TensorQuantizers.of(GgmlType.F16).quantizeTensor(new float[]{70000f}, 1))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("70000").hasMessageContaining("infinite");
    }

    @Test
    void valuesTooLargeForAnFp16BlockScaleAreRefused() {
        float[] v = new float[32];
        v[3] = 1e7f;
        assertThatThrownBy(() -> TensorQuantizers.of(GgmlType.Q8_0).quantizeTensor(v, 32))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fp16");
        assertThatThrownBy(() -> TensorQuantizers.ternary(GgmlType.TQ2_0, Ternarization.roundToScale(1e6f)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fp16");
    }

    @Test
    void ternaryTypesNeedARuleAndI2sNeedsOneScalePerTensor() {
        assertThatThrownBy(() -> TensorQuantizers.of(GgmlType.I2_S))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ternary(");
        assertThatThrownBy(() -> TensorQuantizers.ternary(GgmlType.I2_S, new Ternarization.GgmlBlockAbsmax()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one scale per tensor");
        assertThatThrownBy(() -> TensorQuantizers.ternary(GgmlType.Q8_0, Ternarization.roundToScale(1)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a ternary type");
        assertThatThrownBy(() -> TensorQuantizers.of(GgmlType.Q4_K)).isInstanceOf(UnsupportedTensorTypeException.class);
        assertThatThrownBy(() -> Ternarization.roundToScale(Float.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TernaryScale().absmean()).isInstanceOf(IllegalStateException.class).hasMessageContaining("no values");
    }

    @Test
    void dequantizeRefusesPartialBlocksAndReadsPastTheData() {
        TensorFormat q8 = TensorFormats.of(GgmlType.Q8_0);
        MemorySegment twoBlocks = MemorySegment.ofArray(new byte[68]);
        float[] out = new float[64];
        assertThatThrownBy(() -> q8.dequantize(twoBlocks, 16, 32, out, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiples of the block size 32");
        assertThatThrownBy(() -> q8.dequantize(twoBlocks, 32, 64, new float[64], 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("68");
        assertThatThrownBy(() -> q8.dequantize(twoBlocks, 0, 64, new float[40], 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not fit");
        assertThatThrownBy(() -> TensorFormats.of(GgmlType.I2_S).dequantize(MemorySegment.ofArray(new byte[32]), 0, 128, new float[128], 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("I2_S");
        assertThatThrownBy(() -> TensorFormats.of(GgmlType.I2_S).dequantize(MemorySegment.ofArray(new byte[50]), 0, 0, new float[0], 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trailer");
    }
}
