package bitnet.workbench.gguf;

import java.util.Arrays;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * A metadata array. Elements are kept in a primitive array matching the element type:
 * byte[] for (U)INT8, short[] for (U)INT16, int[] for (U)INT32, long[] for (U)INT64, float[],
 * double[], boolean[], a {@link StringList} (a String[] given here is converted to one), or
 * GgufArray[] for nested arrays. Unsigned values keep their bits.
 */
public record GgufArray(GgufValueType elementType, Object values) {

    public GgufArray {
        Objects.requireNonNull(elementType);
        Objects.requireNonNull(values);
        if (elementType == GgufValueType.STRING && values instanceof String[] strings) values = StringList.of(strings);
        Class<?> expected = storageClass(elementType);
        if (!expected.isInstance(values)) {
            throw new IllegalArgumentException(elementType + " array must be stored as " + expected.getSimpleName());
        }
    }

    static Class<?> storageClass(GgufValueType t) {
        return switch (t) {
            case UINT8, INT8 -> byte[].class;
            case UINT16, INT16 -> short[].class;
            case UINT32, INT32 -> int[].class;
            case UINT64, INT64 -> long[].class;
            case FLOAT32 -> float[].class;
            case FLOAT64 -> double[].class;
            case BOOL -> boolean[].class;
            case STRING -> StringList.class;
            case ARRAY -> GgufArray[].class;
        };
    }

    public static GgufArray ofStrings(String... s) { return new GgufArray(GgufValueType.STRING, s); }
    public static GgufArray ofFloats(float... f) { return new GgufArray(GgufValueType.FLOAT32, f); }
    public static GgufArray ofInt32s(int... i) { return new GgufArray(GgufValueType.INT32, i); }
    public static GgufArray ofArrays(GgufArray... a) { return new GgufArray(GgufValueType.ARRAY, a); }

    public int size() {
        return values instanceof StringList l ? l.size() : java.lang.reflect.Array.getLength(values);
    }

    /** The elements of a string array. */
    public StringList strings() {
        if (!(values instanceof StringList l)) throw new IllegalStateException("not a string array: " + elementType);
        return l;
    }

    /** Integer or bool element i widened to long (unsigned ones zero-extended, UINT64 as its bit pattern). */
    public long longAt(int i) {
        return switch (elementType) {
            case UINT8 -> ((byte[]) values)[i] & 0xFFL;
            case INT8 -> ((byte[]) values)[i];
            case UINT16 -> ((short[]) values)[i] & 0xFFFFL;
            case INT16 -> ((short[]) values)[i];
            case UINT32 -> ((int[]) values)[i] & 0xFFFF_FFFFL;
            case INT32 -> ((int[]) values)[i];
            case UINT64, INT64 -> ((long[]) values)[i];
            case BOOL -> ((boolean[]) values)[i] ? 1 : 0;
            default -> throw new IllegalStateException("not an integer array: " + elementType);
        };
    }

    public String display(int maxItems) {
        int n = size();
        StringJoiner j = new StringJoiner(", ", "[", n > maxItems ? ", ... (" + n + " items)]" : "]");
        for (int i = 0; i < Math.min(n, maxItems); i++) j.add(element(i, maxItems));
        return j.toString();
    }

    private String element(int i, int maxItems) {
        return switch (elementType) {
            case FLOAT32 -> Float.toString(((float[]) values)[i]);
            case FLOAT64 -> Double.toString(((double[]) values)[i]);
            case STRING -> '"' + ((StringList) values).get(i) + '"';
            case ARRAY -> ((GgufArray[]) values)[i].display(maxItems);
            case UINT64 -> Long.toUnsignedString(((long[]) values)[i]);
            default -> Long.toString(longAt(i));
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GgufArray a && a.elementType == elementType && Arrays.deepEquals(new Object[]{values}, new Object[]{a.values});
    }

    @Override
    public int hashCode() {
        return elementType.hashCode() * 31 + Arrays.deepHashCode(new Object[]{values});
    }

    @Override
    public String toString() {
        return elementType + display(8);
    }
}
