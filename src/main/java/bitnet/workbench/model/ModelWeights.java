package bitnet.workbench.model;

import bitnet.workbench.kernel.WeightMatrix;

import java.util.List;

/**
 * Every tensor of a model. Matrices are views of the mapped file; only the small norm vectors are
 * copied to the heap. {@code output} is {@code output.weight}, or {@code token_embd} when the
 * embedding is tied.
 */
public record ModelWeights(WeightMatrix tokenEmbedding, List<LayerWeights> layers, float[] outputNorm, WeightMatrix output) {
    public ModelWeights {
        layers = List.copyOf(layers);
    }

    /** Whether {@code output} is the embedding tensor itself, possibly with a repacked form attached. */
    public boolean tiedEmbedding() {
        return output.name().equals(tokenEmbedding.name()) && output.data().equals(tokenEmbedding.data());
    }
}
