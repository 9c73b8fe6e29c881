package bitnet.workbench.inspect;

import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.testsupport.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatisticsCacheTest {
    @TempDir
    Path tmp;

    private Path copyOfModel() throws IOException {
        Path model = tmp.resolve("model.gguf");
        Files.copy(Reference.model("bitnet-tiny-i2_s.gguf"), model);
        return model;
    }

    private static StatisticsScan.Outcome scan(Path model, StatisticsCache cache, List<Integer> progress) throws IOException {
        try (GgufFile f = GgufFile.open(model)) {
            return StatisticsScan.run(f, cache, (s, done, total) -> progress.add(done));
        }
    }

    @Test
    void theFirstScanComputesAndStoresTheSecondReadsTheSameStatisticsBack() throws IOException {
        Path model = copyOfModel();
        StatisticsCache cache = new StatisticsCache(tmp.resolve("cache"));
        List<Integer> progress = new ArrayList<>();

        StatisticsScan.Outcome first = scan(model, cache, progress);
        assertThat(first.fromCache()).isFalse();
        assertThat(progress).hasSize(24).startsWith(1, 2, 3).endsWith(24);
        assertThat(Files.list(tmp.resolve("cache"))).hasSize(1).allSatisfy(p -> assertThat(p.toString()).endsWith(".stats.json"));

        progress.clear();
        StatisticsScan.Outcome second = scan(model, cache, progress);
        assertThat(second.fromCache()).isTrue();
        assertThat(progress).hasSize(24);
        assertThat(second.statistics().tensors()).usingRecursiveFieldByFieldElementComparator().isEqualTo(first.statistics().tensors());
        assertThat(second.statistics().key()).isEqualTo(first.statistics().key());
    }

    @Test
    void aNewModificationTimeIsAMissAndReplacesTheEntry() throws IOException {
        Path model = copyOfModel();
        StatisticsCache cache = new StatisticsCache(tmp.resolve("cache"));
        scan(model, cache, new ArrayList<>());
        Files.setLastModifiedTime(model, FileTime.fromMillis(Files.getLastModifiedTime(model).toMillis() + 5_000));

        assertThat(scan(model, cache, new ArrayList<>()).fromCache()).isFalse();
        assertThat(scan(model, cache, new ArrayList<>()).fromCache()).isTrue();
        assertThat(Files.list(tmp.resolve("cache"))).hasSize(1);
    }

    @Test
    void aChangedHeaderWithTheSameSizeAndTimeIsAMiss() throws IOException {
        Path model = copyOfModel();
        StatisticsCache cache = new StatisticsCache(tmp.resolve("cache"));
        scan(model, cache, new ArrayList<>());
        FileTime time = Files.getLastModifiedTime(model);
        byte[] bytes = Files.readAllBytes(model);
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = text.indexOf("bitnet");
        assertThat(at).isPositive();
        bytes[at] = 'B'; // same length, different header
        Files.write(model, bytes);
        Files.setLastModifiedTime(model, time);

        assertThat(scan(model, cache, new ArrayList<>()).fromCache()).isFalse();
    }

    @Test
    void aDamagedEntryIsAMissNotAnError() throws IOException {
        Path model = copyOfModel();
        StatisticsCache cache = new StatisticsCache(tmp.resolve("cache"));
        scan(model, cache, new ArrayList<>());
        Path entry = cache.entryFile(model);
        Files.writeString(entry, "{\"format\": 1, \"statistics\": [not json");

        assertThat(scan(model, cache, new ArrayList<>()).fromCache()).isFalse();
        assertThat(scan(model, cache, new ArrayList<>()).fromCache()).isTrue();
    }

    @Test
    void storingLeavesNoTemporaryFilesBehind() throws IOException {
        Path model = copyOfModel();
        StatisticsCache cache = new StatisticsCache(tmp.resolve("cache"));
        for (int i = 0; i < 3; i++) {
            try (GgufFile f = GgufFile.open(model)) {
                cache.store(model, StatisticsScan.run(f, null, (s, d, t) -> { }).statistics());
            }
        }
        assertThat(Files.list(tmp.resolve("cache"))).hasSize(1);
    }
}
