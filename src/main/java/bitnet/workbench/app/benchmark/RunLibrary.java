package bitnet.workbench.app.benchmark;

import bitnet.workbench.bench.BenchJson;
import bitnet.workbench.bench.BenchRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Saved benchmark runs: one JSON file per run (the {@code bench --json} format) in
 * {@code <workbench home>/benchmarks}, named after when it started and the model, so that a run
 * measured yesterday or on another machine can be loaded and overlaid.
 */
public final class RunLibrary {
    public static final String FOLDER = "benchmarks";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Path folder;

    public RunLibrary(Path workbenchHome) {
        this.folder = workbenchHome.resolve(FOLDER);
    }

    public Path folder() {
        return folder;
    }

    /** Writes {@code run} atomically and returns the file. */
    public Path save(BenchRun run) throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve(fileName(run));
        BenchJson.write(run, file);
        return file;
    }

    static String fileName(BenchRun run) {
        String stamp;
        try {
            stamp = STAMP.format(Instant.parse(run.startedAt()));
        } catch (RuntimeException e) {
            stamp = "run";
        }
        String model = Path.of(run.model().path()).getFileName().toString().replaceFirst("\\.gguf$", "");
        return "bench-" + stamp + "-" + model.replaceAll("[^A-Za-z0-9._-]", "_") + (run.cancelled() ? "-cancelled" : "") + ".json";
    }

    /** Saved runs, newest first. */
    public List<Path> list() throws IOException {
        if (!Files.isDirectory(folder)) return List.of();
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json"))
                .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed()).toList();
        }
    }

    public static BenchRun load(Path file) throws IOException {
        return BenchJson.read(file);
    }
}
