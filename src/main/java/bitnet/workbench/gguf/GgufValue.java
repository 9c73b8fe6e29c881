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
        if (value instanceof Long l && !fits(type, l)) {
            throw new IllegalArgumentException(l + " is out of range for " + type);
        }
    }

    /** Whether an integer fits the type, so that writing and reading it back gives the same number. */
    private static boolean fits(GgufValueType type, long v) {
        return switch (type) {
            case UINT8 -> v >= 0 && v <= 0xFF;
            case INT8 -> v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE;
            case UINT16 -> v >= 0 && v <= 0xFFFF;
            case INT16 -> v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
            case UINT32 -> v >= 0 && v <= 0xFFFF_FFFFL;
            case INT32 -> v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
            default -> true; // 64-bit types hold any long (UINT64 as its bit pattern)
        };
    }

    public static GgufValue ofString(String s) { return new GgufValue(GgufValueType.STRING, s); }
    public static GgufValue ofUint8(int v) { return new GgufValue(GgufValueType.UINT8, (long) v); }
    public static GgufValue ofInt8(int v) { return new GgufValue(GgufValueType.INT8, (long) v); }
    public static GgufValue ofUint16(int v) { return new GgufValue(GgufValueType.UINT16, (long) v); }
    public static GgufValue ofInt16(int v) { return new GgufValue(GgufValueType.INT16, (long) v); }
    public static GgufValue ofUint32(long v) { return new GgufValue(GgufValueType.UINT32, v); }
    public static GgufValue ofInt32(int v) { return new GgufValue(GgufValueType.INT32, (long) v); }
    /** {@code v} is taken as the bit pattern of the unsigned value. */
    public static GgufValue ofUint64(long v) { return new GgufValue(GgufValueType.UINT64, v); }
    public static GgufValue ofInt64(long v) { return new GgufValue(GgufValueType.INT64, v); }
    public static GgufValue ofFloat32(float v) { return new GgufValue(GgufValueType.FLOAT32, v); }
    public static GgufValue ofFloat64(double v) { return new GgufValue(GgufValueType.FLOAT64, v); }
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
