package bitnet.workbench.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/** All trainable tensors of a model, named as in a {@code bitnet} GGUF. */
public final class ModelParameters {
    /** Standard deviation of the initial matrices (GPT-2 style). */
    public static final double INIT_STD = 0.02;

    /** The tensors of one transformer block. */
    public record Layer(Parameter attnNorm, Parameter wq, Parameter wk, Parameter wv, Parameter attnSubNorm,
                        Parameter wo, Parameter ffnNorm, Parameter gate, Parameter up, Parameter ffnSubNorm,
                        Parameter down) {
        public List<Parameter> all() {
            return List.of(attnNorm, wq, wk, wv, attnSubNorm, wo, ffnNorm, gate, up, ffnSubNorm, down);
        }
    }

    private final ModelConfig config;
    private final Parameter embedding;
    private final List<Layer> layers;
    private final Parameter outputNorm;
    private final List<Parameter> all;

    private ModelParameters(ModelConfig config) {
        this.config = config;
        int d = config.dim();
        embedding = new Parameter("token_embd.weight", config.vocabSize(), d, true);
        List<Layer> ls = new ArrayList<>();
        for (int l = 0; l < config.layers(); l++) {
            String p = "blk." + l + ".";
            ls.add(new Layer(
                norm(p + "attn_norm.weight", d),
                matrix(p + "attn_q.weight", d, d),
                matrix(p + "attn_k.weight", config.kvDim(), d),
                matrix(p + "attn_v.weight", config.kvDim(), d),
                norm(p + "attn_sub_norm.weight", d),
                matrix(p + "attn_output.weight", d, d),
                norm(p + "ffn_norm.weight", d),
                matrix(p + "ffn_gate.weight", config.ffnDim(), d),
                matrix(p + "ffn_up.weight", config.ffnDim(), d),
                norm(p + "ffn_sub_norm.weight", config.ffnDim()),
                matrix(p + "ffn_down.weight", d, config.ffnDim())));
        }
        layers = Collections.unmodifiableList(ls);
        outputNorm = norm("output_norm.weight", d);
        List<Parameter> a = new ArrayList<>();
        a.add(embedding);
        for (Layer l : layers) a.addAll(l.all());
        a.add(outputNorm);
        all = Collections.unmodifiableList(a);
    }

    /** Zero-filled tensors of the right shapes (to be filled from a checkpoint). */
    public static ModelParameters empty(ModelConfig config) {
        return new ModelParameters(config);
    }

    /**
     * Fresh weights: norms 1, matrices N(0, 0.02²), the two projections back into the residual
     * stream (attn_output, ffn_down) scaled down by sqrt(2·layers) so the stream does not grow with depth.
     */
    public static ModelParameters initialized(ModelConfig config, long seed) {
        ModelParameters p = new ModelParameters(config);
        SplittableRandom rng = new SplittableRandom(seed);
        double residualStd = INIT_STD / Math.sqrt(2.0 * config.layers());
        for (Parameter t : p.all) {
            if (t.isVector()) {
                java.util.Arrays.fill(t.values(), 1f);
            } else {
                boolean residual = t.name().endsWith("attn_output.weight") || t.name().endsWith("ffn_down.weight");
                double std = residual ? residualStd : INIT_STD;
                float[] v = t.values();
                for (int i = 0; i < v.length; i++) v[i] = (float) (rng.nextGaussian() * std);
            }
        }
        return p;
    }

    public ModelConfig config() {
        return config;
    }

    public Parameter embedding() {
        return embedding;
    }

    public List<Layer> layers() {
        return layers;
    }

    public Parameter outputNorm() {
        return outputNorm;
    }

    /** Every tensor, in GGUF order: embedding, blocks, output norm. */
    public List<Parameter> all() {
        return all;
    }

    public Parameter byName(String name) {
        for (Parameter p : all) if (p.name().equals(name)) return p;
        throw new IllegalArgumentException("no parameter named " + name);
    }

    public void zeroGradients() {
        for (Parameter p : all) p.zeroGradient();
    }

    private static Parameter norm(String name, int n) {
        return new Parameter(name, 1, n, false);
    }

    private static Parameter matrix(String name, int out, int in) {
        return new Parameter(name, out, in, true);
    }
}
