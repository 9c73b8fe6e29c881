package bitnet.workbench.train;

import bitnet.workbench.gguf.GgmlType;
import bitnet.workbench.gguf.GgufArray;
import bitnet.workbench.gguf.GgufValue;
import bitnet.workbench.gguf.GgufWriter;
import bitnet.workbench.tensor.TensorQuantizer;
import bitnet.workbench.tensor.TensorQuantizers;
import bitnet.workbench.tensor.Ternarization;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link TrainedModel} as GGUF: BitLinear matrices ternary in {@code ternaryType} (I2_S or
 * TQ2_0) with the absmean scale training used, so the file computes what the quantized forward
 * pass of training computed; the tied embedding in {@code embeddingType} (F16 by default, as
 * 2B4T ships it); norms in F32.
 */
public record GgufExporter(GgmlType ternaryType, GgmlType embeddingType, String modelName) implements ModelExporter {
    public GgufExporter {
        if (ternaryType != GgmlType.I2_S && ternaryType != GgmlType.TQ2_0 && ternaryType != GgmlType.TQ1_0) {
            throw new IllegalArgumentException("ternary type must be I2_S, TQ2_0 or TQ1_0, not " + ternaryType);
        }
        if (embeddingType != GgmlType.F16 && embeddingType != GgmlType.F32) {
            throw new IllegalArgumentException("embedding type must be F16 or F32, not " + embeddingType);
        }
    }

    public static GgufExporter of(GgmlType ternaryType) {
        return new GgufExporter(ternaryType, GgmlType.F16, "bitnet-workbench-trained");
    }

    /** File name suffix such as {@code i2_s} or {@code tq2_0}. */
    public String suffix() {
        return ternaryType.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public void export(TrainedModel model, Path file) throws IOException {
        GgufLayout layout = GgufLayout.of(model, modelName);
        GgufWriter w = new GgufWriter();
        for (Map.Entry<String, Object> e : layout.metadata().entrySet()) w.put(e.getKey(), value(e.getKey(), e.getValue()));
        w.put("general.file_type", GgufValue.ofUint32(switch (ternaryType) {
            case TQ1_0 -> 36;
            case TQ2_0 -> 37;
            default -> 40; // bitnet.cpp's I2_S
        }));
        w.put("general.quantization_version", GgufValue.ofUint32(2));
        for (GgufLayout.Tensor t : layout.tensors()) {
            int rowLength = (int) t.shape()[0];
            GgmlType type;
            TensorQuantizer q;
            if (t.ternary()) {
                type = ternaryType;
                q = TensorQuantizers.ternary(type, Ternarization.roundToScale(BitQuant.absmeanScale(t.data())));
            } else {
                type = t.shape().length == 1 ? GgmlType.F32 : embeddingType;
                q = TensorQuantizers.of(type);
            }
            if (rowLength % type.blockSize != 0) {
                throw new IllegalArgumentException(t.name() + ": row length " + rowLength + " is not a multiple of the "
                    + type + " block size " + type.blockSize + " (choose dim and ffn as multiples of " + type.blockSize + ")");
            }
            w.addTensor(t.name(), type, t.shape(), q.quantizeTensor(t.data(), rowLength));
        }
        w.write(file);
    }

    private static GgufValue value(String key, Object v) {
        return switch (v) {
            case String s -> GgufValue.ofString(s);
            case Integer i -> key.endsWith("_id") || i >= 0 ? GgufValue.ofUint32(i) : GgufValue.ofInt32(i);
            case Float f -> GgufValue.ofFloat32(f);
            case Boolean b -> GgufValue.ofBool(b);
            case int[] a -> GgufValue.ofArray(GgufArray.ofInt32s(a));
            case List<?> l -> GgufValue.ofArray(GgufArray.ofStrings(l.stream().map(String.class::cast).toArray(String[]::new)));
            default -> throw new IllegalArgumentException("metadata " + key + " has an unsupported value type " + v.getClass());
        };
    }
}
