package bitnet.workbench.model;

import bitnet.workbench.kernel.WeightMatrix;

/** One transformer block's tensors. The sub-norms are null for architectures without them (llama). */
public record LayerWeights(float[] attnNorm, WeightMatrix wq, WeightMatrix wk, WeightMatrix wv, float[] attnSubNorm,
                           WeightMatrix wo, float[] ffnNorm, WeightMatrix gate, WeightMatrix up, float[] ffnSubNorm,
                           WeightMatrix down) {
}
