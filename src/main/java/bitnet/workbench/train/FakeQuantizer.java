package bitnet.workbench.train;

/**
 * Applies the forward-pass quantizers of the BitLinear layers. Each call names its site (a fixed
 * number per weight tensor or per quantized activation), so tests can replace the quantizer by one
 * that replays recorded offsets and check the straight-through gradients by finite differences.
 */
interface FakeQuantizer {
    /** Writes the effective weights used by the forward pass into {@code out}. */
    void weights(int site, float[] latent, float[] out);

    /** Replaces rows of {@code x} in place by their quantized values. */
    void activations(int site, float[] x, int rows, int cols, WorkerPool pool);

    /** The quantizer of BitNet b1.58 (or a part of it, or none). */
    static FakeQuantizer of(Quantization q) {
        return new FakeQuantizer() {
            @Override
            public void weights(int site, float[] latent, float[] out) {
                if (q.weights()) BitQuant.ternarize(latent, out);
                else System.arraycopy(latent, 0, out, 0, latent.length);
            }

            @Override
            public void activations(int site, float[] x, int rows, int cols, WorkerPool pool) {
                if (q.activations()) pool.forRange(rows, 16, (from, to) -> BitQuant.quantizeActivations(x, x, from, to, cols));
            }
        };
    }
}
