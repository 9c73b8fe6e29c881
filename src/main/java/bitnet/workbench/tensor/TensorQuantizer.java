package bitnet.workbench.tensor;

import bitnet.workbench.gguf.GgmlType;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * Encodes float rows into one storage format, row by row, so that a writer can stream a tensor of
 * any size through a small buffer. Rows of a tensor are stored back to back ({@link #rowBytes} each);
 * some formats add bytes after the last row ({@link #trailerBytes}, I2_S: its tensor scale), which
 * the writer emits once with {@link #writeTrailer}.
 *
 * <p>Streaming a tensor of {@code rows} rows starting at byte {@code base}:
 * <pre>{@code
 * for (int r = 0; r < rows; r += chunk)            // any chunking
 *     q.quantizeRows(src, 0, rowLength, n, dst, base + r * q.rowBytes(rowLength));
 * q.writeTrailer(dst, base + rows * q.rowBytes(rowLength));
 * }</pre>
 * Ternary formats need their scale before the first row; see {@link TernaryScale} and
 * {@link TensorQuantizers#ternary}. Implementations are immutable and thread-safe, so rows may be
 * quantized in parallel.
 */
public interface TensorQuantizer {
    GgmlType type();

    /** The format that reads back what this quantizer writes. */
    default TensorFormat format() { return TensorFormats.of(type()); }

    /** Bytes of one encoded row; {@code rowLength} must be a positive multiple of the block size. */
    default long rowBytes(int rowLength) {
        if (rowLength <= 0 || rowLength % type().blockSize != 0) {
            throw new IllegalArgumentException(type() + ": row length " + rowLength + " is not a positive multiple of the block size " + type().blockSize);
        }
        return (long) rowLength / type().blockSize * type().bytesPerBlock;
    }

    /** Bytes that follow the last row of a tensor: 32 for I2_S (scale and padding), otherwise 0. */
    default int trailerBytes() { return 0; }

    /** Bytes of a whole tensor: its rows plus the trailer; equals {@code format().byteSize(rows·rowLength)}. */
    default long tensorBytes(int rowLength, long rows) {
        return Math.multiplyExact(rowBytes(rowLength), rows) + trailerBytes();
    }

    /**
     * Encodes {@code rows} rows of {@code rowLength} values read from {@code src[srcOffset..]} and writes
     * {@code rows · rowBytes(rowLength)} bytes at {@code dst[dstOffset..]}.
     *
     * @throws IllegalArgumentException if the row length is not a multiple of the block size, a range is
     *     out of bounds, or a value cannot be encoded (NaN or infinity in a quantized format, a value too
     *     large for the format's fp16 scale)
     */
    void quantizeRows(float[] src, int srcOffset, int rowLength, int rows, MemorySegment dst, long dstOffset);

    default void quantizeRows(float[] src, int srcOffset, int rowLength, int rows, byte[] dst, int dstOffset) {
        quantizeRows(src, srcOffset, rowLength, rows, MemorySegment.ofArray(dst), dstOffset);
    }

    /** As above; {@code dstIndex} is an absolute index into {@code dst}, whose position and limit are ignored. */
    default void quantizeRows(float[] src, int srcOffset, int rowLength, int rows, ByteBuffer dst, int dstIndex) {
        quantizeRows(src, srcOffset, rowLength, rows, MemorySegment.ofBuffer(dst.duplicate().clear()), dstIndex);
    }

    /**
     * Writes the {@link #trailerBytes} that follow a tensor's last row at {@code dstOffset} (the tensor's
     * start plus all its rows). Does nothing for formats without a trailer.
     */
    default void writeTrailer(MemorySegment dst, long dstOffset) {
    }

    default void writeTrailer(byte[] dst, int dstOffset) {
        writeTrailer(MemorySegment.ofArray(dst), dstOffset);
    }

    /** Encodes a whole tensor held in one array (rows of {@code rowLength}), trailer included. */
    default byte[] quantizeTensor(float[] values, int rowLength) {
        long rowBytes = rowBytes(rowLength);
        if (values.length % rowLength != 0) {
            throw new IllegalArgumentException(type() + ": " + values.length + " values are not whole rows of " + rowLength);
        }
        int rows = values.length / rowLength;
        long size = tensorBytes(rowLength, rows);
        if (size > Integer.MAX_VALUE - 8) throw new IllegalArgumentException(type() + ": tensor of " + size + " bytes does not fit in an array");
        byte[] out = new byte[(int) size];
        quantizeRows(values, 0, rowLength, rows, out, 0);
        writeTrailer(out, (int) (rows * rowBytes));
        return out;
    }
}
