package bitnet.workbench.cli;

import bitnet.workbench.bench.BandwidthMeasurement;
import bitnet.workbench.bench.BenchCsv;
import bitnet.workbench.bench.BenchJson;
import bitnet.workbench.bench.BenchRun;
import bitnet.workbench.kernel.Kernels;
import bitnet.workbench.testsupport.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class BenchCommandTest {
    @Test
    void printsOneTableRowPerCombinationAndWritesTheSameRunAsCsvAndJson(@TempDir Path dir) throws Exception {
        Path model = Reference.model("bitnet-tiny-tq2_0.gguf");
        Path json = dir.resolve("run.json");
        Path csv = dir.resolve("run.csv");
        CliRun run = CliRun.of("bench", "-m", model.toString(), "--threads", "1,2", "--kernels", "all", "--pp", "4", "--tg", "2",
            "--reps", "2", "--warmup", "0", "--bandwidth-mib", "4", "--json", json.toString(), "--csv", csv.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("bitnet-tiny-tq2_0.gguf: bitnet, 2 layers").contains("bandwidth  1 thread:").contains("bandwidth  2 threads:");
        assertThat(run.out()).containsPattern("bandwidth  2 threads: [0-9.]+ GB/s \\(best of [0-9]+ passes over 4 MiB, (one stream|8 streams) per thread\\)");
        long rows = run.out().lines().filter(l -> l.matches("\\s+[12]\\s+(" + String.join("|", Kernels.names()) + ")\\s+[0-9.]+ \\[.*")).count();
        assertThat(rows).isEqualTo(2L * Kernels.names().size());
        BenchRun saved = BenchJson.read(json);
        assertThat(saved.results()).hasSize(2 * Kernels.names().size());
        assertThat(saved.plan().promptTokens()).isEqualTo(4);
        assertThat(saved.bandwidth()).extracting(BandwidthMeasurement::streamsPerThread).allSatisfy(k -> assertThat(k).isIn(1, 8));
        // measured again after each combination (the saved run has them all), printed once per thread count before the table
        assertThat(saved.bandwidth()).hasSize(2 + saved.results().size());
        assertThat(run.out().lines().filter(l -> l.startsWith("bandwidth"))).hasSize(2);
        assertThat(BenchCsv.read(csv)).hasSize(saved.results().size());
        assertThat(run.err()).contains("wrote " + json);
        assertThat(run.out()).contains("pp 4, tg 2 from an empty context");
        assertThat(saved.plan().decodeAfterPrompt()).isFalse();
    }

    @Test
    void decodeAfterPromptIsSavedWithTheRunAndCountsThePromptsKeysInTheBytesPerToken(@TempDir Path dir) throws Exception {
        Path model = Reference.model("bitnet-tiny-tq2_0.gguf");
        Path json = dir.resolve("run.json");
        CliRun run = CliRun.of("bench", "-m", model.toString(), "--pp", "8", "--tg", "4", "--reps", "1", "--warmup", "0",
            "--bandwidth-mib", "4", "--decode-after-prompt", "--json", json.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("pp 8, tg 4 after the prompt").contains("(10.5 positions)");
        BenchRun saved = BenchJson.read(json);
        assertThat(saved.plan().decodeAfterPrompt()).isTrue();
        assertThat(saved.plan().decodeStart()).isEqualTo(8);
    }

    @Test
    void anUnknownKernelFailsWithTheAvailableNamesAndExitStatus2() {
        Path model = Reference.model("bitnet-tiny-tq2_0.gguf");
        CliRun run = CliRun.of("bench", "-m", model.toString(), "--kernels", "scalar,warp-drive");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("error: unknown kernel 'warp-drive'; available kernels: " + String.join(", ", Kernels.names()));
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aMissingModelFileIsOneLineOfError(@TempDir Path dir) {
        CliRun run = CliRun.of("bench", "-m", dir.resolve("absent.gguf").toString(), "--bandwidth-mib", "4");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().toList()).hasSize(1).first().asString().startsWith("error: ").contains("absent.gguf");
    }
}
