package bitnet.workbench.inspect;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Model statistics kept on disk, one JSON file per model path, so reopening a model shows its
 * statistics at once. An entry is used only if its {@link CacheKey} matches the file as it is now;
 * a changed file gets a fresh entry that replaces the old one. Writes go to a temporary file that
 * is then moved into place, so a crash never leaves a half-written entry. A damaged or unreadable
 * entry is a miss, never an error.
 */
public final class StatisticsCache {
    /** Bumped whenever the statistics change meaning, so older entries are ignored. */
    static final int FORMAT = 1;
    private static final Logger LOG = LoggerFactory.getLogger(StatisticsCache.class);

    private final Path dir;
    private final ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private record Entry(int format, String path, ModelStatistics statistics) {
    }

    public StatisticsCache(Path dir) {
        this.dir = dir;
    }

    public Path dir() { return dir; }

    /** The statistics stored for {@code model}, if they were computed from a file with this {@code key}. */
    public Optional<ModelStatistics> load(Path model, CacheKey key) {
        Path f = entryFile(model);
        if (!Files.isRegularFile(f)) return Optional.empty();
        try {
            Entry e = json.readValue(f.toFile(), Entry.class);
            if (e.format() != FORMAT || e.statistics() == null || !key.equals(e.statistics().key())) return Optional.empty();
            return Optional.of(e.statistics());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Ignoring the unreadable statistics cache entry {}: {}", f, e.getMessage());
            return Optional.empty();
        }
    }

    /** Stores {@code stats} for {@code model}, replacing any previous entry atomically. */
    public void store(Path model, ModelStatistics stats) throws IOException {
        Files.createDirectories(dir);
        Path target = entryFile(model);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, json.writeValueAsString(new Entry(FORMAT, model.toAbsolutePath().toString(), stats)), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The entry's file: a hash of the model's absolute path, so one model has one entry. */
    Path entryFile(Path model) {
        String abs = model.toAbsolutePath().normalize().toString();
        String hash = CacheKey.sha256(java.lang.foreign.MemorySegment.ofArray(abs.getBytes(StandardCharsets.UTF_8)));
        String name = model.getFileName() == null ? "model" : model.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        if (name.length() > 60) name = name.substring(0, 60);
        return dir.resolve(name + "-" + hash.substring(0, 16) + ".stats.json");
    }
}
