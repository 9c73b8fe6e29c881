package bitnet.workbench.kernel;

import bitnet.workbench.tensor.LittleEndian;

import java.lang.foreign.MemorySegment;

/**
 * TQ2_0 (llama.cpp) rows times int8 activations. Blocks of 256 weights in 66 bytes: 64 bytes of
 * 2-bit codes, then fp16 {@code d}. In each 32-byte chunk, byte m holds weights {@code m + 32n} at
 * bit {@code 2n}; weight = (code − 1) · d, as in ggml (a stray code 3 reads as +2).
 */
final class Tq2Rows {
    static final int BLOCK = 256;
    static final int BLOCK_BYTES = 66;

    private Tq2Rows() {
    }

    /** Σ (code−1)·q over one block starting at byte {@code at}. */
    static int blockDot(MemorySegment d, long at, byte[] q, int qOffset) {
        int sum = 0;
        for (int chunk = 0; chunk < 2; chunk++) {
            for (int m = 0; m < 32; m++) {
                int b = d.get(LittleEndian.BYTE, at + chunk * 32 + m) & 0xFF;
                for (int n = 0; n < 4; n++) {
                    sum += (((b >>> (2 * n)) & 3) - 1) * q[qOffset + chunk * 128 + n * 32 + m];
                }
            }
        }
        return sum;
    }

    static float blockScale(MemorySegment d, long at) {
        return Float.float16ToFloat(d.get(LittleEndian.SHORT, at + 64));
    }

    static float dot(WeightMatrix w, int r, QuantizedActivations x) {
        MemorySegment d = w.data();
        byte[] q = x.codes();
        long base = r * w.rowBytes();
        TernaryBlocks sum = new TernaryBlocks(x);
        for (int b = 0; b < w.cols() / BLOCK; b++) {
            long at = base + (long) b * BLOCK_BYTES;
            sum.add(b, blockDot(d, at, q, b * BLOCK), blockScale(d, at));
        }
        return sum.result();
    }
}
