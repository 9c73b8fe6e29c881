package bitnet.workbench.gguf;

import java.util.Objects;

/**
 * One metadata value with its exact GGUF type, so a copied value is written back unchanged.
 * Integers are held as {@link Long} (unsigned 64-bit values keep their bit pattern), FLOAT32 as
 * {@link Float}, FLOAT64 as {@link Double}, BOOL as {@link Boolean}, STRING as {@link String},
 * ARRAY as {@link GgufArray}.
 */
public record GgufValue(GgufValueType type, Object value) {

    public GgufValue {
        Objects.requireNonNull(type);
        Objects.requireNonNull(value);
        Class<?> expected = switch (type) {
            case UINT8, INT8, UINT16, INT16, UINT32, INT32, UINT64, INT64 -> Long.class;
            case FLOAT32 -> Float.class;
            case FLOAT64 -> Double.class;
            case BOOL -> Boolean.class;
            case STRING -> String.class;
            case ARRAY -> GgufArray.class;
        };
        if (!expected.isInstance(value)) {
            throw new IllegalArgumentException(type + " value must be a " + expected.getSimpleName() + ", not " + value.getClass().getSimpleName());
        }
    }

    public static GgufValue ofString(String s) { return new GgufValue(GgufValueType.STRING, s); }
    public static GgufValue ofUint32(long v) { return new GgufValue(GgufValueType.UINT32, v); }
    public static GgufValue ofInt32(int v) { return new GgufValue(GgufValueType.INT32, (long) v); }
    public static GgufValue ofUint64(long v) { return new GgufValue(GgufValueType.UINT64, v); }
    public static GgufValue ofFloat32(float v) { return new GgufValue(GgufValueType.FLOAT32, v); }
    public static GgufValue ofBool(boolean v) { return new GgufValue(GgufValueType.BOOL, v); }
    public static GgufValue ofArray(GgufArray a) { return new GgufValue(GgufValueType.ARRAY, a); }

    /** A short human-readable rendering; long arrays are summarized. */
    public String display(int maxArrayItems) {
        return switch (type) {
            case ARRAY -> ((GgufArray) value).display(maxArrayItems);
            case STRING -> (String) value;
            case UINT64 -> Long.toUnsignedString((Long) value);
            default -> String.valueOf(value);
        };
    }

    @Override
    public String toString() {
        return type + ":" + display(8);
    }
}
