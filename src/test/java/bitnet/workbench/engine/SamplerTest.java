package bitnet.workbench.engine;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SamplerTest {
    /** No filters, temperature 1: the draw follows softmax(logits) exactly. */
    private static final SamplerSettings PLAIN = new SamplerSettings(1f, 0, 1f, 0f, 1f, 64, 42);

    /** Ids 0..3 with probabilities 0.15, 0.5, 0.05, 0.3: sorted order is 1, 3, 0, 2. */
    private static final float[] FOUR = logOf(0.15, 0.5, 0.05, 0.3);

    private static float[] logOf(double... probabilities) {
        float[] logits = new float[probabilities.length];
        for (int i = 0; i < logits.length; i++) logits[i] = (float) Math.log(probabilities[i]);
        return logits;
    }

    private static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) if (logits[i] > logits[best]) best = i;
        return best;
    }

    private static float[] randomLogits(Random random, int size) {
        float[] logits = new float[size];
        for (int i = 0; i < size; i++) logits[i] = (float) (random.nextGaussian() * 3);
        return logits;
    }

    private static void assertDistribution(List<TokenProbability> actual, int[] tokens, double... probabilities) {
        assertThat(actual).extracting(TokenProbability::token).containsExactly(
            java.util.Arrays.stream(tokens).boxed().toArray(Integer[]::new));
        for (int i = 0; i < tokens.length; i++) {
            assertThat(actual.get(i).probability()).as("probability of token %d", tokens[i]).isCloseTo(probabilities[i], within(1e-6));
        }
    }

    @Test
    void greedyTakesTheArgmaxAndTheLowestIdOnTies() {
        Sampler sampler = new Sampler(SamplerSettings.greedy(), 4);
        assertThat(sampler.sample(new float[] {1f, 3f, 3f, 0f})).isEqualTo(1);
        assertThat(sampler.sample(new float[] {-5f, -7f, -2f, -2f})).isEqualTo(2);
        assertThat(sampler.distribution(new float[] {1f, 3f, 3f, 0f})).containsExactly(new TokenProbability(1, 1.0));
    }

    @Test
    void temperatureZeroIsGreedyWhateverTheSeedAndFilters() {
        Random random = new Random(1);
        for (int seed = 0; seed < 50; seed++) {
            float[] logits = randomLogits(random, 100);
            Sampler sampler = new Sampler(SamplerSettings.defaults().withTemperature(0f).withSeed(seed), 100);
            assertThat(sampler.sample(logits)).isEqualTo(argmax(logits));
        }
    }

    @Test
    void topKOfOneEqualsGreedy() {
        Random random = new Random(2);
        Sampler sampler = new Sampler(SamplerSettings.defaults().withTopK(1).withTemperature(1.5f).withSeed(7), 50);
        for (int i = 0; i < 200; i++) {
            float[] logits = randomLogits(random, 50);
            assertThat(sampler.sample(logits)).isEqualTo(argmax(logits));
        }
    }

    @Test
    void topKKeepsTheKMostLikelyRenormalized() {
        Sampler sampler = new Sampler(PLAIN.withTopK(2), 4);
        assertDistribution(sampler.distribution(FOUR), new int[] {1, 3}, 0.5 / 0.8, 0.3 / 0.8);
    }

    @Test
    void topPKeepsTheSmallestSetWhoseProbabilityReachesP() {
        assertDistribution(new Sampler(PLAIN.withTopP(0.75f), 4).distribution(FOUR), new int[] {1, 3}, 0.5 / 0.8, 0.3 / 0.8);
        assertDistribution(new Sampler(PLAIN.withTopP(0.85f), 4).distribution(FOUR), new int[] {1, 3, 0},
            0.5 / 0.95, 0.3 / 0.95, 0.15 / 0.95);
        assertDistribution(new Sampler(PLAIN.withTopP(0.4f), 4).distribution(FOUR), new int[] {1}, 1.0);
        assertDistribution(new Sampler(PLAIN.withTopP(1f), 4).distribution(FOUR), new int[] {1, 3, 0, 2}, 0.5, 0.3, 0.15, 0.05);
    }

    @Test
    void minPDropsTokensLessLikelyThanMinPTimesTheBest() {
        // threshold 0.25 * 0.5 = 0.125 keeps 0.15; 0.35 * 0.5 = 0.175 drops it
        assertDistribution(new Sampler(PLAIN.withMinP(0.25f), 4).distribution(FOUR), new int[] {1, 3, 0},
            0.5 / 0.95, 0.3 / 0.95, 0.15 / 0.95);
        assertDistribution(new Sampler(PLAIN.withMinP(0.35f), 4).distribution(FOUR), new int[] {1, 3}, 0.5 / 0.8, 0.3 / 0.8);
    }

    @Test
    void temperatureFlattensTheDistributionAfterTheFilters() {
        // temperature 2 turns p into sqrt(p) / sum(sqrt(p)); top-k 3 first removes token 2
        double a = Math.sqrt(0.5), b = Math.sqrt(0.3), c = Math.sqrt(0.15);
        assertDistribution(new Sampler(PLAIN.withTemperature(2f).withTopK(3), 4).distribution(FOUR), new int[] {1, 3, 0},
            a / (a + b + c), b / (a + b + c), c / (a + b + c));
    }

    @Test
    void filtersUseTheProbabilitiesBeforeTemperature() {
        // with temperature 2 applied first, 0.15 would be sqrt-flattened above a 0.35 min-p threshold; llama.cpp filters first
        double a = Math.sqrt(0.5), b = Math.sqrt(0.3);
        assertDistribution(new Sampler(PLAIN.withTemperature(2f).withMinP(0.35f), 4).distribution(FOUR), new int[] {1, 3},
            a / (a + b), b / (a + b));
    }

    @Test
    void repeatPenaltyDividesAPositiveLogitAndCanChangeTheArgmax() {
        float[] logits = {2.0f, 1.9f, 0.5f};
        Sampler sampler = new Sampler(SamplerSettings.greedy().withRepeatPenalty(1.1f), 3);
        assertThat(sampler.sample(logits)).isEqualTo(0);
        sampler.accept(0);
        assertThat(sampler.sample(logits)).isEqualTo(1);
        assertThat(logits).containsExactly(2.0f, 1.9f, 0.5f);
    }

    @Test
    void repeatPenaltyMultipliesANegativeLogit() {
        // dividing -1.0 by 2 would make token 0 more likely (-0.5); multiplying makes it -2.0, below token 1
        float[] logits = {-1.0f, -1.5f, -3.0f};
        Sampler sampler = new Sampler(PLAIN.withRepeatPenalty(2f), 3);
        sampler.accept(0);
        double e0 = Math.exp(-2.0), e1 = Math.exp(-1.5), e2 = Math.exp(-3.0), sum = e0 + e1 + e2;
        assertDistribution(sampler.distribution(logits), new int[] {1, 0, 2}, e1 / sum, e0 / sum, e2 / sum);
    }

    @Test
    void aTokenSeenTwiceIsPenalizedOnce() {
        float[] logits = {2.0f, 1.5f};
        Sampler sampler = new Sampler(PLAIN.withRepeatPenalty(1.1f), 2);
        sampler.accept(0);
        sampler.accept(0);
        double e0 = Math.exp(2.0f / 1.1f), e1 = Math.exp(1.5f);
        assertDistribution(sampler.distribution(logits), new int[] {0, 1}, e0 / (e0 + e1), e1 / (e0 + e1));
    }

    @Test
    void repeatPenaltyOnlyLooksAtTheLastNTokens() {
        float[] logits = {2.0f, 1.9f, 0.5f, 0f};
        Sampler sampler = new Sampler(SamplerSettings.greedy().withRepeatPenalty(1.5f).withRepeatLastN(2), 4);
        sampler.accept(0);
        sampler.accept(2);
        assertThat(sampler.sample(logits)).isEqualTo(1);
        sampler.accept(3);
        assertThat(sampler.sample(logits)).as("token 0 has left the window of 2").isEqualTo(0);
        sampler.reset();
        assertThat(sampler.sample(logits)).isEqualTo(0);
    }

    @Test
    void theDrawFollowsTheSeededUniformThroughTheCumulativeDistribution() {
        long seed = 1234;
        Sampler sampler = new Sampler(PLAIN.withSeed(seed), 4);
        Random uniform = new Random(seed);
        int[] order = {1, 3, 0, 2};
        double[] cumulative = {0.5, 0.8, 0.95, 1.0};
        for (int i = 0; i < 500; i++) {
            double u = uniform.nextDouble();
            int expected = order[3];
            for (int j = 0; j < 4; j++) {
                if (u < cumulative[j]) {
                    expected = order[j];
                    break;
                }
            }
            assertThat(sampler.sample(FOUR)).as("draw %d (u=%s)", i, u).isEqualTo(expected);
        }
    }

    @Test
    void theSameSeedGivesTheSameSequenceAndResetReplaysIt() {
        Random random = new Random(3);
        float[][] steps = new float[100][];
        for (int i = 0; i < steps.length; i++) steps[i] = randomLogits(random, 30);
        SamplerSettings settings = SamplerSettings.defaults().withTemperature(1.5f).withRepeatPenalty(1.2f).withSeed(99);
        int[] first = run(new Sampler(settings, 30), steps);
        int[] second = run(new Sampler(settings, 30), steps);
        Sampler reused = new Sampler(settings, 30);
        run(reused, steps);
        reused.reset();
        int[] replayed = run(reused, steps);
        int[] otherSeed = run(new Sampler(settings.withSeed(100), 30), steps);
        assertThat(second).containsExactly(first);
        assertThat(replayed).containsExactly(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    private static int[] run(Sampler sampler, float[][] steps) {
        int[] tokens = new int[steps.length];
        for (int i = 0; i < steps.length; i++) {
            tokens[i] = sampler.sample(steps[i]);
            sampler.accept(tokens[i]);
        }
        return tokens;
    }

    @Test
    void frequenciesOverManyDrawsMatchTheDistribution() {
        Sampler sampler = new Sampler(PLAIN.withSeed(5), 4);
        int[] counts = new int[4];
        int draws = 40_000;
        for (int i = 0; i < draws; i++) counts[sampler.sample(FOUR)]++;
        double[] expected = {0.15, 0.5, 0.05, 0.3};
        for (int token = 0; token < 4; token++) {
            assertThat(counts[token] / (double) draws).as("frequency of %d", token).isCloseTo(expected[token], within(0.01));
        }
    }

    @Test
    void aRandomSeedIsDrawnAndReported() {
        Sampler a = new Sampler(SamplerSettings.defaults(), 4);
        assertThat(a.seed()).isNotEqualTo(SamplerSettings.RANDOM_SEED);
        assertThat(new Sampler(SamplerSettings.defaults().withSeed(8), 4).seed()).isEqualTo(8);
    }

    @Test
    void badInputIsRefusedWithAClearMessage() {
        Sampler sampler = new Sampler(PLAIN, 3);
        assertThatThrownBy(() -> sampler.sample(new float[] {0f, Float.NaN, 1f}))
            .isInstanceOf(IllegalStateException.class).hasMessage("the model produced a NaN logit for token 1");
        assertThatThrownBy(() -> sampler.sample(new float[2]))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("expected 3 logits, got 2");
        assertThatThrownBy(() -> sampler.accept(3)).hasMessage("token 3 is outside the vocabulary of 3");
        assertThatThrownBy(() -> PLAIN.withTopP(1.5f)).hasMessage("top-p must be between 0 and 1, got 1.5");
        assertThatThrownBy(() -> PLAIN.withRepeatPenalty(0f)).hasMessage("repeat penalty must be a positive number (1 = off), got 0.0");
    }

    @Test
    void defaultsAreLlamaCpps() {
        assertThat(SamplerSettings.defaults())
            .isEqualTo(new SamplerSettings(0.8f, 40, 0.95f, 0.05f, 1.0f, 64, SamplerSettings.RANDOM_SEED));
        assertThat(SamplerSettings.greedy().isGreedy()).isTrue();
        assertThat(SamplerSettings.defaults().isGreedy()).isFalse();
    }

    @Test
    void allTokensMinusInfinityGiveTheFirstToken() {
        float inf = Float.NEGATIVE_INFINITY;
        assertThat(new Sampler(PLAIN, 3).sample(new float[] {inf, inf, inf})).isEqualTo(0);
    }
}
