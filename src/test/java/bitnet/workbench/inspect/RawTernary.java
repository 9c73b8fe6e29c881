package bitnet.workbench.inspect;

import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.gguf.GgufTensorInfo;
import bitnet.workbench.tensor.TensorFormats;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The test's own reading of ternary tensors, independent of {@link TernaryCodes}: the sign of each
 * value the tensor package dequantizes, and for I2_S and TQ2_0 the codes picked out bit by bit
 * following FORMATS.md.
 */
final class RawTernary {
    private RawTernary() {
    }

    /** {−1, 0, +1} counts from the signs of the dequantized values. */
    static long[] countsFromValues(GgufFile f, GgufTensorInfo t) {
        int n = (int) t.elementCount();
        float[] v = new float[n];
        TensorFormats.of(t.type()).dequantize(f.tensorData(t), 0, n, v, 0);
        long[] c = new long[3];
        for (float x : v) c[(int) Math.signum(x) + 1]++;
        return c;
    }

    /** The weight (−1, 0, +1) at element {@code j}, from the packed bits as FORMATS.md describes them. */
    static int weightFromBits(GgufFile f, GgufTensorInfo t, long j) {
        MemorySegment d = f.tensorData(t);
        return switch (t.type()) {
            case I2_S -> {
                long block = j / 128;
                int within = (int) (j % 128);
                int b = d.get(ValueLayout.JAVA_BYTE, block * 32 + within % 32) & 0xFF;
                int code = (b >> (6 - 2 * (within / 32))) & 3;
                yield code == 0 ? -1 : code == 2 ? 1 : 0;
            }
            case TQ2_0 -> {
                long block = j / 256;
                int i = (int) (j % 256);
                int b = d.get(ValueLayout.JAVA_BYTE, block * 66 + (i / 128) * 32 + i % 32) & 0xFF;
                yield ((b >> (2 * ((i % 128) / 32))) & 3) - 1;
            }
            default -> throw new IllegalArgumentException(t.type().toString());
        };
    }

    static long[] countsFromBits(GgufFile f, GgufTensorInfo t) {
        long[] c = new long[3];
        for (long j = 0; j < t.elementCount(); j++) c[weightFromBits(f, t, j) + 1]++;
        return c;
    }
}
