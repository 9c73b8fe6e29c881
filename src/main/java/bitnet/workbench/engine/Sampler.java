package bitnet.workbench.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Chooses the next token the way llama.cpp's default chain does: repeat penalty, top-k, top-p,
 * min-p, temperature, then a seeded random draw; with temperature {@code <= 0}, the argmax after
 * the penalty (lowest id on ties, like {@code llama_sampler_init_greedy}).
 *
 * <p>Buffers are sized to the vocabulary once, so {@link #sample} allocates nothing. Candidates
 * with equal logits are ordered by id, so the same seed and logits always give the same token.
 * Not thread-safe: one generation drives one sampler.
 */
public final class Sampler {
    private final SamplerSettings settings;
    private final int vocabSize;
    private final long seed;
    private final Random random;
    private final PenaltyWindow window;
    private final float[] logits;
    private final int[] candidates;
    private final double[] weights;

    public Sampler(SamplerSettings settings, int vocabSize) {
        if (vocabSize <= 0) throw new IllegalArgumentException("vocabulary size must be positive, got " + vocabSize);
        this.settings = settings;
        this.vocabSize = vocabSize;
        this.seed = settings.seed() == SamplerSettings.RANDOM_SEED ? System.nanoTime() ^ 0x5DEECE66DL : settings.seed();
        // java.util.Random's algorithm is fixed by its specification, so a seed reproduces on every JDK
        this.random = new Random(seed);
        this.window = new PenaltyWindow(settings.repeatPenalty() == 1f ? 0 : settings.repeatLastN());
        this.logits = new float[vocabSize];
        this.candidates = new int[vocabSize];
        this.weights = new double[vocabSize];
    }

    public SamplerSettings settings() { return settings; }

    /** The seed in use (the one drawn from the clock when the settings asked for a random one). */
    public long seed() { return seed; }

    /** Records a token (from the prompt or just generated) for the repeat penalty. */
    public void accept(int token) {
        if (token < 0 || token >= vocabSize) {
            throw new IllegalArgumentException("token " + token + " is outside the vocabulary of " + vocabSize);
        }
        window.add(token);
    }

    /** Forgets the accepted tokens and restarts the random draw from the seed. */
    public void reset() {
        window.clear();
        random.setSeed(seed);
    }

    /** The chosen token for these logits (at least {@code vocabSize} of them; extra entries are ignored). */
    public int sample(float[] modelLogits) {
        penalize(modelLogits);
        if (settings.isGreedy()) return argmax();
        int size = filter();
        double total = weigh(size);
        double target = random.nextDouble() * total;
        double cumulative = 0;
        for (int i = 0; i < size; i++) {
            cumulative += weights[i];
            if (target < cumulative) return candidates[i];
        }
        return candidates[size - 1];
    }

    /**
     * The distribution {@link #sample} draws from for these logits, most likely first, without
     * drawing. Allocates; meant for tests and for showing candidates, not for the decode loop.
     */
    public List<TokenProbability> distribution(float[] modelLogits) {
        penalize(modelLogits);
        if (settings.isGreedy()) return List.of(new TokenProbability(argmax(), 1.0));
        int size = filter();
        double total = weigh(size);
        List<TokenProbability> result = new ArrayList<>(size);
        for (int i = 0; i < size; i++) result.add(new TokenProbability(candidates[i], weights[i] / total));
        return result;
    }

    private void penalize(float[] modelLogits) {
        if (modelLogits.length < vocabSize) {
            throw new IllegalArgumentException("expected " + vocabSize + " logits, got " + modelLogits.length);
        }
        for (int i = 0; i < vocabSize; i++) {
            float value = modelLogits[i];
            if (Float.isNaN(value)) throw new IllegalStateException("the model produced a NaN logit for token " + i);
            logits[i] = value;
        }
        window.apply(settings.repeatPenalty(), modelLogits, logits);
    }

    private int argmax() {
        int best = 0;
        for (int i = 1; i < vocabSize; i++) {
            if (logits[i] > logits[best]) best = i;
        }
        return best;
    }

    /** Top-k, top-p, min-p: leaves the survivors in {@code candidates[0..size)}, most likely first. */
    private int filter() {
        int k = settings.topK() == 0 ? vocabSize : Math.min(settings.topK(), vocabSize);
        selectTop(k);
        float max = logits[candidates[0]];
        if (max == Float.NEGATIVE_INFINITY) return 1;
        int size = k;
        if (settings.topP() < 1f) {
            double total = 0;
            for (int i = 0; i < size; i++) {
                weights[i] = Math.exp(logits[candidates[i]] - max);
                total += weights[i];
            }
            double cumulative = 0;
            for (int i = 0; i < size; i++) {
                cumulative += weights[i] / total;
                if (cumulative >= settings.topP()) {
                    size = i + 1;
                    break;
                }
            }
        }
        if (settings.minP() > 0f) {
            // llama.cpp compares logits: p >= minP * pMax  <=>  logit >= maxLogit + ln(minP)
            float threshold = max + (float) Math.log(settings.minP());
            int kept = 1;
            while (kept < size && logits[candidates[kept]] >= threshold) kept++;
            size = kept;
        }
        return size;
    }

    /** Unnormalized probabilities after temperature into {@code weights[0..size)}; returns their sum. */
    private double weigh(int size) {
        float max = logits[candidates[0]];
        if (max == Float.NEGATIVE_INFINITY) {
            weights[0] = 1;
            return 1;
        }
        double temperature = settings.temperature();
        double total = 0;
        for (int i = 0; i < size; i++) {
            weights[i] = Math.exp((logits[candidates[i]] - max) / temperature);
            total += weights[i];
        }
        return total;
    }

    /** The k best tokens into {@code candidates[0..k)}, best first, through a min-heap (no allocation). */
    private void selectTop(int k) {
        int heapSize = 0;
        for (int token = 0; token < vocabSize; token++) {
            if (heapSize < k) {
                candidates[heapSize] = token;
                siftUp(heapSize++);
            } else if (better(token, candidates[0])) {
                candidates[0] = token;
                siftDown(0, heapSize);
            }
        }
        for (int end = heapSize - 1; end > 0; end--) {
            int worst = candidates[0];
            candidates[0] = candidates[end];
            candidates[end] = worst;
            siftDown(0, end);
        }
    }

    private boolean better(int a, int b) {
        return logits[a] > logits[b] || (logits[a] == logits[b] && a < b);
    }

    private void siftUp(int index) {
        int token = candidates[index];
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            if (!better(candidates[parent], token)) break;
            candidates[index] = candidates[parent];
            index = parent;
        }
        candidates[index] = token;
    }

    private void siftDown(int index, int size) {
        int token = candidates[index];
        while (true) {
            int child = 2 * index + 1;
            if (child >= size) break;
            if (child + 1 < size && better(candidates[child], candidates[child + 1])) child++;
            if (!better(token, candidates[child])) break;
            candidates[index] = candidates[child];
            index = child;
        }
        candidates[index] = token;
    }
}
