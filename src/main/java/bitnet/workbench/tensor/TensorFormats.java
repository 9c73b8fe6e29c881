package bitnet.workbench.tensor;

import bitnet.workbench.gguf.GgmlType;

import java.lang.foreign.MemorySegment;
import java.util.EnumMap;
import java.util.Map;

/** The registry of storage formats the engine reads. */
public final class TensorFormats {
    private static final Map<GgmlType, TensorFormat> FORMATS = new EnumMap<>(GgmlType.class);

    static {
        register(new F32Format());
        register(new F16Format());
        register(new Bf16Format());
        register(new Q8_0Format());
        register(new Q4_0Format());
        register(new Q4_KFormat());
        register(new Q6_KFormat());
        register(new TQ1_0Format());
        register(new TQ2_0Format());
        register(new I2_SFormat());
    }

    private TensorFormats() {
    }

    private static void register(TensorFormat f) {
        FORMATS.put(f.type(), f);
    }

    public static boolean isSupported(GgmlType type) {
        return FORMATS.containsKey(type);
    }

    public static TensorFormat of(GgmlType type) {
        TensorFormat f = FORMATS.get(type);
        if (f == null) throw new UnsupportedTensorTypeException("tensor type " + type + " is not supported (supported: " + FORMATS.keySet() + ")");
        return f;
    }

    /**
     * The float32 scale of a whole I2_S tensor, stored after its codes; {@code tensorData} must be the
     * tensor's complete data ({@code GgufFile.tensorData}).
     */
    public static float i2sTensorScale(MemorySegment tensorData) {
        return I2_SFormat.scale(tensorData);
    }
}
