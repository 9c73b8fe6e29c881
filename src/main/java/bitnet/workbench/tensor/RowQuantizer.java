package bitnet.workbench.tensor;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/** Shared row loop: checks the arguments once, encodes each row into a scratch array, copies it out. */
abstract class RowQuantizer implements TensorQuantizer {
    /** Whether NaN and infinities are rejected; float formats store them as they are. */
    abstract boolean requiresFiniteValues();

    /** Encodes {@code rowLength} values from {@code src[offset..]} into {@code out[0..rowBytes)}. */
    abstract void quantizeRow(float[] src, int offset, int rowLength, byte[] out);

    @Override
    public final void quantizeRows(float[] src, int srcOffset, int rowLength, int rows, MemorySegment dst, long dstOffset) {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(dst, "dst");
        long rowBytes = rowBytes(rowLength);
        if (rows < 0) throw new IllegalArgumentException(type() + ": negative row count " + rows);
        long values = (long) rows * rowLength;
        if (srcOffset < 0 || srcOffset > src.length - values) {
            throw new IllegalArgumentException(type() + ": " + rows + " rows of " + rowLength + " values from offset " + srcOffset
                + " exceed the source array of " + src.length);
        }
        long bytes = rows * rowBytes;
        if (dstOffset < 0 || dstOffset > dst.byteSize() - bytes) {
            throw new IllegalArgumentException(type() + ": " + bytes + " bytes at offset " + dstOffset + " exceed the destination of " + dst.byteSize() + " bytes");
        }
        if (dst.isReadOnly()) throw new IllegalArgumentException(type() + ": destination is read-only");
        byte[] row = new byte[Math.toIntExact(rowBytes)];
        for (int r = 0; r < rows; r++) {
            int from = srcOffset + r * rowLength;
            if (requiresFiniteValues()) requireFinite(src, from, rowLength);
            quantizeRow(src, from, rowLength, row);
            MemorySegment.copy(row, 0, dst, LittleEndian.BYTE, dstOffset + r * rowBytes, row.length);
        }
    }

    private void requireFinite(float[] src, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (!Float.isFinite(src[i])) {
                throw new IllegalArgumentException(type() + " cannot encode " + src[i] + " (source index " + i + ")");
            }
        }
    }

    static void putShort(byte[] b, int at, short v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
    }

    /** fp16 of a block scale, refusing scales that fp16 cannot hold (they would decode as infinity). */
    final short fp16Scale(float scale) {
        short h = Float.floatToFloat16(scale);
        if (Float.isInfinite(Float.float16ToFloat(h))) {
            throw new IllegalArgumentException(type() + ": block scale " + scale + " exceeds the fp16 range (values too large for this format)");
        }
        return h;
    }
}
