package bitnet.workbench.gguf;

/**
 * Totals over a GGUF file's tensors: how many, how many weights, how many bytes, and how many of
 * the weights are stored in a ternary type (TQ1_0, TQ2_0, I2_S).
 */
public record GgufSummary(int tensorCount, long parameters, long tensorBytes, long ternaryParameters, long fileSize) {

    public static GgufSummary of(GgufFile f) {
        long params = 0;
        long bytes = 0;
        long ternary = 0;
        // No overflow: tensor data is disjoint and inside the file, and no type packs much more than 5 weights per byte.
        for (GgufTensorInfo t : f.tensors()) {
            params += t.elementCount();
            bytes += t.byteSize();
            if (t.type().isTernary()) ternary += t.elementCount();
        }
        return new GgufSummary(f.tensors().size(), params, bytes, ternary, f.fileSize());
    }

    /** Share of the weights (by count, not bytes) that are ternary; 0 for a file without weights. */
    public double ternaryShare() {
        return parameters == 0 ? 0 : (double) ternaryParameters / parameters;
    }
}
