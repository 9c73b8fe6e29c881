package bitnet.workbench.bench;

import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.gguf.GgufTensorInfo;
import bitnet.workbench.model.ModelConfig;

/**
 * The bytes one decoded token reads from memory: every weight tensor once (the ternary or float
 * matrices of every block, the norm vectors, the whole output head, which is the token embedding
 * when it is tied, and one embedding row for the input token) plus the KV cache up to the context
 * in use. Tensor sizes are their stored sizes in the file; the KV cache is float32, keys and values,
 * every layer.
 *
 * @param blockMatrixBytes  every {@code blk.*} matrix
 * @param normBytes         every norm vector ({@code blk.*} and {@code output_norm})
 * @param outputHeadBytes   {@code output.weight}, or {@code token_embd.weight} when tied
 * @param embeddingRowBytes one row of {@code token_embd.weight}
 * @param kvCacheBytes      keys and values read by attention at {@code meanContext} positions
 * @param meanContext       positions attended per decoded token, averaged over the decode phase
 */
public record BytesPerToken(long blockMatrixBytes, long normBytes, long outputHeadBytes, long embeddingRowBytes,
                            long kvCacheBytes, double meanContext) {

    /** Bytes per cached position: keys and values, float32, all layers. */
    public static long kvBytesPerPosition(ModelConfig c) {
        return 2L * c.blockCount() * c.kvDim() * Float.BYTES;
    }

    /**
     * For decoding {@code decodeTokens} tokens from position {@code decodeStart} (0, or the length of
     * the prompt it follows): decoded token {@code i} sits at position {@code decodeStart + i} and
     * attends to {@code decodeStart + i + 1} positions, so on average {@code decodeStart + (decodeTokens + 1) / 2}.
     */
    public static BytesPerToken of(GgufFile file, ModelConfig config, int decodeStart, int decodeTokens) {
        long blocks = 0;
        long norms = 0;
        long output = -1;
        long embedding = -1;
        long embeddingRow = 0;
        for (GgufTensorInfo t : file.tensors()) {
            String name = t.name();
            if (name.equals("token_embd.weight")) {
                embedding = t.byteSize();
                embeddingRow = t.byteSize() / t.rowCount();
            } else if (name.equals("output.weight")) {
                output = t.byteSize();
            } else if (name.equals("output_norm.weight") || name.startsWith("blk.") && t.nDims() == 1) {
                norms += t.byteSize();
            } else if (name.startsWith("blk.")) {
                blocks += t.byteSize();
            }
        }
        if (embedding < 0) throw new IllegalArgumentException(file.path() + " has no token_embd.weight");
        double meanContext = decodeStart + (decodeTokens + 1) / 2.0;
        long kv = Math.round(kvBytesPerPosition(config) * meanContext);
        return new BytesPerToken(blocks, norms, output >= 0 ? output : embedding, embeddingRow, kv, meanContext);
    }

    /** Everything but the KV cache. */
    public long weightBytes() {
        return blockMatrixBytes + normBytes + outputHeadBytes + embeddingRowBytes;
    }

    public long total() {
        return weightBytes() + kvCacheBytes;
    }

    /** Decode tokens per second if memory bandwidth were the only limit. */
    public double ceilingTokensPerSecond(double bytesPerSecond) {
        return bytesPerSecond / total();
    }
}
