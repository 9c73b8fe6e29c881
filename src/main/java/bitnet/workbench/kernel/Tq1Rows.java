package bitnet.workbench.kernel;

import bitnet.workbench.tensor.LittleEndian;

import java.lang.foreign.MemorySegment;

/**
 * TQ1_0 (llama.cpp) rows times int8 activations. Blocks of 256 weights in 54 bytes: {@code qs[48]}
 * with 5 trits per byte, {@code qh[4]} with 4, then fp16 {@code d}. Byte m of qs[0..32) holds weights
 * {@code m + 32n}; byte m of qs[32..48) holds {@code 160 + m + 16n}; qh[j] holds {@code 240 + j + 4n}.
 * Trit n of byte v is {@code ((uint8)(v·3^n) · 3) >> 8}; weight = (trit − 1) · d.
 */
final class Tq1Rows {
    static final int BLOCK = 256;
    static final int BLOCK_BYTES = 54;
    private static final int[] POW3 = {1, 3, 9, 27, 81, 243};

    private Tq1Rows() {
    }

    static int trit(int byteValue, int n) {
        int shifted = (byteValue * POW3[n]) & 0xFF;
        return (shifted * 3) >>> 8;
    }

    /** Σ (trit−1)·q over one block starting at byte {@code at}. */
    static int blockDot(MemorySegment d, long at, byte[] q, int qOffset) {
        int sum = 0;
        for (int m = 0; m < 32; m++) {
            int v = d.get(LittleEndian.BYTE, at + m) & 0xFF;
            for (int n = 0; n < 5; n++) sum += (trit(v, n) - 1) * q[qOffset + n * 32 + m];
        }
        for (int m = 0; m < 16; m++) {
            int v = d.get(LittleEndian.BYTE, at + 32 + m) & 0xFF;
            for (int n = 0; n < 5; n++) sum += (trit(v, n) - 1) * q[qOffset + 160 + n * 16 + m];
        }
        for (int j = 0; j < 4; j++) {
            int v = d.get(LittleEndian.BYTE, at + 48 + j) & 0xFF;
            for (int n = 0; n < 4; n++) sum += (trit(v, n) - 1) * q[qOffset + 240 + n * 4 + j];
        }
        return sum;
    }

    static float blockScale(MemorySegment d, long at) {
        return Float.float16ToFloat(d.get(LittleEndian.SHORT, at + 52));
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
