package bitnet.workbench.tensor;

import java.util.SplittableRandom;

/** Seeded test inputs mixing the values quantizers get wrong: zeros, spikes, tiny and large magnitudes. */
final class RandomTensors {
    private RandomTensors() {
    }

    /** An odd number of rows (1, 3, 5 or 7). */
    static int oddRows(SplittableRandom rnd) {
        return 1 + 2 * rnd.nextInt(4);
    }

    /**
     * Values in groups of 32 that each have their own character: Gaussian at a magnitude between
     * 1e-3 and {@code maxMagnitude}, all zeros, one spike among zeros, or sprinkled exact zeros.
     */
    static float[] mixed(SplittableRandom rnd, int n, double maxMagnitude) {
        float[] v = new float[n];
        for (int g = 0; g < n; g += 32) {
            double magnitude = Math.pow(10, -3 + rnd.nextDouble() * (Math.log10(maxMagnitude) + 3));
            int kind = rnd.nextInt(8);
            for (int j = g; j < Math.min(n, g + 32); j++) {
                v[j] = switch (kind) {
                    case 0 -> 0.0f;
                    case 1 -> j == g + 7 ? (float) magnitude : 0.0f;
                    case 2 -> rnd.nextInt(3) == 0 ? 0.0f : (float) (gaussian(rnd) * magnitude);
                    default -> (float) (gaussian(rnd) * magnitude);
                };
            }
        }
        return v;
    }

    /** Exactly ternary values: codes −1, 0, +1 (about a third each) times {@code scale}. */
    static float[] ternary(SplittableRandom rnd, int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (rnd.nextInt(3) - 1) * scale;
        return v;
    }

    static double gaussian(SplittableRandom rnd) {
        double u = 1.0 - rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    static float[] dequantize(TensorQuantizer q, byte[] tensorBytes, int elements) {
        float[] out = new float[elements];
        q.format().dequantize(java.lang.foreign.MemorySegment.ofArray(tensorBytes), 0, elements, out, 0);
        return out;
    }
}
