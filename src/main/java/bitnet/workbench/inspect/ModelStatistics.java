package bitnet.workbench.inspect;

import java.util.List;
import java.util.Optional;

/** Statistics of every tensor of one model file, in file order. */
public record ModelStatistics(String fileName, CacheKey key, List<TensorStats> tensors) {

    public ModelStatistics {
        tensors = List.copyOf(tensors);
    }

    /** Number of blocks: one more than the highest layer index of any tensor. */
    public int layerCount() {
        return tensors.stream().mapToInt(TensorStats::layer).max().orElse(-1) + 1;
    }

    public Optional<TensorStats> tensor(String name) {
        return tensors.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public Optional<TensorStats> projection(int layer, Projection p) {
        return tensor(p.tensorName(layer));
    }

    /** The projections that are present, in {@link Projection} order. */
    public List<Projection> projections() {
        return java.util.Arrays.stream(Projection.values())
            .filter(p -> tensors.stream().anyMatch(t -> t.projection() == p)).toList();
    }

    /** Whether any projection is stored ternary (else the model is a float model, where a ternarize preview applies). */
    public boolean hasTernaryProjections() {
        return tensors.stream().anyMatch(t -> t.projection() != null && t.isTernary());
    }

    /** −1/0/+1 counts summed over all ternary tensors. */
    public TernaryCounts ternaryTotals() {
        TernaryCounts sum = new TernaryCounts(0, 0, 0, 0);
        for (TensorStats t : tensors) if (t.counts() != null) sum = sum.plus(t.counts());
        return sum;
    }
}
