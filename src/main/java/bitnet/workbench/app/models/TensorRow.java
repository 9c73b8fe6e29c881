package bitnet.workbench.app.models;

import bitnet.workbench.gguf.GgufTensorInfo;

import java.util.Arrays;
import java.util.stream.Collectors;

/** One line of the tensor table. Bits per weight are as stored: block scales and trailers included. */
public record TensorRow(String name, String type, String shape, long elements, long bytes, boolean ternary) {

    public static TensorRow of(GgufTensorInfo t) {
        String shape = Arrays.stream(t.shape()).mapToObj(Long::toString).collect(Collectors.joining(" × "));
        return new TensorRow(t.name(), t.type().name(), shape, t.elementCount(), t.byteSize(), t.type().isTernary());
    }

    public double bitsPerWeight() {
        return elements == 0 ? 0 : 8.0 * bytes / elements;
    }

    /** Whether the filter text (case-insensitive) occurs in the name or the type name. */
    public boolean matches(String filter) {
        if (filter == null || filter.isBlank()) return true;
        String f = filter.strip().toLowerCase(java.util.Locale.ROOT);
        return name.toLowerCase(java.util.Locale.ROOT).contains(f) || type.toLowerCase(java.util.Locale.ROOT).contains(f);
    }
}
