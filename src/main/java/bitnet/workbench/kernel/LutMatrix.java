package bitnet.workbench.kernel;

import bitnet.workbench.gguf.GgmlType;
import bitnet.workbench.tensor.LittleEndian;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A ternary matrix repacked for table lookups ("base-3 triples", after T-MAC and bitnet.cpp's TL
 * kernels). Columns are padded with zero weights to a multiple of 9; each run of 3 columns becomes
 * a 5-bit index {@code (w0+1) + 3(w1+1) + 9(w2+1)} (27 of 32 values used), and the three indices of
 * a 9-column chunk share one 16-bit word, 1.78 bits per weight. Rows are padded to 32-row tiles and
 * stored {@code [tile][chunk][32 rows]}: one 64-byte load feeds 32 rows, and each tile is one
 * sequential stream of {@code chunks · 64} bytes. The kernel reads {@value #STREAMS} tiles side by
 * side, so the hardware prefetcher follows eight streams at once: from DRAM that streamed 17.7 GB/s
 * against 12.9 for one stream per 128 rows, with the same arithmetic (23–26 GB/s from cache).
 *
 * @param rowScales the factor of each row (the I2_S tensor scale, or the TQ block scale that every
 *                  block of the row shares); the row result is {@code (float) Σ w·q / s · scale},
 *                  the scalar kernel's arithmetic
 */
public record LutMatrix(int rows, int cols, int chunks, int tiles, MemorySegment words, float[] rowScales) implements Repacked {
    public static final int TILE_ROWS = 32;
    /** Tiles read side by side: one row unit of the kernel. */
    static final int STREAMS = 8;
    public static final int GROUP_ROWS = STREAMS * TILE_ROWS;
    static final int CHUNK_COLS = 9;
    /** Bytes of one 32-row tile of one chunk: 32 words. */
    static final int TILE_BYTES = TILE_ROWS * 2;

    /** Bytes of one tile's whole stream. */
    long tileBytes() { return (long) chunks * TILE_BYTES; }

    @Override
    public long byteSize() { return words.byteSize(); }

    /**
     * Repacks {@code w}, reading its codes from {@code source} (the tensor's bytes in the file's
     * layout; pass a copy to keep the mapped pages untouched), into memory from {@code arena}.
     * Returns null when the matrix is not plainly ternary with one scale per row (a TQ2_0 code 3,
     * rows whose blocks differ in scale): the kernel then uses its multiply path.
     */
    public static LutMatrix pack(WeightMatrix w, MemorySegment source, Arena arena) {
        return pack(w, MatrixRows.of(w, source), arena);
    }

    /** {@link #pack(WeightMatrix, MemorySegment, Arena)} reading the rows in order from {@code source}. */
    public static LutMatrix pack(WeightMatrix w, MatrixRows source, Arena arena) {
        if (!w.type().isTernary()) return null;
        int rows = w.rows();
        int cols = w.cols();
        int chunks = (cols + CHUNK_COLS - 1) / CHUNK_COLS;
        int tiles = (rows + TILE_ROWS - 1) / TILE_ROWS;
        float[] scales = new float[rows];
        byte[] weights = new byte[chunks * CHUNK_COLS];
        short[] rowWords = new short[chunks];
        MemorySegment words = arena.allocate((long) tiles * chunks * TILE_BYTES, 64);
        for (int r = 0; r < tiles * TILE_ROWS; r++) {
            if (r < rows) {
                float scale = decodeRow(w, source.row(r), 0, weights);
                if (Float.isNaN(scale)) return null;
                scales[r] = scale;
            } else {
                java.util.Arrays.fill(weights, (byte) 0);
            }
            for (int ch = 0; ch < chunks; ch++) {
                int word = 0;
                for (int t = 0; t < 3; t++) {
                    int c = ch * CHUNK_COLS + 3 * t;
                    int index = (weights[c] + 1) + 3 * (weights[c + 1] + 1) + 9 * (weights[c + 2] + 1);
                    word |= index << (5 * t);
                }
                rowWords[ch] = (short) word;
            }
            int tile = r / TILE_ROWS;
            int lane = r % TILE_ROWS;
            for (int ch = 0; ch < chunks; ch++) {
                long at = ((long) tile * chunks + ch) * TILE_BYTES + 2L * lane;
                words.set(ValueLayout.JAVA_SHORT_UNALIGNED, at, rowWords[ch]);
            }
        }
        return new LutMatrix(rows, cols, chunks, tiles, words, scales);
    }

    /**
     * Writes the weights (−1, 0, +1; zero past {@code cols}) of the row of {@code w} at byte
     * {@code base} of {@code src} and returns its scale, or NaN when the row is not plain ternary
     * with a single scale.
     */
    static float decodeRow(WeightMatrix w, MemorySegment src, long base, byte[] out) {
        java.util.Arrays.fill(out, w.cols(), out.length, (byte) 0);
        switch (w.type()) {
            case I2_S -> {
                for (int b = 0; b < w.cols() / I2sRows.BLOCK; b++) {
                    long at = base + (long) b * I2sRows.BLOCK_BYTES;
                    for (int m = 0; m < I2sRows.BLOCK_BYTES; m++) {
                        int v = src.get(LittleEndian.BYTE, at + m) & 0xFF;
                        for (int g = 0; g < 4; g++) out[b * I2sRows.BLOCK + g * 32 + m] = (byte) I2sRows.weight((v >>> (6 - 2 * g)) & 3);
                    }
                }
                return w.tensorScale();
            }
            case TQ2_0 -> {
                float scale = Float.NaN;
                for (int b = 0; b < w.cols() / Tq2Rows.BLOCK; b++) {
                    long at = base + (long) b * Tq2Rows.BLOCK_BYTES;
                    float d = Tq2Rows.blockScale(src, at);
                    if (b == 0) scale = d;
                    else if (Float.compare(d, scale) != 0) return Float.NaN;
                    for (int chunk = 0; chunk < 2; chunk++) {
                        for (int m = 0; m < 32; m++) {
                            int v = src.get(LittleEndian.BYTE, at + chunk * 32 + m) & 0xFF;
                            for (int n = 0; n < 4; n++) {
                                int code = (v >>> (2 * n)) & 3;
                                if (code == 3) return Float.NaN;
                                out[b * Tq2Rows.BLOCK + chunk * 128 + n * 32 + m] = (byte) (code - 1);
                            }
                        }
                    }
                }
                return scale;
            }
            case TQ1_0 -> {
                float scale = Float.NaN;
                for (int b = 0; b < w.cols() / Tq1Rows.BLOCK; b++) {
                    long at = base + (long) b * Tq1Rows.BLOCK_BYTES;
                    float d = Tq1Rows.blockScale(src, at);
                    if (b == 0) scale = d;
                    else if (Float.compare(d, scale) != 0) return Float.NaN;
                    int o = b * Tq1Rows.BLOCK;
                    for (int m = 0; m < 32; m++) {
                        int v = src.get(LittleEndian.BYTE, at + m) & 0xFF;
                        for (int n = 0; n < 5; n++) out[o + n * 32 + m] = (byte) (Tq1Rows.trit(v, n) - 1);
                    }
                    for (int m = 0; m < 16; m++) {
                        int v = src.get(LittleEndian.BYTE, at + 32 + m) & 0xFF;
                        for (int n = 0; n < 5; n++) out[o + 160 + n * 16 + m] = (byte) (Tq1Rows.trit(v, n) - 1);
                    }
                    for (int j = 0; j < 4; j++) {
                        int v = src.get(LittleEndian.BYTE, at + 48 + j) & 0xFF;
                        for (int n = 0; n < 4; n++) out[o + 240 + n * 4 + j] = (byte) (Tq1Rows.trit(v, n) - 1);
                    }
                }
                return scale;
            }
            default -> throw new IllegalArgumentException(w.type() + " is not ternary");
        }
    }

    boolean fits(WeightMatrix w) {
        return rows == w.rows() && cols == w.cols();
    }

    static boolean isPackable(GgmlType type) {
        return type.isTernary();
    }
}
