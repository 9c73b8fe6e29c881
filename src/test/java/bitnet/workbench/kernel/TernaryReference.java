package bitnet.workbench.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Straightforward decoders written from FORMATS.md, independent of the kernels: each returns the
 * whole matrix as ternary integers plus the scale that multiplies each element.
 */
final class TernaryReference {
    private TernaryReference() {
    }

    record Decoded(int[][] weights, float[][] scales) {
        float value(int r, int c) { return weights[r][c] * scales[r][c]; }
    }

    static Decoded decode(WeightMatrix w) {
        byte[] bytes = w.data().toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int rows = w.rows(), cols = w.cols();
        int[][] wt = new int[rows][cols];
        float[][] sc = new float[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                switch (w.type()) {
                    case I2_S -> {
                        long n = (long) r * cols + c;           // I2_S packs the whole tensor as one stream
                        long block = n / 128;
                        int j = (int) (n % 128);
                        int b = bytes[(int) (block * 32 + j % 32)] & 0xFF;
                        int code = (b >> (6 - 2 * (j / 32))) & 3;
                        wt[r][c] = code == 3 ? 0 : code - 1;
                        sc[r][c] = bb.getFloat(rows * cols / 4);
                    }
                    case TQ2_0 -> {
                        int blockAt = r * (cols / 256) * 66 + (c / 256) * 66;
                        int j = c % 256;
                        int chunk = j / 128, n = (j % 128) / 32, m = j % 32;
                        int b = bytes[blockAt + chunk * 32 + m] & 0xFF;
                        wt[r][c] = ((b >> (2 * n)) & 3) - 1;
                        sc[r][c] = Float.float16ToFloat(bb.getShort(blockAt + 64));
                    }
                    case TQ1_0 -> {
                        int blockAt = r * (cols / 256) * 54 + (c / 256) * 54;
                        int j = c % 256;
                        int byteIndex, n;
                        if (j < 160) { byteIndex = j % 32; n = j / 32; }
                        else if (j < 240) { byteIndex = 32 + (j - 160) % 16; n = (j - 160) / 16; }
                        else { byteIndex = 48 + (j - 240) % 4; n = (j - 240) / 4; }
                        int v = bytes[blockAt + byteIndex] & 0xFF;
                        int pow = (int) Math.pow(3, n);
                        int trit = (((v * pow) & 0xFF) * 3) >> 8;
                        wt[r][c] = trit - 1;
                        sc[r][c] = Float.float16ToFloat(bb.getShort(blockAt + 52));
                    }
                    default -> throw new IllegalArgumentException(w.type().toString());
                }
            }
        }
        return new Decoded(wt, sc);
    }

    /** Dequantized value of a float-family or Q8_0 matrix element. */
    static float floatValue(WeightMatrix w, int r, int c) {
        byte[] bytes = w.data().toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        return switch (w.type()) {
            case F32 -> bb.getFloat(4 * (r * w.cols() + c));
            case F16 -> Float.float16ToFloat(bb.getShort(2 * (r * w.cols() + c)));
            case BF16 -> Float.intBitsToFloat((bb.getShort(2 * (r * w.cols() + c)) & 0xFFFF) << 16);
            case Q8_0 -> {
                int blockAt = (r * (w.cols() / 32) + c / 32) * 34;
                yield bytes[blockAt + 2 + c % 32] * Float.float16ToFloat(bb.getShort(blockAt));
            }
            case Q6_K -> {
                float[] block = new float[256];
                long blockAt = (long) (r * (w.cols() / 256) + c / 256) * 210;
                bitnet.workbench.tensor.TensorFormats.of(w.type()).dequantize(w.data().asSlice(blockAt, 210), 0, 256, block, 0);
                yield block[c % 256];
            }
            default -> throw new IllegalArgumentException(w.type().toString());
        };
    }
}
