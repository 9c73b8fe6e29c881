package bitnet.workbench.inspect;

import bitnet.workbench.model.BitLinearInput;
import bitnet.workbench.model.ForwardProbe;

import java.util.Arrays;

/**
 * A {@link ForwardProbe} that writes down, for every layer, BitLinear input and position, the
 * input's max |x| (the int8 absmax), and optionally keeps the whole float vectors of one layer and
 * input. Attach it to a sequence only while recording: the probe is what makes the pass do the
 * extra work. Positions outside [0, positions) are ignored.
 */
public final class ActivationRecorder implements ForwardProbe {
    private static final BitLinearInput[] INPUTS = BitLinearInput.values();
    private final int layers;
    private final int positions;
    private final float[] absMax;
    private final int captureLayer;
    private final BitLinearInput captureInput;
    private final float[][] captured;

    /** Records absmax only. */
    public ActivationRecorder(int layers, int positions) {
        this(layers, positions, -1, null);
    }

    /** Records absmax, and the float vectors of {@code captureLayer}'s {@code captureInput} at every position. */
    public ActivationRecorder(int layers, int positions, int captureLayer, BitLinearInput captureInput) {
        if (layers < 0 || positions < 0) throw new IllegalArgumentException("layers and positions must be >= 0");
        this.layers = layers;
        this.positions = positions;
        this.absMax = new float[layers * INPUTS.length * positions];
        Arrays.fill(absMax, Float.NaN);
        this.captureLayer = captureLayer;
        this.captureInput = captureInput;
        this.captured = new float[positions][];
    }

    @Override
    public void activation(int layer, BitLinearInput input, int position, float max) {
        if (layer < 0 || layer >= layers || position < 0 || position >= positions) return;
        absMax[index(layer, input, position)] = max;
    }

    @Override
    public void activationVector(int layer, BitLinearInput input, int position, float[] x, int offset, int length) {
        if (layer != captureLayer || input != captureInput || position < 0 || position >= positions) return;
        captured[position] = Arrays.copyOfRange(x, offset, offset + length);
    }

    private int index(int layer, BitLinearInput input, int position) {
        return (layer * INPUTS.length + input.ordinal()) * positions + position;
    }

    /** max |x| of one input, NaN if the pass never reported it. */
    public float absMax(int layer, BitLinearInput input, int position) {
        return absMax[index(layer, input, position)];
    }

    public int layers() { return layers; }

    public int positions() { return positions; }

    /** The captured vector at {@code position}, or null. */
    public float[] captured(int position) {
        return captured[position] == null ? null : captured[position].clone();
    }

    float[] absMaxArray() { return absMax.clone(); }
}
