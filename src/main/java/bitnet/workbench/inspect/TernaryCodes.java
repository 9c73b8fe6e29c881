package bitnet.workbench.inspect;

import bitnet.workbench.gguf.GgmlType;
import bitnet.workbench.gguf.GgufTensorInfo;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads ternary codes straight from the packed bytes of I2_S, TQ2_0 and TQ1_0 tensors (layouts in
 * FORMATS.md): counting −1/0/+1 this way needs one table lookup per byte instead of dequantizing
 * every weight to float, and the raw sample shows which bits of which byte hold a weight.
 */
public final class TernaryCodes {
    private static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);
    /** Counts packed per byte value as minus | zero << 8 | plus << 16 | other << 24. */
    private static final int[] I2S = new int[256];
    private static final int[] TQ2 = new int[256];
    private static final int[] TQ1_FIVE = new int[256];
    private static final int[] TQ1_FOUR = new int[256];
    private static final int[] POW3 = {1, 3, 9, 27, 81, 243};
    private static final int CHUNK_BLOCKS = 1024;

    static {
        for (int b = 0; b < 256; b++) {
            for (int k = 0; k < 4; k++) {
                int code = (b >>> (2 * k)) & 3;
                I2S[b] += 1 << (8 * (code == 0 ? 0 : code == 2 ? 2 : 1)); // 3 decodes as 0
                TQ2[b] += 1 << (8 * (code == 0 ? 0 : code == 1 ? 1 : code == 2 ? 2 : 3));
            }
            for (int n = 0; n < 5; n++) {
                int t = trit((byte) b, n);
                TQ1_FIVE[b] += 1 << (8 * t);
                if (n < 4) TQ1_FOUR[b] += 1 << (8 * t);
            }
        }
    }

    private TernaryCodes() {
    }

    /** Trit {@code n} (0 = most significant) of a TQ1_0 byte: {@code ((uint8)(b·3^n)·3) >> 8}, 0..2. */
    static int trit(byte packed, int n) {
        int q = (packed * POW3[n]) & 0xFF;
        return (q * 3) >>> 8;
    }

    /** The tensor scale of an I2_S tensor: the float32 right after its n/4 bytes of codes. */
    public static float i2sScale(MemorySegment data, long elements) {
        return data.get(FLOAT_LE, elements / 4);
    }

    /** Counts and scales of a ternary tensor; {@code data} is its whole data as {@code GgufFile.tensorData} gives it. */
    public static Result count(GgufTensorInfo t, MemorySegment data) {
        return switch (t.type()) {
            case I2_S -> countI2s(data, t.elementCount());
            case TQ2_0 -> countBlocks(data, t.elementCount() / 256, 66, 64, new int[][] {TQ2}, new int[] {64});
            case TQ1_0 -> countBlocks(data, t.elementCount() / 256, 54, 52, new int[][] {TQ1_FIVE, TQ1_FOUR}, new int[] {48, 4});
            default -> throw new IllegalArgumentException(t.name() + ": " + t.type() + " is not a ternary type");
        };
    }

    /** Counts of −1/0/+1 and the scales they are multiplied by. */
    public record Result(TernaryCounts counts, ScaleSummary scale) {
    }

    private static Result countI2s(MemorySegment data, long elements) {
        long packed = elements / 4;
        long[] acc = new long[4];
        byte[] buf = new byte[32 * CHUNK_BLOCKS];
        for (long at = 0; at < packed; at += buf.length) {
            int len = (int) Math.min(buf.length, packed - at);
            MemorySegment.copy(data, ValueLayout.JAVA_BYTE, at, buf, 0, len);
            add(acc, I2S, buf, 0, len);
            checkInterrupted();
        }
        return new Result(counts(acc), ScaleSummary.perTensor(i2sScale(data, elements)));
    }

    /** Blocks of {@code blockBytes}: code regions of the given lengths (each with its table), then fp16 d at {@code dAt}. */
    private static Result countBlocks(MemorySegment data, long blocks, int blockBytes, int dAt, int[][] tables, int[] lengths) {
        long[] acc = new long[4];
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        byte[] buf = new byte[blockBytes * CHUNK_BLOCKS];
        for (long b0 = 0; b0 < blocks; b0 += CHUNK_BLOCKS) {
            int n = (int) Math.min(CHUNK_BLOCKS, blocks - b0);
            MemorySegment.copy(data, ValueLayout.JAVA_BYTE, b0 * blockBytes, buf, 0, n * blockBytes);
            for (int b = 0; b < n; b++) {
                int at = b * blockBytes;
                for (int r = 0; r < tables.length; r++) {
                    add(acc, tables[r], buf, at, lengths[r]);
                    at += lengths[r];
                }
                int o = b * blockBytes + dAt;
                float d = Float.float16ToFloat((short) ((buf[o] & 0xFF) | (buf[o + 1] << 8)));
                sum += d;
                min = Math.min(min, d);
                max = Math.max(max, d);
            }
            checkInterrupted();
        }
        ScaleSummary scale = blocks == 0 ? new ScaleSummary(ScaleSummary.Kind.PER_BLOCK, 0, 0, 0, 0)
            : new ScaleSummary(ScaleSummary.Kind.PER_BLOCK, blocks, sum / blocks, min, max);
        return new Result(counts(acc), scale);
    }

    private static void add(long[] acc, int[] table, byte[] buf, int from, int len) {
        // Two counts share an int, 16 bits each; at most 5 per byte, so flush every 8192 bytes.
        for (int start = from; start < from + len; start += 8192) {
            int end = Math.min(from + len, start + 8192);
            int minusPlus = 0;
            int zeroOther = 0;
            for (int i = start; i < end; i++) {
                int v = table[buf[i] & 0xFF];
                minusPlus += v & 0x00FF00FF;
                zeroOther += (v >>> 8) & 0x00FF00FF;
            }
            acc[0] += minusPlus & 0xFFFF;
            acc[2] += minusPlus >>> 16;
            acc[1] += zeroOther & 0xFFFF;
            acc[3] += zeroOther >>> 16;
        }
    }

    private static TernaryCounts counts(long[] acc) {
        return new TernaryCounts(acc[0], acc[1], acc[2], acc[3]);
    }

    private static void checkInterrupted() {
        if (Thread.currentThread().isInterrupted()) throw new java.util.concurrent.CancellationException("statistics cancelled");
    }

    /** The first {@code count} weights of row 0 (fewer if the row is shorter), with the byte and bits each comes from. */
    public static List<RawWeight> sample(GgufTensorInfo t, MemorySegment data, int count) {
        int n = (int) Math.min(count, t.rowLength());
        List<RawWeight> out = new ArrayList<>(n);
        for (int j = 0; j < n; j++) out.add(weight(t, data, j));
        return out;
    }

    private static RawWeight weight(GgufTensorInfo t, MemorySegment data, int j) {
        switch (t.type()) {
            case I2_S -> {
                float scale = i2sScale(data, t.elementCount());
                int block = j / 128;
                int within = j % 128;
                long at = block * 32L + within % 32;
                int shift = 6 - 2 * (within / 32);
                int b = data.get(ValueLayout.JAVA_BYTE, at) & 0xFF;
                int code = (b >>> shift) & 3;
                int w = code == 0 ? -1 : code == 2 ? 1 : 0;
                return new RawWeight(j, at, b, bits(code), "bits " + (shift + 1) + "-" + shift, w, w * scale);
            }
            case TQ2_0 -> {
                int block = j / 256;
                int i = j % 256;
                long base = block * 66L;
                long at = base + 32L * (i / 128) + i % 32;
                int shift = 2 * ((i % 128) / 32);
                int b = data.get(ValueLayout.JAVA_BYTE, at) & 0xFF;
                int code = (b >>> shift) & 3;
                float d = Float.float16ToFloat(data.get(SHORT_LE, base + 64));
                return new RawWeight(j, at, b, bits(code), "bits " + (shift + 1) + "-" + shift, code - 1, (code - 1) * d);
            }
            case TQ1_0 -> {
                int block = j / 256;
                int i = j % 256;
                long base = block * 54L;
                long at;
                int n;
                int of;
                if (i < 160) {
                    at = base + i % 32;
                    n = i / 32;
                    of = 5;
                } else if (i < 240) {
                    at = base + 32 + (i - 160) % 16;
                    n = (i - 160) / 16;
                    of = 5;
                } else {
                    at = base + 48 + (i - 240) % 4;
                    n = (i - 240) / 4;
                    of = 4;
                }
                byte raw = data.get(ValueLayout.JAVA_BYTE, at);
                int trit = trit(raw, n);
                float d = Float.float16ToFloat(data.get(SHORT_LE, base + 52));
                return new RawWeight(j, at, raw & 0xFF, Integer.toString(trit), "trit " + (n + 1) + " of " + of, trit - 1, (trit - 1) * d);
            }
            default -> throw new IllegalArgumentException(t.name() + ": " + t.type() + " is not a ternary type");
        }
    }

    private static String bits(int code) {
        return "" + ((code >>> 1) & 1) + (code & 1);
    }

    /** Whether this type is one whose codes this class reads. */
    public static boolean reads(GgmlType type) {
        return type == GgmlType.I2_S || type == GgmlType.TQ2_0 || type == GgmlType.TQ1_0;
    }
}
