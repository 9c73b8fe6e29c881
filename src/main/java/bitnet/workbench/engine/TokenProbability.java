package bitnet.workbench.engine;

/** One candidate of the sampler's final distribution. */
public record TokenProbability(int token, double probability) {}
