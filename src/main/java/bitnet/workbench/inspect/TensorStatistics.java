package bitnet.workbench.inspect;

import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.gguf.GgufTensorInfo;
import bitnet.workbench.tensor.TensorFormat;
import bitnet.workbench.tensor.TensorFormats;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Computes {@link TensorStats} for one tensor. Ternary tensors are counted from their codes;
 * everything else the tensor package can decode is dequantized in chunks, twice (range, then
 * histogram), so memory stays bounded for tensors of any size. Runs on the caller's thread; an
 * interrupt cancels it between chunks with a {@link CancellationException}.
 */
public final class TensorStatistics {
    /** Histogram bins for float values. */
    public static final int BINS = 64;
    /** Weights of row 0 shown as stored. */
    public static final int SAMPLE = 16;
    private static final int CHUNK = 1 << 16;

    private TensorStatistics() {
    }

    public static TensorStats compute(GgufFile file, GgufTensorInfo t) {
        MemorySegment data = file.tensorData(t);
        var where = Projection.locate(t.name());
        int layer = where.map(Projection.Located::layer).orElse(layerOf(t.name()));
        Projection projection = where.map(Projection.Located::projection).orElse(null);
        if (TernaryCodes.reads(t.type())) {
            TernaryCodes.Result r = TernaryCodes.count(t, data);
            return new TensorStats(t.name(), t.type(), t.shape(), t.elementCount(), t.byteSize(), t.bitsPerWeight(),
                layer, projection, r.counts(), r.scale(), null, null, null, TernaryCodes.sample(t, data, SAMPLE), "");
        }
        if (!TensorFormats.isSupported(t.type()) || t.elementCount() == 0) {
            String note = t.elementCount() == 0 ? "empty tensor" : "values of type " + t.type() + " are not decoded by this version";
            return new TensorStats(t.name(), t.type(), t.shape(), t.elementCount(), t.byteSize(), t.bitsPerWeight(),
                layer, projection, null, null, null, null, null, List.of(), note);
        }
        return floatStats(t, data, layer, projection);
    }

    private static TensorStats floatStats(GgufTensorInfo t, MemorySegment data, int layer, Projection projection) {
        TensorFormat f = TensorFormats.of(t.type());
        long n = t.elementCount();
        int chunk = Math.max(f.blockSize(), CHUNK / f.blockSize() * f.blockSize());
        float[] buf = new float[chunk];

        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        double sumSq = 0;
        double sumAbs = 0;
        long nonFinite = 0;
        for (long at = 0; at < n; at += chunk) {
            int len = (int) Math.min(chunk, n - at);
            f.dequantize(data, at, len, buf, 0);
            for (int i = 0; i < len; i++) {
                double v = buf[i];
                if (!Double.isFinite(v)) {
                    nonFinite++;
                    continue;
                }
                if (v < min) min = v;
                if (v > max) max = v;
                sum += v;
                sumSq += v * v;
                sumAbs += Math.abs(v);
            }
            checkInterrupted();
        }
        long finite = n - nonFinite;
        if (finite == 0) {
            min = 0;
            max = 0;
        }
        double mean = finite == 0 ? 0 : sum / finite;
        double std = finite == 0 ? 0 : Math.sqrt(Math.max(0, sumSq / finite - mean * mean));
        double meanAbs = finite == 0 ? 0 : sumAbs / finite;

        boolean matrix = t.nDims() >= 2 && t.rowCount() > 1;
        float gamma = (float) meanAbs;
        long[] bins = new long[BINS];
        long[] ternary = new long[3];
        for (long at = 0; at < n; at += chunk) {
            int len = (int) Math.min(chunk, n - at);
            f.dequantize(data, at, len, buf, 0);
            for (int i = 0; i < len; i++) {
                float v = buf[i];
                if (!Float.isFinite(v)) continue;
                bins[Histogram.bin(v, min, max, BINS)]++;
                if (matrix) ternary[absmeanCode(v, gamma) + 1]++;
            }
            checkInterrupted();
        }
        var preview = matrix ? new TensorStats.AbsmeanPreview(gamma, new TernaryCounts(ternary[0], ternary[1], ternary[2], 0)) : null;
        String note = nonFinite == 0 ? "" : nonFinite + " values are NaN or infinite and were left out";
        return new TensorStats(t.name(), t.type(), t.shape(), n, t.byteSize(), t.bitsPerWeight(), layer, projection, null, null,
            new ValueStats(finite, min, max, mean, std, meanAbs), new Histogram(min, max, bins), preview,
            floatSample(t, data, f), note);
    }

    /** The BitNet b1.58 absmean code: clamp(round(w / γ), −1, 1), halves to even; 0 when γ is 0. */
    public static int absmeanCode(float w, float gamma) {
        if (gamma == 0) return 0;
        double q = Math.rint(w / gamma);
        return q > 0 ? 1 : q < 0 ? -1 : 0;
    }

    private static List<RawWeight> floatSample(GgufTensorInfo t, MemorySegment data, TensorFormat f) {
        int n = (int) Math.min(SAMPLE, t.rowLength());
        int len = (int) Math.min(t.elementCount(), Math.max(f.blockSize(), (n + f.blockSize() - 1) / f.blockSize() * f.blockSize()));
        float[] values = new float[len];
        f.dequantize(data, 0, len, values, 0);
        int width = switch (t.type()) {
            case F32 -> 4;
            case F16, BF16 -> 2;
            default -> 0;
        };
        List<RawWeight> out = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            String hex = "";
            long at = -1;
            if (width > 0) {
                at = (long) j * width;
                hex = width == 4 ? HexFormat.of().toHexDigits(data.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), at))
                    : HexFormat.of().toHexDigits(data.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), at));
            }
            out.add(new RawWeight(j, at, -1, hex, "", 0, values[j]));
        }
        return out;
    }

    private static int layerOf(String name) {
        if (!name.startsWith("blk.")) return -1;
        int dot = name.indexOf('.', 4);
        try {
            return dot < 0 ? -1 : Integer.parseInt(name.substring(4, dot));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void checkInterrupted() {
        if (Thread.currentThread().isInterrupted()) throw new CancellationException("statistics cancelled");
    }
}
