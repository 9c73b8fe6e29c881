package bitnet.workbench.train;

/**
 * {@code sequences} independent sequences of {@code length} tokens, row-major; {@code targets[i]}
 * is the token that should follow {@code inputs[i]}.
 */
public record TokenBatch(int sequences, int length, int[] inputs, int[] targets) {
    public TokenBatch {
        if (sequences <= 0 || length <= 0) throw new IllegalArgumentException("empty batch");
        int n = Math.multiplyExact(sequences, length);
        if (inputs.length != n || targets.length != n) {
            throw new IllegalArgumentException("batch of " + sequences + "x" + length + " needs " + n
                + " inputs and targets, got " + inputs.length + " and " + targets.length);
        }
    }

    public int tokens() {
        return inputs.length;
    }
}
