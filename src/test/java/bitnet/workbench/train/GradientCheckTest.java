package bitnet.workbench.train;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written backward pass against central finite differences of the loss, on a model small
 * enough that every tensor can be probed (two layers, GQA 2:1, sequences shorter than the context).
 */
class GradientCheckTest {
    private static final ModelConfig TINY_RELU2 =
        new ModelConfig(13, 8, 2, 2, 1, 12, 8, 10000f, 1e-5f, FfnActivation.RELU2);
    private static WorkerPool pool;

    @BeforeAll
    static void start() {
        pool = new WorkerPool(2);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    @ParameterizedTest
    @EnumSource(FfnActivation.class)
    void floatGradientsOfEveryTensorMatchFiniteDifferences(FfnActivation activation) {
        ModelConfig c = withActivation(activation);
        ModelParameters params = largeInit(c, 7);
        TrainableModel model = new TrainableModel(params, Quantization.NONE, pool);
        TokenBatch batch = randomBatch(c, 2, 6, 3);
        assertGradientsMatchFiniteDifferences(model, params, batch);
    }

    @Test
    void floatGradientsMatchFiniteDifferencesOnSequencesSpanningSeveralAttentionBlocks() {
        ModelConfig c = new ModelConfig(13, 8, 1, 2, 1, 12, 80, 10000f, 1e-5f, FfnActivation.RELU2);
        ModelParameters params = largeInit(c, 17);
        TrainableModel model = new TrainableModel(params, Quantization.NONE, pool);
        assertGradientsMatchFiniteDifferences(model, params, randomBatch(c, 2, 75, 13));
    }

    @Test
    void weightStraightThroughGradientEqualsTheFloatGradientAtTheTernaryWeights() {
        ModelParameters latent = largeInit(TINY_RELU2, 11);
        TokenBatch batch = randomBatch(TINY_RELU2, 2, 7, 5);
        TrainableModel ste = new TrainableModel(latent, Quantization.WEIGHTS, pool);
        latent.zeroGradients();
        double steLoss = ste.lossAndGradient(batch);

        ModelParameters ternary = largeInit(TINY_RELU2, 11);
        for (Parameter p : ternary.all()) {
            if (!p.isVector() && p != ternary.embedding()) BitQuant.ternarize(p.values().clone(), p.values());
        }
        TrainableModel reference = new TrainableModel(ternary, Quantization.NONE, pool);
        ternary.zeroGradients();
        double floatLoss = reference.lossAndGradient(batch);

        assertThat(steLoss).isEqualTo(floatLoss);
        for (Parameter p : latent.all()) {
            assertThat(p.gradient()).as(p.name()).containsExactly(ternary.byName(p.name()).gradient());
        }
        // and the quantization really changed something, so the comparison is not vacuous
        assertThat(ternary.byName("blk.0.attn_q.weight").values())
            .isNotEqualTo(latent.byName("blk.0.attn_q.weight").values());
    }

    @Test
    void fullStraightThroughGradientIsTheDerivativeWithQuantizationOffsetsHeldFixed() {
        // STE = gradient of x + stopgrad(Q(x) − x): freeze every quantizer's offset at the current point
        // and the loss becomes a smooth function whose finite differences the backward pass must match.
        ModelParameters params = largeInit(TINY_RELU2, 21);
        TrainableModel model = new TrainableModel(params, Quantization.FULL, pool);
        TokenBatch batch = randomBatch(TINY_RELU2, 2, 6, 9);
        ReplayQuantizer replay = new ReplayQuantizer();
        model.setQuantizer(replay);
        double quantizedLoss = model.loss(batch);
        replay.recording = false;
        assertThat(replay.weightOffsets).hasSize(7 * TINY_RELU2.layers());
        assertThat(replay.activationOffsets).hasSize(4 * TINY_RELU2.layers());
        assertThat(replay.largestActivationOffset).isGreaterThan(1e-4f);
        assertThat(model.loss(batch)).isCloseTo(quantizedLoss, org.assertj.core.api.Assertions.within(1e-5));
        assertGradientsMatchFiniteDifferences(model, params, batch);
    }

    @Test
    void quantizedLossDiffersFromTheFloatLoss() {
        ModelParameters params = largeInit(TINY_RELU2, 4);
        TokenBatch batch = randomBatch(TINY_RELU2, 1, 8, 4);
        double none = new TrainableModel(params, Quantization.NONE, pool).loss(batch);
        double weights = new TrainableModel(params, Quantization.WEIGHTS, pool).loss(batch);
        double full = new TrainableModel(params, Quantization.FULL, pool).loss(batch);
        assertThat(weights).isNotEqualTo(none);
        assertThat(full).isNotEqualTo(weights);
    }

    /** Checks a sample of entries of every tensor; records the worst relative error per tensor. */
    private static void assertGradientsMatchFiniteDifferences(TrainableModel model, ModelParameters params, TokenBatch batch) {
        params.zeroGradients();
        model.lossAndGradient(batch);
        SplittableRandom pick = new SplittableRandom(99);
        float h = 1e-3f; // error shrinks as h² down to here, float rounding dominates below
        for (Parameter p : params.all()) {
            float[] w = p.values();
            double errSq = 0, refSq = 0;
            int probes = Math.min(12, w.length);
            for (int s = 0; s < probes; s++) {
                int i = probes == w.length ? s : pick.nextInt(w.length);
                float saved = w[i];
                w[i] = saved + h;
                double plus = model.loss(batch);
                w[i] = saved - h;
                double minus = model.loss(batch);
                w[i] = saved;
                double numeric = (plus - minus) / (2 * h);
                double analytic = p.gradient()[i];
                errSq += (numeric - analytic) * (numeric - analytic);
                refSq += numeric * numeric + analytic * analytic;
            }
            assertThat(refSq).as("%s has a non-zero gradient", p.name()).isGreaterThan(1e-12);
            double rel = Math.sqrt(errSq / refSq);
            assertThat(rel).as("relative gradient error of %s", p.name()).isLessThan(1e-2);
        }
    }

    private static ModelConfig withActivation(FfnActivation a) {
        ModelConfig c = TINY_RELU2;
        return new ModelConfig(c.vocabSize(), c.dim(), c.layers(), c.heads(), c.kvHeads(), c.ffnDim(),
            c.contextLength(), c.ropeTheta(), c.normEps(), a);
    }

    /** Larger-than-training weights and non-unit norm gains, so every path carries a visible gradient. */
    static ModelParameters largeInit(ModelConfig c, long seed) {
        ModelParameters p = ModelParameters.initialized(c, seed);
        SplittableRandom rng = new SplittableRandom(seed + 1);
        for (Parameter t : p.all()) {
            float[] v = t.values();
            for (int i = 0; i < v.length; i++) {
                v[i] = t.isVector() ? (float) (0.6 + 0.8 * rng.nextDouble()) : (float) (rng.nextGaussian() * 0.5);
            }
        }
        return p;
    }

    static TokenBatch randomBatch(ModelConfig c, int sequences, int length, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] in = new int[sequences * length], out = new int[in.length];
        for (int i = 0; i < in.length; i++) {
            in[i] = rng.nextInt(c.vocabSize());
            out[i] = rng.nextInt(c.vocabSize());
        }
        return new TokenBatch(sequences, length, in, out);
    }

