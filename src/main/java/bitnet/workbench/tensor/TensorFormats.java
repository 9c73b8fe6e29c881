package bitnet.workbench.tensor;

import bitnet.workbench.gguf.GgmlType;

import java.util.EnumMap;
import java.util.Map;

/** The registry of storage formats the engine reads. */
public final class TensorFormats {
    private static final Map<GgmlType, TensorFormat> FORMATS = new EnumMap<>(GgmlType.class);

    static {
        register(new F32Format());
        register(new F16Format());
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
}
