package bitnet.workbench.app.models;

import bitnet.workbench.gguf.GgufArray;
import bitnet.workbench.gguf.GgufMetadata;
import bitnet.workbench.gguf.GgufValue;
import bitnet.workbench.gguf.GgufValueType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One metadata key as shown in the property sheet: arrays become their first items plus a count,
 * long strings (chat templates) are cut, so a 128k-token vocabulary does not flood the view.
 */
public record MetadataEntry(String key, String category, String type, String value) {
    static final int ARRAY_ITEMS = 8;
    static final int MAX_STRING = 200;

    public static List<MetadataEntry> listOf(GgufMetadata metadata) {
        List<MetadataEntry> out = new ArrayList<>(metadata.size());
        for (Map.Entry<String, GgufValue> e : metadata.asMap().entrySet()) out.add(of(e.getKey(), e.getValue()));
        return List.copyOf(out);
    }

    static MetadataEntry of(String key, GgufValue v) {
        int dot = key.indexOf('.');
        String category = dot > 0 ? key.substring(0, dot) : "other";
        return new MetadataEntry(key, category, typeName(v), summarize(v));
    }

    private static String typeName(GgufValue v) {
        if (v.type() != GgufValueType.ARRAY) return v.type().name().toLowerCase(java.util.Locale.ROOT);
        GgufArray a = (GgufArray) v.value();
        return a.elementType().name().toLowerCase(java.util.Locale.ROOT) + "[" + a.size() + "]";
    }

    private static String summarize(GgufValue v) {
        String s = v.display(ARRAY_ITEMS);
        if (v.type() == GgufValueType.STRING && s.length() > MAX_STRING) {
            return s.substring(0, MAX_STRING) + "… (" + s.length() + " characters)";
        }
        return s;
    }
}
