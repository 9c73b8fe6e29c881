package bitnet.workbench.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class HeadCheckCommandTest {
    private static final Path REF = Path.of(System.getProperty("reference.dir", "../shared/reference"));

    @Test
    void comparesTheInt8HeadWithTheFloatHeadAtEveryPromptPosition() throws Exception {
        Path model = REF.resolve("models/bitnet-b158-tiny-i2_s.gguf");
        Assumptions.assumeTrue(Files.isRegularFile(model), "reference folder absent: " + model);
        Assumptions.assumeTrue(jdk.incubator.vector.ShortVector.SPECIES_PREFERRED.vectorBitSize() >= 512, "the int8 head needs 512-bit vectors");
        CliRun r = CliRun.of("head-check", "-m", model.toString(), "-p", "one two three four five", "--kernel", "vector-i8", "--threads", "2");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("weights quantized to Q6_K at load");
        long rows = r.out().lines().filter(l -> l.matches("\\s+\\d+\\s+\\d+\\.\\d+.*")).count();
        Matcher summary = Pattern.compile("over (\\d+) positions: max \\|dlogit\\| ([0-9.]+), mean \\|dlogit\\| ([0-9.]+), top-1 equal at (\\d+)/(\\d+)").matcher(r.out());
        assertThat(summary.find()).as(r.out()).isTrue();
        assertThat(Long.parseLong(summary.group(1))).isEqualTo(rows).isGreaterThan(1);
        double max = Double.parseDouble(summary.group(2));
        double mean = Double.parseDouble(summary.group(3));
        // Quantized weights and activations move the logits a little, never by nothing, never wildly.
        assertThat(max).isGreaterThan(0).isLessThan(1.0);
        assertThat(mean).isGreaterThan(0).isLessThanOrEqualTo(max);
    }
}
