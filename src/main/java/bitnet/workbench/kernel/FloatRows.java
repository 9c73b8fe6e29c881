package bitnet.workbench.kernel;

import bitnet.workbench.tensor.LittleEndian;

import java.lang.foreign.MemorySegment;

/** F32, F16 and BF16 rows times float activations. */
final class FloatRows {
    private FloatRows() {
    }

    static float dot(WeightMatrix w, int r, float[] x) {
        MemorySegment d = w.data();
        int n = w.cols();
        long base = r * w.rowBytes();
        float sum = 0f;
        switch (w.type()) {
            case F32 -> {
                for (int j = 0; j < n; j++) sum += d.get(LittleEndian.FLOAT, base + 4L * j) * x[j];
            }
            case F16 -> {
                for (int j = 0; j < n; j++) sum += Float.float16ToFloat(d.get(LittleEndian.SHORT, base + 2L * j)) * x[j];
            }
            case BF16 -> {
                for (int j = 0; j < n; j++) sum += bf16ToFloat(d.get(LittleEndian.SHORT, base + 2L * j)) * x[j];
            }
            default -> throw new IllegalArgumentException(w.type() + " is not a float type");
        }
        return sum;
    }

    static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }
}
