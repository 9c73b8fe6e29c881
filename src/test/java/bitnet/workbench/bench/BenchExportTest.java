package bitnet.workbench.bench;

import bitnet.workbench.io.AtomicFiles;
import bitnet.workbench.testsupport.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchExportTest {
    private static BenchRun run;

    @BeforeAll
    static void runATinyBenchmark() throws Exception {
        Path model = Reference.model("bitnet-tiny-tq2_0.gguf");
        run = FastSettings.runner(FastSettings.plan(model, List.of(1, 2), 4, 3, 2, 1)).run(BenchListener.none());
    }

    @Test
    void aRunSavedAsJsonReadsBackEqual(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("runs/run.json");
        BenchJson.write(run, file);
        BenchRun back = BenchJson.read(file);
        assertThat(back).isEqualTo(run);
        assertThat(Files.readString(file)).startsWith("{\n  \"format\" : \"bitnet-workbench-bench\",\n  \"formatVersion\" : 1,");
    }

    @Test
    void aRunSavedBeforeTheBandwidthReadingPatternWasRecordedReadsWithPatternZero() throws Exception {
        String json = BenchJson.toJson(run);
        assertThat(json).contains("\"streamsPerThread\" : ");
        BenchRun old = BenchJson.fromJson(json.replaceAll(",\\s*\"streamsPerThread\" : \\d+", ""));
        assertThat(old.bandwidth()).extracting(BandwidthMeasurement::streamsPerThread).containsOnly(0);
        assertThat(old.bandwidth()).extracting(BandwidthMeasurement::bytesPerSecond)
            .containsExactlyElementsOf(run.bandwidth().stream().map(BandwidthMeasurement::bytesPerSecond).toList());
        assertThat(old.results()).isEqualTo(run.results());
    }

    @Test
    void jsonOfSomethingElseIsRefusedWithAReason(@TempDir Path dir) throws Exception {
        Path other = Files.writeString(dir.resolve("settings.json"), "{\"theme\": \"dark\"}");
        assertThatThrownBy(() -> BenchJson.read(other)).isInstanceOf(IOException.class).hasMessageContaining("is not a saved benchmark run");
        Path newer = Files.writeString(dir.resolve("newer.json"), "{\"format\": \"bitnet-workbench-bench\", \"formatVersion\": 9}");
        assertThatThrownBy(() -> BenchJson.read(newer)).isInstanceOf(IOException.class).hasMessageContaining("format version 9");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"format\": ");
        assertThatThrownBy(() -> BenchJson.read(broken)).isInstanceOf(IOException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void csvHasOneRowPerCombinationWhoseValuesReadBackEqual(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("run.csv");
        BenchCsv.write(run, file);
        List<Map<String, String>> rows = BenchCsv.read(file);
        assertThat(rows).hasSize(run.results().size());
        assertThat(rows.getFirst().keySet()).containsExactlyElementsOf(BenchCsv.headers());
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            CombinationResult r = run.results().get(i);
            assertThat(Integer.parseInt(row.get("threads"))).isEqualTo(r.combination().threads());
            assertThat(row.get("kernel")).isEqualTo(r.combination().kernel());
            assertThat(Integer.parseInt(row.get("pp"))).isEqualTo(r.promptTokens());
            assertThat(Integer.parseInt(row.get("tg"))).isEqualTo(r.decodeTokens());
            assertThat(row.get("tg_start")).isEqualTo(Integer.toString(run.plan().decodeStart()));
            assertThat(Double.parseDouble(row.get("ttft_ms_median"))).isEqualTo(r.timeToFirstTokenMillis().median());
            assertThat(Double.parseDouble(row.get("pp_tok_s_min"))).isEqualTo(r.promptTokensPerSecond().min());
            assertThat(Double.parseDouble(row.get("tg_tok_s_median"))).isEqualTo(r.decodeTokensPerSecond().median());
            assertThat(Double.parseDouble(row.get("tg_tok_s_max"))).isEqualTo(r.decodeTokensPerSecond().max());
            assertThat(Double.parseDouble(row.get("latency_p95_ms_median"))).isEqualTo(r.latencyP95Millis().median());
            assertThat(Long.parseLong(row.get("peak_rss_bytes"))).isEqualTo(r.peakRssBytes());
            assertThat(Long.parseLong(row.get("mapped_model_bytes"))).isEqualTo(r.mappedModelBytes());
            assertThat(Long.parseLong(row.get("bytes_per_token"))).isEqualTo(r.bytesPerToken());
            assertThat(Double.parseDouble(row.get("fraction_of_ceiling"))).isEqualTo(r.fractionOfCeiling());
            assertThat(row.get("model")).isEqualTo("bitnet-tiny-tq2_0.gguf");
        }
    }

    @Test
    void csvFieldsWithCommasQuotesAndLineBreaksSurviveTheRoundTrip(@TempDir Path dir) throws Exception {
        MachineInfo m = run.machine();
        MachineInfo odd = new MachineInfo("Vendor \"X\", model 9\nrev 2", m.logicalCores(), m.vectorBitSize(), m.javaVersion(),
            m.jvmName(), m.jvmVendor(), m.jvmArguments(), m.osName(), m.osVersion(), m.osArch(), m.maxHeapBytes());
        BenchRun oddRun = new BenchRun(odd, run.model(), run.plan(), run.bytesPerToken(), run.startedAt(), run.finishedAt(),
            false, run.bandwidth(), run.results(), run.failures(), run.memory());
        Path file = dir.resolve("odd.csv");
        BenchCsv.write(oddRun, file);
        assertThat(BenchCsv.read(file)).allSatisfy(row -> assertThat(row.get("cpu")).isEqualTo("Vendor \"X\", model 9\nrev 2"));
    }

    @Test
    void writingReplacesTheOldFileWholeAndLeavesNoTemporaryFiles(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("run.json");
        Files.writeString(file, "old content that is longer than nothing");
        BenchJson.write(run, file);
        BenchCsv.write(run, dir.resolve("run.csv"));
        assertThat(BenchJson.read(file)).isEqualTo(run);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("run.json", "run.csv");
        }
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("run.json"), "old");
        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.write("partial".getBytes());
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(Files.readString(file)).isEqualTo("old");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }
}
