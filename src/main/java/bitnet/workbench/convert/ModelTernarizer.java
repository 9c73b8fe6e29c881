package bitnet.workbench.convert;

import bitnet.workbench.gguf.GgmlType;
import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.gguf.GgufTensorInfo;
import bitnet.workbench.gguf.GgufValue;
import bitnet.workbench.gguf.GgufWriter;
import bitnet.workbench.gguf.TensorBytes;
import bitnet.workbench.tensor.TensorFormats;
import bitnet.workbench.tensor.TensorQuantizer;
import bitnet.workbench.tensor.TensorQuantizers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a float model into a ternary one the way BitNet b1.58 defines it: every projection weight
 * becomes absmean-ternarized codes with one scale per tensor; embeddings and the output matrix go
 * to {@code embeddingType}; norms stay F32; all metadata is copied.
 */
public final class ModelTernarizer {
    /** What happens to one tensor, and why, so the command can show it before writing. */
    public record TensorPlan(GgufTensorInfo source, GgmlType target, String reason) {
    }

    private final GgufFile in;
    private final GgmlType ternaryType;
    private final GgmlType embeddingType;

    public ModelTernarizer(GgufFile in, GgmlType ternaryType, GgmlType embeddingType) {
        if (!ternaryType.isTernary()) throw new IllegalArgumentException("--type must be I2_S, TQ2_0 or TQ1_0, not " + ternaryType);
        if (!TensorQuantizers.canQuantize(embeddingType)) throw new IllegalArgumentException("cannot write embeddings as " + embeddingType);
        this.in = in;
        this.ternaryType = ternaryType;
        this.embeddingType = embeddingType;
    }

    public List<TensorPlan> plan() {
        List<TensorPlan> plans = new ArrayList<>();
        for (GgufTensorInfo t : in.tensors()) plans.add(planFor(t));
        return plans;
    }

    private TensorPlan planFor(GgufTensorInfo t) {
        boolean readable = TensorFormats.isSupported(t.type());
        if (BitnetTensorNames.isProjection(t.name()) && t.nDims() == 2) {
            if (!readable) return new TensorPlan(t, t.type(), "kept: cannot read " + t.type());
            if (t.rowLength() % ternaryType.blockSize != 0) {
                return new TensorPlan(t, t.type(), "kept: row length " + t.rowLength() + " is not a multiple of the "
                    + ternaryType + " block size " + ternaryType.blockSize);
            }
            return new TensorPlan(t, ternaryType, "absmean ternarized");
        }
        boolean embedding = t.name().equals(BitnetTensorNames.TOKEN_EMBD) || t.name().equals(BitnetTensorNames.OUTPUT);
        if (embedding && readable && t.type() != embeddingType) {
            if (t.rowLength() % embeddingType.blockSize != 0) {
                return new TensorPlan(t, t.type(), "kept: row length not a multiple of the " + embeddingType + " block size");
            }
            return new TensorPlan(t, embeddingType, "embedding");
        }
        if (t.nDims() == 1 && readable && t.type() != GgmlType.F32) return new TensorPlan(t, GgmlType.F32, "norm/vector kept in F32");
        return new TensorPlan(t, t.type(), "copied");
    }

    public void write(Path out) throws IOException {
        GgufWriter w = new GgufWriter().putAll(in.metadata());
        w.put("general.file_type", GgufValue.ofUint32(switch (ternaryType) {
            case TQ1_0 -> 36;
            case TQ2_0 -> 37;
            default -> 40;
        }));
        w.put("general.quantization_version", GgufValue.ofUint32(2));
        for (TensorPlan p : plan()) {
            GgufTensorInfo t = p.source();
            if (p.target() == t.type()) {
                w.addTensor(t.name(), t.type(), t.shape(), TensorBytes.of(in.tensorData(t)));
                continue;
            }
            TensorRows rows = new TensorRows(in, t);
            TensorQuantizer q = p.target().isTernary()
                ? TensorQuantizers.ternary(p.target(), rows.scan().absmean())
                : TensorQuantizers.of(p.target());
            w.addTensor(t.name(), p.target(), t.shape(), QuantizedTensorStream.of(rows, rows.rowLength, rows.rows, q));
        }
        w.write(out);
    }
}
