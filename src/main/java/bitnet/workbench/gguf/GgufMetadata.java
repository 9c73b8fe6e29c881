package bitnet.workbench.gguf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The key/value metadata of a GGUF file in file order, with typed accessors. A missing key or a
 * value of the wrong type is a {@link GgufMetadataException} naming the file, the key and both types.
 */
public final class GgufMetadata {
    private final Map<String, GgufValue> values;
    private final String source;

    public GgufMetadata(Map<String, GgufValue> values) {
        this(values, null);
    }

    /** {@code source} (usually the file name) prefixes error messages; null for none. */
    public GgufMetadata(Map<String, GgufValue> values, String source) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.source = source;
    }

    public Map<String, GgufValue> asMap() { return values; }
    public Set<String> keys() { return values.keySet(); }
    public boolean has(String key) { return values.containsKey(key); }
    public int size() { return values.size(); }

    public Optional<GgufValue> find(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public GgufValue get(String key) {
        GgufValue v = values.get(key);
        if (v == null) throw error("metadata key '" + key + "' is missing");
        return v;
    }

    public String getString(String key) {
        return (String) expect(key, GgufValueType.STRING).value();
    }

    public Optional<String> findString(String key) {
        return has(key) ? Optional.of(getString(key)) : Optional.empty();
    }

    /** Any integer type, as its bits widened to long (a UINT64 above 2^63-1 comes back negative). */
    public long getLong(String key) {
        GgufValue v = get(key);
        if (!v.type().isInteger()) throw wrongType(key, v, "an integer");
        return (Long) v.value();
    }

    public long getLong(String key, long defaultValue) {
        return has(key) ? getLong(key) : defaultValue;
    }

    /** An integer value that must fit in an int (e.g. a layer count); any integer GGUF type is accepted. */
    public int getInt(String key) {
        GgufValue value = get(key);
        long v = getLong(key);
        if (value.type() == GgufValueType.UINT64 && v < 0 || v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw error("metadata key '" + key + "' = " + value.display(4) + " does not fit in an int");
        }
        return (int) v;
    }

    public int getInt(String key, int defaultValue) {
        return has(key) ? getInt(key) : defaultValue;
    }

    /** FLOAT32 or FLOAT64 (narrowed); integers are accepted too, as converters write either. */
    public float getFloat(String key) {
        return (float) getDouble(key);
    }

    public float getFloat(String key, float defaultValue) {
        return has(key) ? getFloat(key) : defaultValue;
    }

    /** FLOAT64, FLOAT32 (widened) or an integer (UINT64 read as unsigned). */
    public double getDouble(String key) {
        GgufValue v = get(key);
        return switch (v.type()) {
            case FLOAT32 -> (Float) v.value();
            case FLOAT64 -> (Double) v.value();
            case UINT64 -> {
                long bits = (Long) v.value();
                yield bits >= 0 ? bits : Double.parseDouble(Long.toUnsignedString(bits));
            }
            default -> {
                if (v.type().isInteger()) yield (Long) v.value();
                throw wrongType(key, v, "a number");
            }
        };
    }

    public boolean getBoolean(String key) {
        return (Boolean) expect(key, GgufValueType.BOOL).value();
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        return has(key) ? getBoolean(key) : defaultValue;
    }

    public GgufArray getArray(String key) {
        return (GgufArray) expect(key, GgufValueType.ARRAY).value();
    }

    public String[] getStringArray(String key) {
        return getStrings(key).toArray(new String[0]);
    }

    /** A string array as held, without a String per element. */
    public StringList getStrings(String key) {
        GgufArray a = getArray(key);
        if (a.elementType() != GgufValueType.STRING) throw wrongArray(key, a, "strings");
        return a.strings();
    }

    public float[] getFloatArray(String key) {
        GgufArray a = getArray(key);
        if (a.elementType() == GgufValueType.FLOAT32) return ((float[]) a.values()).clone();
        if (a.elementType() == GgufValueType.FLOAT64) {
            double[] d = (double[]) a.values();
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
            return f;
        }
        throw wrongArray(key, a, "floats");
    }

    /** Any integer array, each element widened to int (values that do not fit are an error). */
    public int[] getIntArray(String key) {
        GgufArray a = getArray(key);
        if (!a.elementType().isInteger()) throw wrongArray(key, a, "integers");
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            long v = a.longAt(i);
            boolean unsignedTooBig = a.elementType() == GgufValueType.UINT64 && v < 0;
            if (unsignedTooBig || v != (int) v) {
                throw error("metadata key '" + key + "' element " + i + " = "
                    + (unsignedTooBig ? Long.toUnsignedString(v) : Long.toString(v)) + " does not fit in an int");
            }
            out[i] = (int) v;
        }
        return out;
    }

    private GgufValue expect(String key, GgufValueType type) {
        GgufValue v = get(key);
        if (v.type() != type) throw wrongType(key, v, type.name());
        return v;
    }

    private GgufMetadataException wrongType(String key, GgufValue v, String expected) {
        return error("metadata key '" + key + "' is " + v.type() + ", expected " + expected);
    }

    private GgufMetadataException wrongArray(String key, GgufArray a, String expected) {
        return error("metadata key '" + key + "' is an array of " + a.elementType() + ", expected an array of " + expected);
    }

    private GgufMetadataException error(String message) {
        return new GgufMetadataException(source == null ? message : source + ": " + message);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GgufMetadata m && m.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "GgufMetadata" + values;
    }
}
