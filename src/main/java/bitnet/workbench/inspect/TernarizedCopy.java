package bitnet.workbench.inspect;

import bitnet.workbench.convert.BitnetTensorNames;
import bitnet.workbench.engine.LoadedModel;
import bitnet.workbench.gguf.GgmlType;
import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.gguf.GgufTensorInfo;
import bitnet.workbench.gguf.GgufWriter;
import bitnet.workbench.gguf.TensorBytes;
import bitnet.workbench.model.ModelOptions;
import bitnet.workbench.tensor.TensorFormat;
import bitnet.workbench.tensor.TensorFormats;
import bitnet.workbench.tensor.TernaryScale;
import bitnet.workbench.tensor.Ternarization;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A float model with every projection replaced by its absmean ternarization, for comparing the two
 * side by side. The ternary weights are stored as F32 values (code × γ) rather than in a ternary
 * format: small float models such as stories260K have rows of 64, which no ternary block (128 or
 * 256) divides, and the preview is about what ternarizing the weights does to the output, not about
 * storage. Consequently its projections take float activations (no int8 step), so the difference
 * seen is the weights' alone. The copy is a temporary file, deleted on {@link #close}.
 */
public final class TernarizedCopy implements AutoCloseable {
    /** Largest source model copied (the copy is written to the temporary directory in F32). */
    public static final long MAX_SOURCE_BYTES = 2L << 30;

    private final Path file;
    private final LoadedModel model;

    private TernarizedCopy(Path file, LoadedModel model) {
        this.file = file;
        this.model = model;
    }

    public LoadedModel model() { return model; }

    /** Writes the ternarized copy of {@code source} to a temporary file and loads it. */
    public static TernarizedCopy of(GgufFile source, ModelOptions options) throws IOException {
        if (source.fileSize() > MAX_SOURCE_BYTES) {
            throw new IllegalArgumentException("the ternarize preview is for small float models; "
                + source.path().getFileName() + " is " + source.fileSize() / (1 << 20) + " MiB");
        }
        GgufWriter w = new GgufWriter().putAll(source.metadata());
        int converted = 0;
        for (GgufTensorInfo t : source.tensors()) {
            if (isFloatProjection(t)) {
                w.addTensor(t.name(), GgmlType.F32, t.shape(), ternarized(source, t));
                converted++;
            } else {
                w.addTensor(t.name(), t.type(), t.shape(), TensorBytes.of(source.tensorData(t)));
            }
        }
        if (converted == 0) throw new IllegalArgumentException("the model has no float projection weights to ternarize");
        Path tmp = Files.createTempFile("workbench-ternarized-", ".gguf");
        try {
            w.write(tmp);
            return new TernarizedCopy(tmp, LoadedModel.open(tmp, options));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** A projection matrix stored in a float or non-ternary quantized type that the tensor package reads. */
    public static boolean isFloatProjection(GgufTensorInfo t) {
        return BitnetTensorNames.isProjection(t.name()) && t.nDims() == 2 && !t.type().isTernary() && TensorFormats.isSupported(t.type());
    }

    private static TensorBytes ternarized(GgufFile source, GgufTensorInfo t) {
        return out -> {
            TensorFormat f = TensorFormats.of(t.type());
            int row = (int) t.rowLength();
            float[] buf = new float[row];
            TernaryScale scan = new TernaryScale();
            for (long r = 0; r < t.rowCount(); r++) {
                f.dequantize(source.tensorData(t), r * row, row, buf, 0);
                scan.add(buf);
            }
            Ternarization.RoundToScale rule = scan.absmean();
            ByteBuffer bytes = ByteBuffer.allocate(row * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (long r = 0; r < t.rowCount(); r++) {
                f.dequantize(source.tensorData(t), r * row, row, buf, 0);
                bytes.clear();
                for (float v : buf) bytes.putFloat(rule.code(v) * rule.scale());
                bytes.flip();
                TensorBytes.writeFully(out, bytes);
            }
        };
    }

    @Override
    public void close() {
        model.close();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }
}
