package bitnet.workbench.bench;

import bitnet.workbench.io.AtomicFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Saves and loads a {@link BenchRun} as JSON: an object with {@code "format":
 * "bitnet-workbench-bench"} and {@code "formatVersion": 1} followed by the run's fields (see the
 * records for their meaning). Unknown fields are ignored on reading, so a newer writer that only
 * adds fields stays readable.
 */
public final class BenchJson {
    public static final String FORMAT = "bitnet-workbench-bench";
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .build();

    private BenchJson() {
    }

    public static String toJson(BenchRun run) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        root.setAll((ObjectNode) MAPPER.valueToTree(run));
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the run as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes {@code run} to {@code file} atomically. */
    public static void write(BenchRun run, Path file) throws IOException {
        byte[] bytes = toJson(run).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /** Reads a run saved by {@link #write}; anything else is an IOException saying what is wrong. */
    public static BenchRun read(Path file) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw new IOException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        return fromTree(root, file.toString());
    }

    public static BenchRun fromJson(String json) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IOException("not valid JSON: " + e.getOriginalMessage(), e);
        }
        return fromTree(root, "the text");
    }

    private static BenchRun fromTree(JsonNode root, String source) throws IOException {
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText(null))) {
            throw new IOException(source + " is not a saved benchmark run (no \"format\": \"" + FORMAT + "\")");
        }
        int version = root.path("formatVersion").asInt(-1);
        if (version != FORMAT_VERSION) {
            throw new IOException(source + " has benchmark format version " + root.path("formatVersion") + "; this workbench reads version " + FORMAT_VERSION);
        }
        try {
            return MAPPER.treeToValue(root, BenchRun.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IOException(source + " is not a complete benchmark run: " + e.getMessage(), e);
        }
    }
}
