package bitnet.workbench.app.settings;

import bitnet.workbench.io.AtomicFiles;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Small JSON files in the workbench home. Writes go to a temporary file that is flushed and then
 * moved over the target, so a crash mid-write leaves the old file intact rather than half a file.
 */
public final class JsonFiles {
    private static final Logger LOG = LoggerFactory.getLogger(JsonFiles.class);
    private static final ObjectMapper MAPPER = new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private JsonFiles() {
    }

    /** The file's content, or empty when it is missing or unreadable (a broken file must not stop the app). */
    public static <T> Optional<T> read(Path file, Class<T> type) {
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            return Optional.ofNullable(MAPPER.readValue(file.toFile(), type));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Ignoring unreadable {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    public static void writeAtomically(Path file, Object value) throws IOException {
        byte[] json = MAPPER.writeValueAsBytes(value);
        AtomicFiles.write(file, json);
    }

    /** Writes and logs a failure instead of throwing: losing a preference must not interrupt the user. */
    public static void writeQuietly(Path file, Object value) {
        try {
            writeAtomically(file, value);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not save {}: {}", file, e.getMessage());
        }
    }
}
