package bitnet.workbench.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The shared reference fixtures (models and expected values from llama.cpp, bitnet.cpp and a numpy
 * model), located by the {@code reference.dir} system property. Tests that need them are skipped,
 * with a message, when they are absent.
 */
public final class Reference {
    private static final Map<String, JsonNode> CACHE = new ConcurrentHashMap<>();

    private Reference() {
    }

    public static Path dir() {
        String p = System.getProperty("reference.dir");
        assumeTrue(p != null && Files.isDirectory(Path.of(p)),
            "reference fixtures not found (system property reference.dir = " + p + "); skipping");
        return Path.of(p);
    }

    public static Path model(String fileName) {
        Path f = dir().resolve("models").resolve(fileName);
        assumeTrue(Files.isRegularFile(f), "reference model " + f + " is missing; skipping");
        return f;
    }

    public static JsonNode json(String fileName) {
        Path f = dir().resolve(fileName);
        assumeTrue(Files.isRegularFile(f), "reference file " + f + " is missing; skipping");
        return CACHE.computeIfAbsent(fileName, n -> {
            try {
                return new ObjectMapper().readTree(f.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    public static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asInt();
        return out;
    }

    public static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = (float) array.get(i).asDouble();
        return out;
    }

    public static double maxAbsDiff(float[] a, float[] b) {
        if (a.length < b.length) throw new IllegalArgumentException("lengths " + a.length + " and " + b.length);
        double m = 0;
        for (int i = 0; i < b.length; i++) m = Math.max(m, Math.abs((double) a[i] - b[i]));
        return m;
    }

    /** Index of the largest value; the lowest index wins a tie, as llama.cpp's greedy sampler. */
    public static int argmax(float[] v, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) if (v[i] > v[best]) best = i;
        return best;
    }
}