    /** Records Q(x) − x at each site on the first pass, then adds the recorded offsets instead of quantizing. */
    private static final class ReplayQuantizer implements FakeQuantizer {
        private final FakeQuantizer real = FakeQuantizer.of(Quantization.FULL);
        final Map<Integer, float[]> weightOffsets = new HashMap<>();
        final Map<Integer, float[]> activationOffsets = new HashMap<>();
        boolean recording = true;
        float largestActivationOffset;

        @Override
        public void weights(int site, float[] latent, float[] out) {
            if (recording) {
                real.weights(site, latent, out);
                float[] off = new float[out.length];
                for (int i = 0; i < off.length; i++) off[i] = out[i] - latent[i];
                weightOffsets.put(site, off);
            } else {
                float[] off = weightOffsets.get(site);
                for (int i = 0; i < off.length; i++) out[i] = latent[i] + off[i];
            }
        }

        @Override
        public void activations(int site, float[] x, int rows, int cols, WorkerPool pool) {
            int n = rows * cols;
            if (recording) {
                float[] before = java.util.Arrays.copyOf(x, n);
                real.activations(site, x, rows, cols, pool);
                float[] off = new float[n];
                for (int i = 0; i < n; i++) {
                    off[i] = x[i] - before[i];
                    largestActivationOffset = Math.max(largestActivationOffset, Math.abs(off[i]));
                }
                activationOffsets.put(site, off);
            } else {
                float[] off = activationOffsets.get(site);
                for (int i = 0; i < n; i++) x[i] += off[i];
            }
        }
    }
}
