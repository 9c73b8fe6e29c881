package bitnet.workbench.app.benchmark;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Ready-made sweeps. "Quick" answers "is more threads faster here?" in seconds on the shipped model
 * (one and all cores, short prompt and generation, three timed repetitions); "Full" uses the
 * {@code bench} command's defaults over every thread count.
 */
public enum SweepPreset {
    QUICK("Quick", 32, 16, 3, 1),
    FULL("Full", 128, 64, 5, 1);

    private final String label;
    private final int promptTokens;
    private final int decodeTokens;
    private final int repetitions;
    private final int warmup;

    SweepPreset(String label, int promptTokens, int decodeTokens, int repetitions, int warmup) {
        this.label = label;
        this.promptTokens = promptTokens;
        this.decodeTokens = decodeTokens;
        this.repetitions = repetitions;
        this.warmup = warmup;
    }

    public String label() { return label; }
    public int promptTokens() { return promptTokens; }
    public int decodeTokens() { return decodeTokens; }
    public int repetitions() { return repetitions; }
    public int warmup() { return warmup; }

    /** The thread counts this preset sweeps on a machine with {@code cores} logical cores, ascending. */
    public List<Integer> threads(int cores) {
        int n = Math.max(1, cores);
        return switch (this) {
            case QUICK -> n == 1 ? List.of(1) : List.of(1, n);
            case FULL -> ThreadChoices.forCores(n);
        };
    }

    /** The thread counts a user can pick from. */
    static final class ThreadChoices {
        private ThreadChoices() {
        }

        /** Every count up to 16 cores; above that powers of two and the core count, so the editor stays one row. */
        static List<Integer> forCores(int cores) {
            if (cores <= 16) return IntStream.rangeClosed(1, cores).boxed().toList();
            java.util.TreeSet<Integer> counts = new java.util.TreeSet<>();
            for (int t = 1; t < cores; t *= 2) counts.add(t);
            counts.add(cores);
            return List.copyOf(counts);
        }
    }
}
