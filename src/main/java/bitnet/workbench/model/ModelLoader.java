package bitnet.workbench.model;

import bitnet.workbench.gguf.GgmlType;
import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.gguf.GgufTensorInfo;
import bitnet.workbench.kernel.Kernels;
import bitnet.workbench.kernel.MatVecKernel;
import bitnet.workbench.kernel.RowReader;
import bitnet.workbench.kernel.WeightMatrix;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds a runnable model from a GGUF file: reads the configuration, checks every tensor's presence,
 * type and shape, and wraps the matrices as views of the mapping. A tensor the forward pass would
 * not use (biases, {@code *.scale}, {@code rope_freqs}) is an error rather than silently ignored,
 * since ignoring it would compute a different function than the file describes.
 */
public final class ModelLoader {
    private ModelLoader() {
    }

    /** A model over an already open file; the caller keeps ownership and closes the file after the model. */
    public static TransformerModel load(GgufFile file, ModelOptions options) {
        return build(file, options, false);
    }

    /** Opens {@code path} and loads it; closing the model closes the file. */
    public static TransformerModel load(Path path, ModelOptions options) throws IOException {
        GgufFile file = GgufFile.open(path);
        try {
            return build(file, options, true);
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    private static TransformerModel build(GgufFile file, ModelOptions options, boolean ownsFile) {
        ModelConfig config = ModelConfig.from(file.metadata());
        if (options.contextLength() > 0) config = config.withContextLength(options.contextLength());
        if (options.ffnActivation() != null) config = config.withFfnActivation(options.ffnActivation());
        MatVecKernel kernel = Kernels.byName(options.kernel());
        ModelWeights weights = new TensorReader(file, config, kernel).read();
        return new TransformerModel(config, options, weights, kernel, file, ownsFile);
    }

    /** Throws unless {@code kernel} can multiply every matrix of {@code weights}. */
    static void checkSupported(ModelWeights weights, MatVecKernel kernel) {
        List<WeightMatrix> all = new ArrayList<>();
        all.add(weights.output());
        for (LayerWeights l : weights.layers()) all.addAll(List.of(l.wq(), l.wk(), l.wv(), l.wo(), l.gate(), l.up(), l.down()));
        for (var m : all) {
            if (!kernel.supports(m.type())) {
                throw new IllegalArgumentException("kernel '" + kernel.name() + "' cannot multiply " + m.type() + " matrix '" + m.name() + "'");
            }
        }
    }

    /** Reads and checks the tensors, remembering which were used. */
    private static final class TensorReader {
        private final GgufFile file;
        private final ModelConfig c;
        private final MatVecKernel kernel;
        private final Set<String> used = new HashSet<>();

        TensorReader(GgufFile file, ModelConfig config, MatVecKernel kernel) {
            this.file = file;
            this.c = config;
            this.kernel = kernel;
        }

        ModelWeights read() {
            int dim = c.embeddingLength();
            WeightMatrix embedding = matrix("token_embd.weight", c.vocabSize(), dim);
            List<LayerWeights> layers = new ArrayList<>();
            for (int l = 0; l < c.blockCount(); l++) {
                String p = "blk." + l + ".";
                boolean sub = c.hasSubNorms();
                layers.add(new LayerWeights(
                    vector(p + "attn_norm.weight", dim),
                    matrix(p + "attn_q.weight", c.queryDim(), dim),
                    matrix(p + "attn_k.weight", c.kvDim(), dim),
                    matrix(p + "attn_v.weight", c.kvDim(), dim),
                    sub ? vector(p + "attn_sub_norm.weight", c.queryDim()) : null,
                    matrix(p + "attn_output.weight", dim, c.queryDim()),
                    vector(p + "ffn_norm.weight", dim),
                    matrix(p + "ffn_gate.weight", c.feedForwardLength(), dim),
                    matrix(p + "ffn_up.weight", c.feedForwardLength(), dim),
                    sub ? vector(p + "ffn_sub_norm.weight", c.feedForwardLength()) : null,
                    matrix(p + "ffn_down.weight", dim, c.feedForwardLength())));
            }
            float[] outputNorm = vector("output_norm.weight", dim);
            WeightMatrix output = file.findTensor("output.weight").isPresent()
                ? matrix("output.weight", c.vocabSize(), dim) : embedding;
            if (output.takesQuantizedInput()) {
                // The reference engines never quantize the lm_head input; refuse rather than invent a rule.
                throw new ModelFormatException("the output matrix '" + output.name() + "' is " + output.type() + "; a ternary lm_head is not supported");
            }
            checkEmbeddingReadable(embedding);
            rejectUnusedTensors();
            return new ModelWeights(embedding, layers, outputNorm, output);
        }

        private WeightMatrix matrix(String name, int rows, int cols) {
            GgufTensorInfo info = require(name);
            if (info.nDims() != 2 || info.rowLength() != cols || info.rowCount() != rows) {
                throw new ModelFormatException("tensor '" + name + "' has shape " + info.shapeString() + " but the configuration needs [" + cols + ", " + rows + "]");
            }
            if (!kernel.supports(info.type())) {
                throw new ModelFormatException("tensor '" + name + "' is " + info.type() + ", which kernel '" + kernel.name() + "' cannot multiply (supported: " + WeightMatrix.MATRIX_TYPES + ")");
            }
            return WeightMatrix.of(file, name);
        }

        private float[] vector(String name, int length) {
            GgufTensorInfo info = require(name);
            if (info.elementCount() != length || info.rowLength() != length) {
                throw new ModelFormatException("tensor '" + name + "' has shape " + info.shapeString() + " but the configuration needs [" + length + "]");
            }
            if (info.type() != GgmlType.F32 && info.type() != GgmlType.F16 && info.type() != GgmlType.BF16) {
                throw new ModelFormatException("norm tensor '" + name + "' is " + info.type() + "; expected F32, F16 or BF16");
            }
            float[] out = new float[length];
            RowReader.read(WeightMatrix.of(name, info.type(), 1, length, file.tensorData(info)), 0, out, 0);
            return out;
        }

        private GgufTensorInfo require(String name) {
            GgufTensorInfo info = file.findTensor(name).orElseThrow(() ->
                new ModelFormatException("tensor '" + name + "' is missing; a " + c.architecture().ggufName() + " model with "
                    + c.blockCount() + " blocks needs it"));
            used.add(name);
            return info;
        }

        private void checkEmbeddingReadable(WeightMatrix embedding) {
            switch (embedding.type()) {
                case F32, F16, BF16, Q8_0, Q6_K -> { }
                default -> throw new ModelFormatException("token_embd.weight is " + embedding.type() + "; embedding lookup supports F32, F16, BF16, Q8_0 and Q6_K");
            }
        }

        private void rejectUnusedTensors() {
            Set<String> unused = new TreeSet<>();
            for (GgufTensorInfo t : file.tensors()) if (!used.contains(t.name())) unused.add(t.name());
            if (!unused.isEmpty()) {
                throw new ModelFormatException("the file has tensors this " + c.architecture().ggufName()
                    + " forward pass does not use, so it would compute a different model: " + abbreviate(unused));
            }
        }

        private static String abbreviate(Set<String> names) {
            List<String> list = new ArrayList<>(names);
            return list.size() <= 8 ? String.join(", ", list) : String.join(", ", list.subList(0, 8)) + " and " + (list.size() - 8) + " more";
        }
    }
}
