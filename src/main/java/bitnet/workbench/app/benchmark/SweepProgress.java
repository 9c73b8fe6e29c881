package bitnet.workbench.app.benchmark;

import bitnet.workbench.bench.BenchPlan;

/**
 * How far a sweep has come, counted in evaluated tokens (prompt tokens and decoded tokens weigh the
 * same, which is close enough for a progress bar), and how long the rest will take at the pace so
 * far. The bandwidth measurement before the first combination is not counted.
 */
final class SweepProgress {
    private final long tokensPerCombination;
    private final long totalTokens;
    private int combinationsDone;
    private long tokensInCurrent;
    private long firstCombinationNanos = -1;

    SweepProgress(BenchPlan plan) {
        this.tokensPerCombination = (long) plan.repetitionsPerCombination() * (plan.promptTokens() + plan.decodeTokens());
        this.totalTokens = plan.totalTokens();
    }

    void combinationStarted(long nanoTime) {
        if (firstCombinationNanos < 0) firstCombinationNanos = nanoTime;
        tokensInCurrent = 0;
    }

    void tokensEvaluated(int tokens) {
        tokensInCurrent = Math.min(tokensPerCombination, tokensInCurrent + tokens);
    }

    /** Finished or failed: either way its share of the work is behind us. */
    void combinationEnded() {
        combinationsDone++;
        tokensInCurrent = 0;
    }

    long tokensDone() {
        return Math.min(totalTokens, combinationsDone * tokensPerCombination + tokensInCurrent);
    }

    double fraction() {
        return totalTokens == 0 ? 0 : (double) tokensDone() / totalTokens;
    }

    /** Seconds left at the pace since the first combination started, or -1 while there is no pace yet. */
    double remainingSeconds(long nanoTime) {
        long done = tokensDone();
        if (firstCombinationNanos < 0 || done == 0) return -1;
        double elapsed = (nanoTime - firstCombinationNanos) / 1e9;
        return elapsed * (totalTokens - done) / done;
    }

    /** 75.4 -> "1:15"; 3725 -> "1:02:05"; negative -> "–". */
    static String clock(double seconds) {
        if (seconds < 0 || Double.isNaN(seconds)) return "–";
        long s = Math.round(seconds);
        if (s >= 3600) return String.format(java.util.Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
        return String.format(java.util.Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
