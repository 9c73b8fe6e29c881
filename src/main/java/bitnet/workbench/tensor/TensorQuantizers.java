package bitnet.workbench.tensor;

import bitnet.workbench.gguf.GgmlType;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Finds the {@link TensorQuantizer} for a storage type. Float and block types need nothing else
 * ({@link #of}); ternary types need a {@link Ternarization} fixed before the first row ({@link #ternary}).
 * Q4_K has a reader but no quantizer.
 */
public final class TensorQuantizers {
    private static final Set<GgmlType> PLAIN = EnumSet.of(GgmlType.F32, GgmlType.F16, GgmlType.BF16, GgmlType.Q8_0, GgmlType.Q4_0, GgmlType.Q6_K);
    private static final Set<GgmlType> TERNARY = EnumSet.of(GgmlType.TQ1_0, GgmlType.TQ2_0, GgmlType.I2_S);

    private TensorQuantizers() {
    }

    public static boolean canQuantize(GgmlType type) {
        return PLAIN.contains(type) || TERNARY.contains(type);
    }

    /** The quantizer of a float or block type (F32, F16, BF16, Q8_0, Q4_0, Q6_K). */
    public static TensorQuantizer of(GgmlType type) {
        Objects.requireNonNull(type, "type");
        return switch (type) {
            case F32, F16, BF16 -> new FloatQuantizer(type);
            case Q8_0 -> new Q8_0Quantizer();
            case Q4_0 -> new Q4_0Quantizer();
            case Q6_K -> new Q6_KQuantizer();
            case TQ1_0, TQ2_0, I2_S -> throw new IllegalArgumentException(type + " is ternary: its scale must be known first; use TensorQuantizers.ternary(type, rule)");
            default -> throw new UnsupportedTensorTypeException("cannot quantize to " + type + " (supported: " + PLAIN + " and " + TERNARY + ")");
        };
    }

    /**
     * The quantizer of a ternary type under {@code rule}. I2_S stores one scale per tensor, so it needs
     * a {@link Ternarization.PerTensor} rule; TQ1_0/TQ2_0 store the rule's scale as every block's fp16 d,
     * or with {@link Ternarization.GgmlBlockAbsmax} each block's own max, as llama.cpp does.
     */
    public static TensorQuantizer ternary(GgmlType type, Ternarization rule) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(rule, "rule");
        return switch (type) {
            case TQ1_0 -> new TQ1_0Quantizer(rule);
            case TQ2_0 -> new TQ2_0Quantizer(rule);
            case I2_S -> {
                if (!(rule instanceof Ternarization.PerTensor perTensor)) {
                    throw new IllegalArgumentException("I2_S stores one scale per tensor; " + rule + " has per-block scales");
                }
                yield new I2_SQuantizer(perTensor);
            }
            default -> throw new IllegalArgumentException(type + " is not a ternary type (TQ1_0, TQ2_0, I2_S)");
        };
    }
}
