package bitnet.workbench.tensor;

import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.gguf.GgufTensorInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Access to ../shared/reference (system property reference.dir); tests that need it are skipped without it. */
final class ReferenceFixtures {
    private static JsonNode quantFormats;

    private ReferenceFixtures() {
    }

    static boolean available() {
        String p = System.getProperty("reference.dir");
        return p != null && Files.isRegularFile(Path.of(p, "quant_formats.json"));
    }

    static Path dir() {
        String p = System.getProperty("reference.dir");
        assumeTrue(available(),
            "reference data not found (system property reference.dir = " + p + "): skipping tests that compare with llama.cpp/bitnet.cpp output");
        return Path.of(p);
    }

    static synchronized JsonNode quantFormats() {
        if (quantFormats == null) {
            try {
                quantFormats = new ObjectMapper().readTree(dir().resolve("quant_formats.json").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return quantFormats;
    }

    static Path formatFile(String fileName) {
        return dir().resolve("models/formats").resolve(fileName);
    }

    /** Every value of a tensor, dequantized by our format. */
    static float[] dequantizeAll(GgufFile file, GgufTensorInfo info) {
        float[] out = new float[Math.toIntExact(info.elementCount())];
        TensorFormats.of(info.type()).dequantize(file.tensorData(info), 0, out.length, out, 0);
        return out;
    }

    /** The F32 source values of a fixture tensor (fmt-src-f32.gguf). */
    static float[] source(String tensorName) throws IOException {
        try (GgufFile f = GgufFile.open(formatFile(quantFormats().get("source_file").asText()))) {
            return dequantizeAll(f, f.tensor(tensorName));
        }
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }
}
