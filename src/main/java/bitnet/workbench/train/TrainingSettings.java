package bitnet.workbench.train;

/**
 * Everything about a training run that is not the model's shape. {@code batch} sequences of
 * {@code seqLen} tokens per optimizer step; evaluation, checkpoint and log intervals in steps.
 */
public record TrainingSettings(int steps, int batch, int seqLen, LearningRateSchedule schedule, AdamW.Settings optimizer,
                               long seed, Quantization quantization, int heldOutEvery, int evalEvery, int evalBatches,
                               int checkpointEvery, int logEvery) {
    public TrainingSettings {
        if (steps <= 0 || batch <= 0 || seqLen <= 1) throw new IllegalArgumentException("steps, batch and seq-len must be positive (seq-len > 1)");
        if (evalEvery <= 0 || evalBatches <= 0 || checkpointEvery <= 0 || logEvery <= 0) {
            throw new IllegalArgumentException("intervals must be positive");
        }
        if (heldOutEvery < 2) throw new IllegalArgumentException("held-out-every must be at least 2");
    }

    public int tokensPerStep() {
        return batch * seqLen;
    }

    public TrainingSettings withSteps(int newSteps) {
        LearningRateSchedule s = new LearningRateSchedule(schedule.peak(), schedule.warmupSteps(), newSteps,
            schedule.finalFraction(), schedule.decay());
        return new TrainingSettings(newSteps, batch, seqLen, s, optimizer, seed, quantization, heldOutEvery, evalEvery,
            evalBatches, checkpointEvery, logEvery);
    }
}
