package bitnet.workbench.tensor;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/** Argument checks shared by the dequantizers, so that a bad call fails with a message instead of reading garbage. */
final class BlockRanges {
    private BlockRanges() {
    }

    /**
     * Checks that {@code count} values from element {@code first} are whole blocks inside {@code packedBytes}
     * bytes of {@code data} and fit into {@code out}; returns the byte offset of the first block.
     */
    static long check(TensorFormat format, MemorySegment data, long packedBytes, long first, int count, float[] out, int outOffset) {
        Objects.requireNonNull(data, "tensorData");
        Objects.requireNonNull(out, "out");
        int block = format.blockSize();
        if (first < 0 || count < 0 || first % block != 0 || count % block != 0) {
            throw new IllegalArgumentException(format.type() + ": first (" + first + ") and count (" + count
                + ") must be non-negative multiples of the block size " + block);
        }
        if (outOffset < 0 || outOffset > out.length - count) {
            throw new IllegalArgumentException(format.type() + ": " + count + " values do not fit into out[" + out.length + "] at " + outOffset);
        }
        long startByte = first / block * format.bytesPerBlock();
        long endByte = startByte + (long) count / block * format.bytesPerBlock();
        if (endByte > packedBytes || packedBytes > data.byteSize()) {
            throw new IllegalArgumentException(format.type() + ": elements [" + first + ", " + (first + count)
                + ") need bytes up to " + endByte + " but the tensor data has " + Math.min(packedBytes, data.byteSize()));
        }
        return startByte;
    }

    static long check(TensorFormat format, MemorySegment data, long first, int count, float[] out, int outOffset) {
        return check(format, data, data.byteSize(), first, count, out, outOffset);
    }
}
