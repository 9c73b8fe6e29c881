package bitnet.workbench.kernel;

import bitnet.workbench.gguf.GgmlType;

/**
 * How the int8 activations must be reordered so that a 2-bit ternary row (I2_S or TQ2_0) can be
 * multiplied with plain vector loads. A load of {@code V} weight bytes is read as {@code V/2}
 * 16-bit lanes; code {@code j} of lane {@code i} (j = 0..7, at bit {@code 2j}) belongs to weight
 * {@link #weight}. The activations are laid out as {@code [load][j][lane]}, so the kernel's
 * {@code j}-th multiply reads {@code V/2} consecutive shorts.
 *
 * @param loads number of {@code V}-byte loads per row that the vector loop covers
 * @param tailBlocks I2_S blocks at the end of a row left to scalar code (when a load spans several blocks)
 */
record TwoBitLayout(GgmlType type, int cols, int lanes, int loads, int tailBlocks, int[] order) {

    static TwoBitLayout of(GgmlType type, int cols, int lanes) {
        int bytesPerLoad = 2 * lanes;
        int loads;
        int tailBlocks = 0;
        switch (type) {
            case I2_S -> {
                int blocks = cols / I2sRows.BLOCK;
                int perLoad = bytesPerLoad / I2sRows.BLOCK_BYTES;
                loads = blocks / perLoad;
                tailBlocks = blocks % perLoad;
            }
            case TQ2_0 -> loads = cols / Tq2Rows.BLOCK * (64 / bytesPerLoad);
            default -> throw new IllegalArgumentException(type + " is not a 2-bit layout");
        }
        int[] order = new int[loads * 8 * lanes];
        int k = 0;
        for (int load = 0; load < loads; load++) {
            for (int j = 0; j < 8; j++) {
                for (int i = 0; i < lanes; i++) {
                    int byteInLoad = 2 * i + (j >= 4 ? 1 : 0);
                    order[k++] = weight(type, load, byteInLoad, j % 4, bytesPerLoad);
                }
            }
        }
        return new TwoBitLayout(type, cols, lanes, loads, tailBlocks, order);
    }

    /** The weight (column) held by bits {@code 2n..2n+1} of byte {@code byteInLoad} of load {@code load}. */
    static int weight(GgmlType type, int load, int byteInLoad, int n, int bytesPerLoad) {
        return switch (type) {
            case I2_S -> {
                int byteInRow = load * bytesPerLoad + byteInLoad;
                int block = byteInRow / I2sRows.BLOCK_BYTES;
                int m = byteInRow % I2sRows.BLOCK_BYTES;
                yield block * I2sRows.BLOCK + (3 - n) * 32 + m;   // I2_S: group g sits at shift 6 - 2g
            }
            case TQ2_0 -> {
                int loadsPerBlock = 64 / bytesPerLoad;
                int block = load / loadsPerBlock;
                int b = (load % loadsPerBlock) * bytesPerLoad + byteInLoad;
                yield block * Tq2Rows.BLOCK + (b / 32) * 128 + b % 32 + 32 * n;
            }
            default -> throw new IllegalArgumentException(type.toString());
        };
    }

    boolean fits(WeightMatrix w) {
        return w.type() == type && w.cols() == cols;
    }
}
