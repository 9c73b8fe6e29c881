package bitnet.workbench.inspect;

import bitnet.workbench.kernel.ActivationQuantization;
import bitnet.workbench.kernel.QuantizedActivations;
import bitnet.workbench.model.BitLinearInput;

/**
 * One activation vector as the model saw it and as int8 codes under the per-token absmax rule
 * (codes computed by the engine's own quantizer, so they are the ones a BitLinear multiplies).
 */
public record ActivationCapture(int layer, BitLinearInput input, int token, float[] values, byte[] codes, float absMax, float scale) {

    public ActivationCapture {
        values = values.clone();
        codes = codes.clone();
    }

    @Override
    public float[] values() { return values.clone(); }

    @Override
    public byte[] codes() { return codes.clone(); }

    public static ActivationCapture of(int layer, BitLinearInput input, int token, float[] values) {
        QuantizedActivations q = new QuantizedActivations(values.length);
        q.quantize(values, 0, values.length, ActivationQuantization.PER_TOKEN);
        byte[] codes = java.util.Arrays.copyOf(q.codes(), values.length);
        return new ActivationCapture(layer, input, token, values, codes, q.absMax(), q.tokenScale());
    }

    /** Counts of each int8 code, index code + 128. */
    public long[] codeCounts() {
        long[] c = new long[256];
        for (byte b : codes) c[b + 128]++;
        return c;
    }
}
