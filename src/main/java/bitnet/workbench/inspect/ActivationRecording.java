package bitnet.workbench.inspect;

import bitnet.workbench.model.BitLinearInput;

import java.util.List;

/**
 * The int8 absmax of every BitLinear input, per layer and prompt token, from one run of a prompt.
 * {@code absMax} is laid out [layer][input][token] (input in {@link BitLinearInput} order).
 */
public record ActivationRecording(String prompt, int[] tokens, List<String> tokenTexts, int layers, float[] absMax) {
    /** The floor bitnet.cpp applies before dividing: max(absmax, 1e-5). */
    public static final double ABSMAX_FLOOR = 1e-5;

    public ActivationRecording {
        tokens = tokens.clone();
        tokenTexts = List.copyOf(tokenTexts);
        absMax = absMax.clone();
        if (tokenTexts.size() != tokens.length) throw new IllegalArgumentException("one text per token expected");
        if (absMax.length != layers * BitLinearInput.values().length * tokens.length) {
            throw new IllegalArgumentException("absMax has " + absMax.length + " values, expected layers × inputs × tokens");
        }
    }

    @Override
    public int[] tokens() { return tokens.clone(); }

    @Override
    public float[] absMax() { return absMax.clone(); }

    public int tokenCount() { return tokens.length; }

    public float absMax(int layer, BitLinearInput input, int token) {
        return absMax[(layer * BitLinearInput.values().length + input.ordinal()) * tokens.length + token];
    }

    /** The per-token int8 scale s = 127 / max(absmax, 1e-5), as bitnet.cpp computes it (double, then float). */
    public float scale(int layer, BitLinearInput input, int token) {
        return int8Scale(absMax(layer, input, token));
    }

    public static float int8Scale(float absMax) {
        return (float) (127.0 / Math.max(ABSMAX_FLOOR, absMax));
    }
}
