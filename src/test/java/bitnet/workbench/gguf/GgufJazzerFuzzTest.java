package bitnet.workbench.gguf;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing of the reader with Jazzer. Under {@code mvn test} it runs in regression
 * mode over the inputs in {@code src/test/resources/bitnet/workbench/gguf/GgufJazzerFuzzTestInputs/};
 * with {@code JAZZER_FUZZ=1} it explores new inputs (see the report for the command).
 */
class GgufJazzerFuzzTest {
    private static final Path NAME = Path.of("jazzer.gguf");

    @FuzzTest(maxDuration = "60s")
    void anyBytesGiveAFormatErrorOrACleanRead(byte[] input) {
        GgufFile f;
        try {
            f = GgufFile.read(MemorySegment.ofArray(input), NAME);
        } catch (GgufFormatException e) {
            if (!GgufFuzzTest.isCleanFormatError(e, NAME.toString(), input.length)) {
                throw new AssertionError("bad error: " + e.getMessage(), e);
            }
            return;
        }
        GgufFuzzTest.useEverything(f);
    }
}
