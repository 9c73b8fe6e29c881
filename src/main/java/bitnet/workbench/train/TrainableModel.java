package bitnet.workbench.train;

import java.util.ArrayList;
import java.util.List;

/**
 * The trainable network: embedding, blocks, final norm and the tied lm_head, with a forward pass
 * that returns the mean cross-entropy and a backward pass that adds every parameter's gradient.
 * The lm_head stays in float (an F16 tensor in the exported GGUF); every projection inside the
 * blocks is a BitLinear.
 */
public final class TrainableModel {
    private final ModelParameters params;
    private final ModelConfig config;
    private final WorkerPool pool;
    private final Rope rope;
    private FakeQuantizer quantizer;
    private Buffers buffers;

    /** Forward caches for one batch shape; rebuilt when the shape changes. */
    private final class Buffers {
        final int sequences, length, rows;
        final List<TransformerBlock> blocks = new ArrayList<>();
        final float[][] residual;
        final float[] hidden, rFinal, logits, embeddingT, lossPerRow, gradResidual, transposedLogits;
        final TransformerBlock.Scratch scratch;

        Buffers(int sequences, int length) {
            this.sequences = sequences;
            this.length = length;
            this.rows = sequences * length;
            int d = config.dim(), vocab = config.vocabSize();
            for (int l = 0; l < config.layers(); l++) {
                blocks.add(new TransformerBlock(config, params.layers().get(l), l, rope, sequences, length));
            }
            residual = new float[config.layers() + 1][rows * d];
            hidden = new float[rows * d];
            rFinal = new float[rows];
            logits = new float[Math.multiplyExact(rows, vocab)];
            embeddingT = new float[vocab * d];
            lossPerRow = new float[rows];
            gradResidual = new float[rows * d];
            transposedLogits = new float[logits.length];
            scratch = new TransformerBlock.Scratch(config, rows);
        }
    }

    public TrainableModel(ModelParameters params, Quantization quantization, WorkerPool pool) {
        this.params = params;
        this.config = params.config();
        this.pool = pool;
        this.rope = new Rope(config.headDim(), config.contextLength(), config.ropeTheta());
        this.quantizer = FakeQuantizer.of(quantization);
    }

    public ModelParameters parameters() {
        return params;
    }

    public void setQuantization(Quantization quantization) {
        this.quantizer = FakeQuantizer.of(quantization);
    }

    void setQuantizer(FakeQuantizer quantizer) {
        this.quantizer = quantizer;
    }

    /** Mean cross-entropy (nats per token) of the batch; no gradients. */
    public double loss(TokenBatch batch) {
        return run(batch, false);
    }

    /** Mean cross-entropy of the batch, and adds its gradient to every parameter's gradient. */
    public double lossAndGradient(TokenBatch batch) {
        return run(batch, true);
    }

    /**
     * The logits at every position of {@code tokens} (one sequence, no BOS added), row-major
     * [position][vocab], computed with the training forward pass: what an inference engine should
     * reproduce from the exported file.
     */
    public float[] logits(int[] tokens) {
        run(new TokenBatch(1, tokens.length, tokens.clone(), new int[tokens.length]), false);
        return java.util.Arrays.copyOf(buffers.logits, tokens.length * config.vocabSize());
    }

    /** The logits after the last of {@code tokens}. */
    public float[] lastLogits(int[] tokens) {
        int v = config.vocabSize();
        float[] all = logits(tokens);
        return java.util.Arrays.copyOfRange(all, (tokens.length - 1) * v, tokens.length * v);
    }

