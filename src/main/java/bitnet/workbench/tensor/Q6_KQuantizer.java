package bitnet.workbench.tensor;

import bitnet.workbench.gguf.GgmlType;

/**
 * ggml's {@code quantize_row_q6_K_ref} (what llama-quantize uses for Q6_K without an importance
 * matrix), with the same float operation order: per 16 values a least-squares scale from
 * {@code make_qx_quants(16, 32, x, L, rmse_type = 1)}, the sixteen scales quantized to int8 against
 * d = −max_scale/128, then every value re-rounded against its final d·scale.
 */
final class Q6_KQuantizer extends RowQuantizer {
    private static final float GROUP_MAX_EPS = 1e-15f;

    @Override
    public GgmlType type() { return GgmlType.Q6_K; }

    @Override
    boolean requiresFiniteValues() { return true; }

    @Override
    void quantizeRow(float[] src, int offset, int rowLength, byte[] out) {
        int[] levels = new int[256];
        float[] scales = new float[16];
        for (int b = 0; b < rowLength / 256; b++) {
            quantizeBlock(src, offset + 256 * b, levels, scales, out, 210 * b);
        }
    }

    private void quantizeBlock(float[] x, int off, int[] levels, float[] scales, byte[] out, int o) {
        float maxScale = 0;
        float maxAbsScale = 0;
        for (int ib = 0; ib < 16; ib++) {
            float scale = makeQxQuants(x, off + 16 * ib, levels, 16 * ib);
            scales[ib] = scale;
            float abs = Math.abs(scale);
            if (abs > maxAbsScale) {
                maxAbsScale = abs;
                maxScale = scale;
            }
        }
        if (maxAbsScale < GROUP_MAX_EPS) {
            java.util.Arrays.fill(out, o, o + 210, (byte) 0);
            return;
        }
        float iscale = -128.0f / maxScale;
        short dBits = fp16Scale(1 / iscale);
        putShort(out, o + Q6_KFormat.D, dBits);
        float dStored = Float.float16ToFloat(dBits);
        for (int ib = 0; ib < 16; ib++) {
            out[o + Q6_KFormat.SCALES + ib] = (byte) Math.min(127, Rounding.nearestInt(iscale * scales[ib]));
        }
        for (int j = 0; j < 16; j++) {
            float d = dStored * out[o + Q6_KFormat.SCALES + j];
            if (d == 0) continue;
            for (int ii = 0; ii < 16; ii++) {
                int l = Rounding.nearestInt(x[off + 16 * j + ii] / d);
                levels[16 * j + ii] = Math.max(-32, Math.min(31, l)) + 32;
            }
        }
        for (int half = 0; half < 2; half++) {
            int ql = o + Q6_KFormat.QL + 64 * half;
            int qh = o + Q6_KFormat.QH + 32 * half;
            int j = 128 * half;
            for (int l = 0; l < 32; l++) {
                int l1 = levels[j + l], l2 = levels[j + l + 32], l3 = levels[j + l + 64], l4 = levels[j + l + 96];
                out[ql + l] = (byte) ((l1 & 0xF) | ((l3 & 0xF) << 4));
                out[ql + l + 32] = (byte) ((l2 & 0xF) | ((l4 & 0xF) << 4));
                out[qh + l] = (byte) ((l1 >> 4) | ((l2 >> 4) << 2) | ((l3 >> 4) << 4) | ((l4 >> 4) << 6));
            }
        }
    }

    /**
     * ggml's {@code make_qx_quants} for n = 16, nmax = 32, rmse_type = 1 (weights x²): writes levels
     * 0..63 into {@code levels[lo..lo+16)} and returns the sub-block scale.
     */
    private static float makeQxQuants(float[] x, int off, int[] levels, int lo) {
        final int n = 16;
        final int nmax = 32;
        float max = 0;
        float amax = 0;
        for (int i = 0; i < n; i++) {
            float ax = Math.abs(x[off + i]);
            if (ax > amax) {
                amax = ax;
                max = x[off + i];
            }
        }
        if (amax < GROUP_MAX_EPS) {
            for (int i = 0; i < n; i++) levels[lo + i] = 0;
            return 0.0f;
        }
        float iscale = -nmax / max;
        float sumlx = 0;
        float suml2 = 0;
        for (int i = 0; i < n; i++) {
            float xi = x[off + i];
            int l = clampLevel(Rounding.nearestInt(iscale * xi), nmax);
            levels[lo + i] = l + nmax;
            float w = xi * xi;
            sumlx += w * xi * l;
            suml2 += w * l * l;
        }
        float scale = suml2 != 0 ? sumlx / suml2 : 0.0f;
        float best = scale * sumlx;
        for (int is = -9; is <= 9; is++) {
            if (is == 0) continue;
            iscale = -(nmax + 0.1f * is) / max;
            sumlx = 0;
            suml2 = 0;
            for (int i = 0; i < n; i++) {
                float xi = x[off + i];
                int l = clampLevel(Rounding.nearestInt(iscale * xi), nmax);
                float w = xi * xi;
                sumlx += w * xi * l;
                suml2 += w * l * l;
            }
            if (suml2 > 0 && sumlx * sumlx > best * suml2) {
                for (int i = 0; i < n; i++) {
                    levels[lo + i] = nmax + clampLevel(Rounding.nearestInt(iscale * x[off + i]), nmax);
                }
                scale = sumlx / suml2;
                best = scale * sumlx;
            }
        }
        return scale;
    }

    private static int clampLevel(int l, int nmax) {
        return Math.max(-nmax, Math.min(nmax - 1, l));
    }
}
