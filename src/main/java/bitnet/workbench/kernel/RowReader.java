package bitnet.workbench.kernel;

import bitnet.workbench.tensor.LittleEndian;

import java.lang.foreign.MemorySegment;

/** Reads one row of a float, Q8_0 or Q6_K matrix as floats: the embedding lookup. Allocates nothing. */
public final class RowReader {
    private RowReader() {
    }

    public static void read(WeightMatrix w, int row, float[] out, int offset) {
        if (row < 0 || row >= w.rows()) throw new IndexOutOfBoundsException("row " + row + " of matrix '" + w.name() + "' with " + w.rows() + " rows");
        MemorySegment d = w.data();
        long base = row * w.rowBytes();
        int n = w.cols();
        switch (w.type()) {
            case F32 -> MemorySegment.copy(d, LittleEndian.FLOAT, base, out, offset, n);
            case F16 -> {
                for (int j = 0; j < n; j++) out[offset + j] = Float.float16ToFloat(d.get(LittleEndian.SHORT, base + 2L * j));
            }
            case BF16 -> {
                for (int j = 0; j < n; j++) out[offset + j] = FloatRows.bf16ToFloat(d.get(LittleEndian.SHORT, base + 2L * j));
            }
            case Q8_0 -> {
                for (int b = 0; b < n / Q8_0Rows.BLOCK; b++) {
                    long at = base + (long) b * Q8_0Rows.BLOCK_BYTES;
                    float step = Float.float16ToFloat(d.get(LittleEndian.SHORT, at));
                    for (int j = 0; j < Q8_0Rows.BLOCK; j++) out[offset + b * Q8_0Rows.BLOCK + j] = d.get(LittleEndian.BYTE, at + 2 + j) * step;
                }
            }
            case Q6_K -> Q6kRows.dequantize(d, base, n / Q6kRows.BLOCK, out, offset);
            default -> throw new IllegalArgumentException("cannot read rows of " + w.type() + " matrix '" + w.name() + "' as floats (supported: F32, F16, BF16, Q8_0, Q6_K)");
        }
    }
}
