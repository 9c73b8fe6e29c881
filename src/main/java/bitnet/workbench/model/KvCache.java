package bitnet.workbench.model;

import java.util.Arrays;

/**
 * Keys and values of every layer in float32, one row of {@code kvDim} per position. Storage grows
 * by doubling up to the context length, so a short chat does not pay for a long context.
 */
final class KvCache {
    private static final int INITIAL_POSITIONS = 64;

    private final int kvDim;
    private final int maxPositions;
    private final float[][] keys;
    private final float[][] values;
    private int capacity;

    KvCache(int layers, int kvDim, int maxPositions) {
        this.kvDim = kvDim;
        this.maxPositions = maxPositions;
        this.keys = new float[layers][];
        this.values = new float[layers][];
        this.capacity = Math.min(INITIAL_POSITIONS, maxPositions);
        for (int l = 0; l < layers; l++) {
            keys[l] = new float[capacity * kvDim];
            values[l] = new float[capacity * kvDim];
        }
    }

    void ensureCapacity(int positions) {
        if (positions <= capacity) return;
        if (positions > maxPositions) throw new IllegalStateException("position " + positions + " beyond the context of " + maxPositions);
        int grown = (int) Math.min(maxPositions, Math.max(positions, 2L * capacity));
        for (int l = 0; l < keys.length; l++) {
            keys[l] = Arrays.copyOf(keys[l], grown * kvDim);
            values[l] = Arrays.copyOf(values[l], grown * kvDim);
        }
        capacity = grown;
    }

    void store(int layer, int position, float[] k, float[] v) {
        System.arraycopy(k, 0, keys[layer], position * kvDim, kvDim);
        System.arraycopy(v, 0, values[layer], position * kvDim, kvDim);
    }

    float[] keys(int layer) { return keys[layer]; }

    float[] values(int layer) { return values[layer]; }

    int kvDim() { return kvDim; }

    /** Bytes held on the heap right now. */
    long bytes() {
        return 2L * keys.length * capacity * kvDim * Float.BYTES;
    }
}
