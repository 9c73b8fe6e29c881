package bitnet.workbench.engine;

import bitnet.workbench.model.OutputHead;
import bitnet.workbench.model.Sequence;
import bitnet.workbench.model.TransformerModel;

import java.util.ArrayList;
import java.util.List;

/**
 * What the int8 output head does to the logits: the same tokens through the model twice, once with
 * the float head and once with the int8 head ({@link OutputHead}), compared at every position.
 * Everything before the head is identical in both runs (the integer kernels are exact), so the
 * differences are the head's alone.
 *
 * @param positions       one entry per token position
 * @param int8HeadSeconds time to build the int8 form (quantizing a float head to Q6_K, unpacking)
 */
public record OutputHeadComparison(List<Position> positions, double int8HeadSeconds) {

    /**
     * @param maxAbsDiff  max over the vocabulary of |int8 − float|
     * @param meanAbsDiff mean over the vocabulary
     * @param logitRange  max − min of the float logits, for scale
     * @param top1Equal   whether both heads rank the same token first
     * @param top5Shared  how many of the float head's top 5 tokens are in the int8 head's top 5
     */
    public record Position(int index, double maxAbsDiff, double meanAbsDiff, double logitRange, boolean top1Equal, int top5Shared) {
    }

    public double maxAbsDiff() {
        return positions.stream().mapToDouble(Position::maxAbsDiff).max().orElse(0);
    }

    public double meanAbsDiff() {
        return positions.stream().mapToDouble(Position::meanAbsDiff).average().orElse(0);
    }

    public long top1Agreements() {
        return positions.stream().filter(Position::top1Equal).count();
    }

    /**
     * Runs {@code tokens} (at least one) under both heads with the model's current kernel and
     * threads, then leaves the model on {@code restore}.
     */
    public static OutputHeadComparison measure(TransformerModel model, int[] tokens, OutputHead restore) {
        if (tokens.length == 0) throw new IllegalArgumentException("compare the heads on at least one token");
        String kernel = model.kernel().name();
        int threads = model.threads();
        try {
            model.reconfigure(kernel, threads, OutputHead.FLOAT);
            float[][] reference = logitsAtEveryPosition(model, tokens);
            long t0 = System.nanoTime();
            model.reconfigure(kernel, threads, OutputHead.INT8);
            double buildSeconds = (System.nanoTime() - t0) / 1e9;
            float[][] int8 = logitsAtEveryPosition(model, tokens);
            List<Position> out = new ArrayList<>();
            for (int p = 0; p < tokens.length; p++) out.add(compare(p, reference[p], int8[p]));
            return new OutputHeadComparison(List.copyOf(out), buildSeconds);
        } finally {
            model.reconfigure(kernel, threads, restore);
        }
    }

    private static float[][] logitsAtEveryPosition(TransformerModel model, int[] tokens) {
        float[][] all = new float[tokens.length][model.vocabSize()];
        try (Sequence seq = model.newSequence()) {
            for (int p = 0; p < tokens.length; p++) seq.append(tokens, p, 1, all[p]);
        }
        return all;
    }

    static Position compare(int index, float[] reference, float[] other) {
        double max = 0, sum = 0;
        float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < reference.length; i++) {
            double d = Math.abs((double) other[i] - reference[i]);
            max = Math.max(max, d);
            sum += d;
            lo = Math.min(lo, reference[i]);
            hi = Math.max(hi, reference[i]);
        }
        int[] topRef = top(reference, 5);
        int[] topOther = top(other, 5);
        int shared = 0;
        for (int a : topRef) for (int b : topOther) if (a == b) shared++;
        return new Position(index, max, sum / reference.length, (double) hi - lo, topRef[0] == topOther[0], shared);
    }

    /** Indices of the k largest values, largest first (ties: lower index first). */
    static int[] top(float[] v, int k) {
        int n = Math.min(k, v.length);
        int[] best = new int[n];
        java.util.Arrays.fill(best, -1);
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < n; j++) {
                if (best[j] < 0 || v[i] > v[best[j]]) {
                    System.arraycopy(best, j, best, j + 1, n - j - 1);
                    best[j] = i;
                    break;
                }
            }
        }
        return best;
    }
}
