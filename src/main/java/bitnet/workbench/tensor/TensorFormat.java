package bitnet.workbench.tensor;

import bitnet.workbench.gguf.GgmlType;

import java.lang.foreign.MemorySegment;

/**
 * How one storage type lays out its values. One implementation per {@link GgmlType} the engine
 * can read; {@link TensorFormats#of} finds it.
 */
public interface TensorFormat {
    GgmlType type();

    default int blockSize() { return type().blockSize; }

    default int bytesPerBlock() { return type().bytesPerBlock; }

    /** Byte size of a tensor of {@code elements} values (for I2_S including its scale trailer). */
    default long byteSize(long elements) { return type().byteSize(elements); }

    /** Bytes of one row of {@code rowLength} values (a multiple of the block size), without any tensor trailer. */
    default long rowBytes(long rowLength) { return rowLength / blockSize() * bytesPerBlock(); }

    /**
     * Dequantizes {@code count} values starting at element {@code first} of the tensor whose whole
     * data is {@code tensorData}. {@code first} and {@code count} are multiples of the block size.
     * Results are bit-exact with the reference implementation's dequantizer (llama.cpp's
     * {@code dequantize_row_*}, bitnet.cpp's {@code dequantize_row_i2_s}).
     *
     * @throws IllegalArgumentException if the range is not whole blocks, lies outside the data, or does
     *     not fit into {@code out}
     */
    void dequantize(MemorySegment tensorData, long first, int count, float[] out, int outOffset);
}
