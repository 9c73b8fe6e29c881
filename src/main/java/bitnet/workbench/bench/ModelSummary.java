package bitnet.workbench.bench;

import bitnet.workbench.gguf.GgmlType;
import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.gguf.GgufTensorInfo;
import bitnet.workbench.model.ModelConfig;

import java.util.Set;
import java.util.TreeSet;

/**
 * The model a run measured, as saved with the run: enough to tell two files apart and to label a
 * chart (name, size, shape, storage types).
 *
 * @param blockMatrixTypes the storage types of the block matrices, e.g. {@code "I2_S"}
 * @param outputType       the storage type of the output head
 */
public record ModelSummary(String path, String name, String architecture, long fileBytes, int layers,
                           int embeddingLength, int feedForwardLength, int heads, int kvHeads, int vocabSize,
                           int contextLength, String blockMatrixTypes, String outputType, boolean tiedEmbedding) {

    public static ModelSummary of(GgufFile file, ModelConfig c) {
        Set<String> blockTypes = new TreeSet<>();
        GgmlType output = null;
        GgmlType embedding = null;
        for (GgufTensorInfo t : file.tensors()) {
            if (t.name().startsWith("blk.") && t.nDims() == 2) blockTypes.add(t.type().name());
            if (t.name().equals("output.weight")) output = t.type();
            if (t.name().equals("token_embd.weight")) embedding = t.type();
        }
        String name = file.metadata().findString("general.name").orElse(file.path().getFileName().toString());
        GgmlType head = output != null ? output : embedding;
        return new ModelSummary(file.path().toAbsolutePath().toString(), name, c.architecture().ggufName(), file.fileSize(),
            c.blockCount(), c.embeddingLength(), c.feedForwardLength(), c.headCount(), c.headCountKv(), c.vocabSize(),
            c.contextLength(), String.join("+", blockTypes), head == null ? "?" : head.name(), output == null);
    }

    /** e.g. {@code "2b4t.gguf: bitnet, 30 layers, I2_S + Q6_K head (tied), 800 MB"}. */
    public String describe() {
        String file = java.nio.file.Path.of(path).getFileName().toString();
        return file + ": " + architecture + ", " + layers + " layers × " + embeddingLength + ", " + blockMatrixTypes + " + "
            + outputType + " head" + (tiedEmbedding ? " (tied)" : "") + ", " + String.format(java.util.Locale.ROOT, "%.1f MB", fileBytes / 1e6);
    }
}
