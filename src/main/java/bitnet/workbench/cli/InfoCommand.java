package bitnet.workbench.cli;

import bitnet.workbench.gguf.GgmlType;
import bitnet.workbench.gguf.GgufArray;
import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.gguf.GgufSummary;
import bitnet.workbench.gguf.GgufTensorInfo;
import bitnet.workbench.gguf.GgufValue;
import bitnet.workbench.gguf.GgufValueType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** Prints a GGUF file's metadata, tensor table and totals, as text or as one JSON document. */
@Command(name = "info", description = "Show a GGUF file's metadata, tensors and totals.")
public final class InfoCommand implements Callable<Integer> {
    /** Array elements shown before the rest is summarized by its count. */
    static final int ARRAY_ITEMS = 8;
    /** Longest string value shown in the text output (JSON carries strings whole). */
    static final int TEXT_STRING_CHARS = 120;

    @Parameters(paramLabel = "FILE", description = "The GGUF file.")
    Path file;

    @Option(names = "--json", description = "Print one JSON document instead of text.")
    boolean json;

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!Files.exists(file)) throw new NoSuchFileException(file.toString(), null, "no such file");
        if (Files.isDirectory(file)) throw new IOException(file + ": is a directory, not a GGUF file");
        PrintWriter out = spec.commandLine().getOut();
        try (GgufFile f = GgufFile.open(file)) {
            if (json) printJson(f, out);
            else printText(f, out);
        }
        out.flush();
        return 0;
    }

    private static void printText(GgufFile f, PrintWriter out) {
        GgufSummary s = GgufSummary.of(f);
        out.println(f.path());
        out.printf(Locale.ROOT, "GGUF v%d, %d metadata keys, %d tensors, alignment %d, data at byte %d%n",
            f.version(), f.metadata().size(), s.tensorCount(), f.alignment(), f.dataOffset());
        out.println();
        out.println("Metadata");
        int keyWidth = f.metadata().keys().stream().mapToInt(String::length).max().orElse(0);
        for (Map.Entry<String, GgufValue> e : f.metadata().asMap().entrySet()) {
            out.printf(Locale.ROOT, "  %-" + keyWidth + "s  %-7s %s%n", e.getKey(), e.getValue().type(), text(e.getValue()));
        }
        out.println();
        out.println("Tensors");
        int nameWidth = Math.max(4, f.tensors().stream().mapToInt(t -> t.name().length()).max().orElse(0));
        String row = "  %-" + nameWidth + "s  %-7s %-22s %14s %10s%n";
        if (f.tensors().isEmpty()) out.println("  (no tensors)");
        else out.printf(Locale.ROOT, row, "name", "type", "shape", "bytes", "bits/w");
        for (GgufTensorInfo t : f.tensors()) {
            out.printf(Locale.ROOT, row, t.name(), t.type(), t.shapeString(), t.byteSize(), bitsPerWeight(t));
        }
        out.println();
        out.println("Totals");
        out.printf(Locale.ROOT, "  tensors        %d%n", s.tensorCount());
        out.printf(Locale.ROOT, "  parameters     %d%n", s.parameters());
        out.printf(Locale.ROOT, "  tensor bytes   %d%n", s.tensorBytes());
        out.printf(Locale.ROOT, "  ternary        %.2f %% of parameters (%d in TQ1_0/TQ2_0/I2_S)%n", 100 * s.ternaryShare(), s.ternaryParameters());
        out.printf(Locale.ROOT, "  file size      %d bytes (%s)%n", s.fileSize(), humanBytes(s.fileSize()));
    }

    private static String bitsPerWeight(GgufTensorInfo t) {
        double b = t.bitsPerWeight();
        return Double.isNaN(b) ? "-" : String.format(Locale.ROOT, "%.3f", b);
    }

    /** A value as one line of text: strings escaped and cut short, arrays as their first items and count. */
    static String text(GgufValue v) {
        return switch (v.type()) {
            case STRING -> quote((String) v.value(), TEXT_STRING_CHARS);
            case ARRAY -> text((GgufArray) v.value());
            case UINT64 -> Long.toUnsignedString((Long) v.value());
            default -> String.valueOf(v.value());
        };
    }

    private static String text(GgufArray a) {
        int n = a.size();
        StringBuilder b = new StringBuilder().append(a.elementType()).append('[').append(n).append("] [");
        for (int i = 0; i < Math.min(n, ARRAY_ITEMS); i++) {
            if (i > 0) b.append(", ");
            b.append(elementText(a, i));
        }
        if (n > ARRAY_ITEMS) b.append(", ... ").append(n - ARRAY_ITEMS).append(" more");
        return b.append(']').toString();
    }

    private static String elementText(GgufArray a, int i) {
        return switch (a.elementType()) {
            case STRING -> quote(a.strings().get(i), 40);
            case FLOAT32 -> Float.toString(((float[]) a.values())[i]);
            case FLOAT64 -> Double.toString(((double[]) a.values())[i]);
            case ARRAY -> text(((GgufArray[]) a.values())[i]);
            case UINT64 -> Long.toUnsignedString(((long[]) a.values())[i]);
            default -> Long.toString(a.longAt(i));
        };
    }

    /** Double-quoted, control characters escaped, cut after {@code max} characters with the full length noted. */
    static String quote(String s, int max) {
        StringBuilder b = new StringBuilder("\"");
        int shown = Math.min(s.length(), max);
        for (int i = 0; i < shown; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) b.append(String.format("\\x%02x", (int) c));
                    else b.append(c);
                }
            }
        }
        b.append('"');
        if (s.length() > max) b.append("... (").append(s.length()).append(" chars)");
        return b.toString();
    }

    private static String humanBytes(long n) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? n + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    private static void printJson(GgufFile f, PrintWriter out) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        GgufSummary s = GgufSummary.of(f);
        ObjectNode root = mapper.createObjectNode();
        root.put("file", f.path().toString());
        root.put("version", f.version());
        root.put("alignment", f.alignment());
        root.put("dataOffset", f.dataOffset());
        ObjectNode meta = root.putObject("metadata");
        f.metadata().asMap().forEach((k, v) -> meta.set(k, jsonValue(mapper, v)));
        ArrayNode tensors = root.putArray("tensors");
        for (GgufTensorInfo t : f.tensors()) {
            ObjectNode n = tensors.addObject();
            n.put("name", t.name());
            n.put("type", t.type().name());
            ArrayNode shape = n.putArray("shape");
            for (long d : t.shape()) shape.add(d);
            n.put("parameters", t.elementCount());
            n.put("bytes", t.byteSize());
            double bpw = t.bitsPerWeight();
            if (Double.isNaN(bpw)) n.putNull("bitsPerWeight");
            else n.put("bitsPerWeight", bpw);
            n.put("offset", t.offset());
        }
        ObjectNode totals = root.putObject("totals");
        totals.put("tensors", s.tensorCount());
        totals.put("parameters", s.parameters());
        totals.put("tensorBytes", s.tensorBytes());
        totals.put("ternaryParameters", s.ternaryParameters());
        totals.put("ternaryShare", s.ternaryShare());
        ArrayNode ternaryTypes = totals.putArray("ternaryTypes");
        for (GgmlType t : GgmlType.values()) if (t.isTernary()) ternaryTypes.add(t.name());
        totals.put("fileSize", s.fileSize());
        out.println(mapper.writeValueAsString(root));
    }

    /** {"type": ..., "value": ...} for a scalar; {"type": "ARRAY", "elementType", "count", "first": [...]} for an array. */
    private static ObjectNode jsonValue(ObjectMapper mapper, GgufValue v) {
        ObjectNode n = mapper.createObjectNode();
        n.put("type", v.type().name());
        if (v.type() == GgufValueType.ARRAY) {
            jsonArray(n, (GgufArray) v.value());
            return n;
        }
        switch (v.type()) {
            case FLOAT32 -> n.put("value", (Float) v.value());
            case FLOAT64 -> n.put("value", (Double) v.value());
            case BOOL -> n.put("value", (Boolean) v.value());
            case STRING -> n.put("value", (String) v.value());
            case UINT64 -> n.put("value", unsigned((Long) v.value()));
            default -> n.put("value", (Long) v.value());
        }
        return n;
    }

    private static void jsonArray(ObjectNode n, GgufArray a) {
        n.put("elementType", a.elementType().name());
        n.put("count", a.size());
        ArrayNode first = n.putArray("first");
        for (int i = 0; i < Math.min(a.size(), ARRAY_ITEMS); i++) {
            switch (a.elementType()) {
                case STRING -> first.add(a.strings().get(i));
                case FLOAT32 -> first.add(((float[]) a.values())[i]);
                case FLOAT64 -> first.add(((double[]) a.values())[i]);
                case BOOL -> first.add(((boolean[]) a.values())[i]);
                case UINT64 -> first.add(unsigned(((long[]) a.values())[i]));
                case ARRAY -> jsonArray(first.addObject(), ((GgufArray[]) a.values())[i]);
                default -> first.add(a.longAt(i));
            }
        }
    }

    private static BigInteger unsigned(long bits) {
        return new BigInteger(Long.toUnsignedString(bits));
    }
}
