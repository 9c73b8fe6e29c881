package bitnet.workbench.convert;

import bitnet.workbench.gguf.GgmlType;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The shape and storage of a synthetic model. {@code arch} null means "the name the engine that
 * reads {@code weightType} expects": {@code bitnet-b1.58} for I2_S (bitnet.cpp), {@code bitnet} otherwise.
 */
public record SyntheticModelSpec(String arch, int layers, int dim, int ffn, int heads, int kvHeads,
                                 GgmlType weightType, GgmlType embeddingType, long seed, int contextLength,
                                 float ropeTheta, float rmsEps) {
    public static final List<String> ARCHITECTURES = List.of("bitnet", "bitnet-b1.58", "bitnet-25", "llama");
    public static final Set<GgmlType> WEIGHT_TYPES = Set.of(GgmlType.I2_S, GgmlType.TQ2_0, GgmlType.TQ1_0, GgmlType.F16, GgmlType.F32);
    public static final Set<GgmlType> EMBEDDING_TYPES = Set.of(GgmlType.F16, GgmlType.Q8_0, GgmlType.Q6_K, GgmlType.F32);

    public SyntheticModelSpec {
        if (arch != null && !ARCHITECTURES.contains(arch)) {
            throw new IllegalArgumentException("unknown architecture '" + arch + "' (supported: " + String.join(", ", ARCHITECTURES) + ")");
        }
        if (!WEIGHT_TYPES.contains(weightType)) throw new IllegalArgumentException("weight type must be one of I2_S, TQ2_0, TQ1_0, F16, F32, not " + weightType);
        if (!EMBEDDING_TYPES.contains(embeddingType)) throw new IllegalArgumentException("embedding type must be one of F16, Q8_0, Q6_K, F32, not " + embeddingType);
        positive("layers", layers);
        positive("dim", dim);
        positive("ffn", ffn);
        positive("heads", heads);
        positive("kv-heads", kvHeads);
        positive("context length", contextLength);
        if (dim % heads != 0) throw new IllegalArgumentException("dim " + dim + " is not divisible by heads " + heads);
        if (heads % kvHeads != 0) throw new IllegalArgumentException("heads " + heads + " is not divisible by kv-heads " + kvHeads);
        if ((dim / heads) % 2 != 0) throw new IllegalArgumentException("head size " + dim / heads + " must be even for RoPE");
        requireMultiple("dim", dim, weightType);
        requireMultiple("ffn", ffn, weightType);
        requireMultiple("dim", dim, embeddingType);
    }

    private static void positive(String what, int v) {
        if (v <= 0) throw new IllegalArgumentException(what + " must be positive, got " + v);
    }

    private static void requireMultiple(String what, int v, GgmlType t) {
        if (v % t.blockSize != 0) {
            throw new IllegalArgumentException(what + " " + v + " must be a multiple of the " + t + " block size " + t.blockSize);
        }
    }

    public String architecture() {
        if (arch != null) return arch;
        return weightType == GgmlType.I2_S ? "bitnet-b1.58" : "bitnet";
    }

    public int headSize() {
        return dim / heads;
    }

    public int kvDim() {
        return headSize() * kvHeads;
    }

    public boolean hasSubNorms() {
        return !architecture().equals("llama");
    }

    /** llama.cpp's {@code general.file_type} (bitnet.cpp uses 40 for I2_S). */
    public int fileType() {
        return switch (weightType) {
            case F32 -> 0;
            case F16 -> 1;
            case TQ1_0 -> 36;
            case TQ2_0 -> 37;
            case I2_S -> 40;
            default -> throw new IllegalStateException();
        };
    }

    public String describe() {
        return String.format(Locale.ROOT, "synthetic %s %dL %dd %dh/%dkv ff%d %s (random ternary, seed %d)",
            architecture(), layers, dim, heads, kvHeads, ffn, weightType, seed);
    }
}