    private double run(TokenBatch batch, boolean backward) {
        if (batch.length() > config.contextLength()) {
            throw new IllegalArgumentException("sequence length " + batch.length() + " exceeds the context length "
                + config.contextLength());
        }
        Buffers b = buffersFor(batch.sequences(), batch.length());
        int d = config.dim(), vocab = config.vocabSize(), rows = b.rows;
        float[] emb = params.embedding().values();
        for (TransformerBlock block : b.blocks) block.prepareWeights(quantizer, pool);

        for (int r = 0; r < rows; r++) {
            int tok = checkToken(batch.inputs()[r], "input");
            checkToken(batch.targets()[r], "target");
            System.arraycopy(emb, tok * d, b.residual[0], r * d, d);
        }
        for (int l = 0; l < config.layers(); l++) {
            b.blocks.get(l).forward(pool, quantizer, b.residual[l], b.residual[l + 1], b.sequences, b.length, b.scratch);
        }
        float[] last = b.residual[config.layers()];
        RmsNorm.forward(pool, last, params.outputNorm().values(), b.hidden, b.rFinal, rows, d, config.normEps());
        Gemm.transpose(pool, emb, vocab, d, b.embeddingT);
        Gemm.multiply(pool, b.hidden, b.embeddingT, b.logits, rows, d, vocab, false);
        double loss = crossEntropy(b, batch.targets(), backward);
        if (!backward) return loss;

        float[] dx = b.gradResidual;
        Gemm.multiply(pool, b.logits, emb, b.scratch.d1, rows, vocab, d, false);           // ∂L/∂hidden
        Gemm.transpose(pool, b.logits, rows, vocab, b.transposedLogits);
        Gemm.multiply(pool, b.transposedLogits, b.hidden, params.embedding().gradient(), vocab, rows, d, true);
        RmsNorm.backward(pool, b.scratch.d1, last, params.outputNorm().values(), b.rFinal, dx,
            params.outputNorm().gradient(), rows, d, false);
        for (int l = config.layers() - 1; l >= 0; l--) {
            b.blocks.get(l).backward(pool, b.residual[l], dx, b.sequences, b.length, b.scratch);
        }
        float[] gEmb = params.embedding().gradient();
        for (int r = 0; r < rows; r++) {
            Gemm.axpy(1f, dx, r * d, gEmb, batch.inputs()[r] * d, d);
        }
        return loss;
    }

    /** Mean −log p(target) over rows; with {@code gradient}, logits are replaced by ∂L/∂logits. */
    private double crossEntropy(Buffers b, int[] targets, boolean gradient) {
        int vocab = config.vocabSize();
        float invRows = 1f / b.rows;
        float[] logits = b.logits;
        pool.forRange(b.rows, 16, (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * vocab;
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < vocab; j++) max = Math.max(max, logits[o + j]);
                float target = logits[o + targets[r]];
                if (!gradient) {
                    double sum = 0;
                    for (int j = 0; j < vocab; j++) sum += Math.exp(logits[o + j] - max);
                    b.lossPerRow[r] = (float) (Math.log(sum) + max - target);
                    continue;
                }
                // one exp per logit: keep exp(l − max) in place, then scale it into softmax / rows
                double sum = 0;
                for (int j = 0; j < vocab; j++) {
                    float e = (float) Math.exp(logits[o + j] - max);
                    logits[o + j] = e;
                    sum += e;
                }
                b.lossPerRow[r] = (float) (Math.log(sum) + max - target);
                float scale = (float) (1.0 / sum) * invRows;
                for (int j = 0; j < vocab; j++) logits[o + j] *= scale;
                logits[o + targets[r]] -= invRows;
            }
        });
        double total = 0;
        for (int r = 0; r < b.rows; r++) total += b.lossPerRow[r];
        return total / b.rows;
    }

    private Buffers buffersFor(int sequences, int length) {
        if (buffers == null || buffers.sequences != sequences || buffers.length != length) {
            buffers = null; // let the old caches go before allocating the new ones
            buffers = new Buffers(sequences, length);
        }
        return buffers;
    }

    private int checkToken(int token, String what) {
        if (token < 0 || token >= config.vocabSize()) {
            throw new IllegalArgumentException(what + " token " + token + " outside the vocabulary of " + config.vocabSize());
        }
        return token;
    }
}
