package bitnet.workbench.train;

/**
 * Linear warm-up from 0 to {@code peak} over {@code warmupSteps}, then cosine (or linear) decay to
 * {@code peak · finalFraction} at {@code totalSteps}; constant after that.
 */
public record LearningRateSchedule(double peak, int warmupSteps, int totalSteps, double finalFraction, Decay decay) {
    public enum Decay { COSINE, LINEAR }

    public LearningRateSchedule {
        if (!(peak > 0)) throw new IllegalArgumentException("learning rate must be positive, was " + peak);
        if (warmupSteps < 0 || totalSteps <= 0) throw new IllegalArgumentException("steps must be positive");
        if (!(finalFraction >= 0 && finalFraction <= 1)) throw new IllegalArgumentException("final fraction must be in [0,1]");
    }

    /** The rate for optimizer step {@code step} (0-based). */
    public double at(int step) {
        if (step < warmupSteps) return peak * (step + 1) / warmupSteps;
        int decaySteps = Math.max(1, totalSteps - warmupSteps);
        double progress = Math.min(1.0, (double) (step - warmupSteps) / decaySteps);
        double shape = decay == Decay.COSINE ? 0.5 * (1 + Math.cos(Math.PI * progress)) : 1 - progress;
        return peak * (finalFraction + (1 - finalFraction) * shape);
    }
}
