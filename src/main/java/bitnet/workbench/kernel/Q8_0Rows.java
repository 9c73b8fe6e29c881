package bitnet.workbench.kernel;

import bitnet.workbench.tensor.LittleEndian;

import java.lang.foreign.MemorySegment;

/** Q8_0 rows (blocks of 32: fp16 d, 32 int8) dequantized and multiplied by float activations. */
final class Q8_0Rows {
    static final int BLOCK = 32;
    static final int BLOCK_BYTES = 34;

    private Q8_0Rows() {
    }

    static float dot(WeightMatrix w, int r, float[] x) {
        MemorySegment d = w.data();
        long base = r * w.rowBytes();
        float sum = 0f;
        for (int b = 0; b < w.cols() / BLOCK; b++) {
            long at = base + (long) b * BLOCK_BYTES;
            float step = Float.float16ToFloat(d.get(LittleEndian.SHORT, at));
            for (int j = 0; j < BLOCK; j++) {
                float value = d.get(LittleEndian.BYTE, at + 2 + j) * step;
                sum += value * x[b * BLOCK + j];
            }
        }
        return sum;
    }
}
