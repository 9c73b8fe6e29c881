package bitnet.workbench.kernel;

import java.lang.foreign.MemorySegment;

/**
 * The bytes of a matrix in its file layout, handed out one row at a time in increasing order, so a
 * repacker can read a large tensor through a small window instead of a copy of the whole tensor
 * (a 2B4T output matrix is 269 MB; copying it whole raised peak memory by that much).
 */
@FunctionalInterface
public interface MatrixRows {
    /** Row {@code r} ({@code rowBytes} long), valid until the next call. */
    MemorySegment row(int r);

    /** The rows of {@code w} read straight from {@code source}, which holds the whole matrix from byte 0. */
    static MatrixRows of(WeightMatrix w, MemorySegment source) {
        long rowBytes = w.rowBytes();
        return r -> source.asSlice(r * rowBytes, rowBytes);
    }
}
