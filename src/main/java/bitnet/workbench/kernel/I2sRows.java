package bitnet.workbench.kernel;

import bitnet.workbench.tensor.LittleEndian;

import java.lang.foreign.MemorySegment;

/**
 * I2_S (bitnet.cpp) rows times int8 activations. Blocks of 128 weights in 32 bytes; weight j of a
 * block sits in byte {@code j % 32} at bit shift {@code 6 - 2*(j/32)}; codes 0/1/2 are -1/0/+1 and
 * code 3 (never written by the quantizer) reads as 0, as in bitnet.cpp's dequantizer. One float
 * scale for the whole tensor.
 */
final class I2sRows {
    static final int BLOCK = 128;
    static final int BLOCK_BYTES = 32;

    private I2sRows() {
    }

    /** The ternary weight (-1, 0, +1) stored as 2-bit {@code code}. */
    static int weight(int code) {
        return code == 3 ? 0 : code - 1;
    }

    /** Σ weight·q over one 128-weight block starting at byte {@code at}, activations from {@code q[qOffset]}. */
    static int blockDot(MemorySegment d, long at, byte[] q, int qOffset) {
        int sum = 0;
        for (int m = 0; m < BLOCK_BYTES; m++) {
            int b = d.get(LittleEndian.BYTE, at + m) & 0xFF;
            for (int g = 0; g < 4; g++) {
                sum += weight((b >>> (6 - 2 * g)) & 3) * q[qOffset + g * 32 + m];
            }
        }
        return sum;
    }

    static float dot(WeightMatrix w, int r, QuantizedActivations x) {
        MemorySegment d = w.data();
        byte[] q = x.codes();
        long base = r * w.rowBytes();
        int blocks = w.cols() / BLOCK;
        return switch (x.rule()) {
            case PER_TOKEN -> {
                // bitnet.cpp: ((Σ code·q) − Σ q) / s · scale; Σ code·q − Σ q equals Σ weight·q exactly.
                int sum = 0;
                for (int b = 0; b < blocks; b++) sum += blockDot(d, base + (long) b * BLOCK_BYTES, q, b * BLOCK);
                yield (float) sum / x.tokenScale() * w.tensorScale();
            }
            case Q8K_BLOCKS -> {
                int perActBlock = ActivationQuantization.Q8K_BLOCK / BLOCK;
                float sum = 0f;
                for (int a = 0; a < blocks / perActBlock; a++) {
                    int isum = 0;
                    for (int k = 0; k < perActBlock; k++) {
                        int b = a * perActBlock + k;
                        isum += blockDot(d, base + (long) b * BLOCK_BYTES, q, b * BLOCK);
                    }
                    sum += (float) isum * (x.blockStep(a) * w.tensorScale());
                }
                yield sum;
            }
        };
    }
}
