package bitnet.workbench.model;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.ref.Cleaner;

/**
 * Keys and values of every layer in float32, off the heap, head by head: each KV head's rows for
 * all positions are one run of {@code headDim} floats per position, so attention reads each head's
 * keys and values as one sequential stream (rows of all heads side by side made it skip 2 KB after
 * every 512 bytes, which the hardware prefetcher followed less well).
 * Each layer's rows are reserved for the whole context at once ({@link CHeap#lazilyZeroed}) and
 * become resident as positions are written, so a short chat does not pay for a long context, and
 * nothing is ever copied or left behind as garbage (arrays grown by doubling left their old copies
 * in the old generation: about as much again as the cache itself, resident until a full collection).
 * {@link #close} frees it; a cache never closed is freed once unreachable.
 */
final class KvCache implements AutoCloseable {
    static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final Cleaner CLEANER = Cleaner.create();

    private final int kvDim;
    private final int headDim;
    private final int maxPositions;
    private final MemorySegment[] keys;
    private final MemorySegment[] values;
    private final Cleaner.Cleanable release;
    /** One past the highest position written: the rows that are resident. */
    private int used;

    KvCache(int layers, int kvDim, int headDim, int maxPositions) {
        if (kvDim % headDim != 0) throw new IllegalArgumentException("KV width " + kvDim + " is not a multiple of the head size " + headDim);
        this.kvDim = kvDim;
        this.headDim = headDim;
        this.maxPositions = maxPositions;
        this.keys = new MemorySegment[layers];
        this.values = new MemorySegment[layers];
        Arena arena = Arena.ofShared();
        long bytes = (long) maxPositions * kvDim * Float.BYTES;
        for (int l = 0; l < layers; l++) {
            keys[l] = CHeap.lazilyZeroed(bytes, arena);
            values[l] = CHeap.lazilyZeroed(bytes, arena);
        }
        release = CLEANER.register(this, arena::close);
    }

    void ensureCapacity(int positions) {
        if (positions > maxPositions) throw new IllegalStateException("position " + positions + " beyond the context of " + maxPositions);
    }

    void store(int layer, int position, float[] k, float[] v) {
        for (int head = 0; head < kvDim / headDim; head++) {
            long at = row(head, position) * Float.BYTES;
            MemorySegment.copy(k, head * headDim, keys[layer], FLOAT, at, headDim);
            MemorySegment.copy(v, head * headDim, values[layer], FLOAT, at, headDim);
        }
        used = Math.max(used, position + 1);
    }

    /** The float index of KV head {@code head}'s row for {@code position}; a head's rows follow one another. */
    long row(int head, int position) {
        return ((long) head * maxPositions + position) * headDim;
    }

    /** Layer {@code layer}'s keys: see {@link #row}. */
    MemorySegment keys(int layer) { return keys[layer]; }

    MemorySegment values(int layer) { return values[layer]; }

    /** Bytes of the rows written so far (what is resident of the reservation). */
    long bytes() {
        return 2L * keys.length * used * kvDim * Float.BYTES;
    }

    @Override
    public void close() {
        release.clean();
    }
}
