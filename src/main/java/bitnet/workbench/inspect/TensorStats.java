package bitnet.workbench.inspect;

import bitnet.workbench.gguf.GgmlType;

import java.util.List;

/**
 * What the Inspect view and the {@code inspect} command show about one tensor.
 *
 * @param layer        block index for {@code blk.N.*} tensors, −1 otherwise
 * @param projection   which BitLinear this is, or null for embeddings, norms and others
 * @param counts       −1/0/+1 counts read from the codes (ternary types), else null
 * @param scale        the scales of a ternary tensor, else null
 * @param values       min/max/mean of the dequantized values (non-ternary types the tensor package reads), else null
 * @param histogram    binned dequantized values (non-ternary types), else null
 * @param absmean      the absmean ternarization of a float matrix (what a BitNet conversion would store), else null
 * @param sample       the first weights of row 0 as stored
 * @param note         why something is missing (e.g. a type the tensor package cannot decode), else empty
 */
public record TensorStats(String name, GgmlType type, long[] shape, long elements, long bytes, double bitsPerWeight,
                          int layer, Projection projection, TernaryCounts counts, ScaleSummary scale, ValueStats values,
                          Histogram histogram, AbsmeanPreview absmean, List<RawWeight> sample, String note) {

    public TensorStats {
        shape = shape.clone();
        sample = List.copyOf(sample);
        note = note == null ? "" : note;
    }

    @Override
    public long[] shape() { return shape.clone(); }

    public boolean isTernary() { return counts != null; }

    /** The ternary view of a float matrix: scale γ = mean|W|, codes clamp(round(W/γ), −1, 1). */
    public record AbsmeanPreview(double scale, TernaryCounts counts) {
    }

    public String shapeText() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < shape.length; i++) b.append(i == 0 ? "" : " × ").append(shape[i]);
        return b.toString();
    }
}
