package bitnet.workbench.bench;

import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.testsupport.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.StringReader;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ProcessMemoryTest {
    @Test
    void statusLinesAreReadInKilobytes() {
        String status = "Name:\tjava\nVmHWM:\t  2048 kB\nVmRSS:\t   1024 kB\n";
        assertThat(ProcessMemory.statusKilobytes(status, "VmRSS:")).isEqualTo(1024 * 1024);
        assertThat(ProcessMemory.statusKilobytes(status, "VmHWM:")).isEqualTo(2048 * 1024);
        assertThat(ProcessMemory.statusKilobytes(status, "VmSwap:")).isEqualTo(-1);
    }

    @Test
    void smapsRssIsSummedOverEveryMappingOfTheFileOnly() throws Exception {
        String smaps = """
            7f0000000000-7f0000002000 r--s 00000000 fd:01 42                         /models/a b.gguf
            Size:                  8 kB
            Rss:                   8 kB
            7f0000002000-7f0000003000 r--s 00000000 fd:01 43                         /models/other.gguf
            Rss:                   4 kB
            7f0000010000-7f0000020000 r--s 00002000 fd:01 42                         /models/a b.gguf
            Rss:                  12 kB
            """;
        assertThat(ProcessMemory.mappedRss(new BufferedReader(new StringReader(smaps)), "/models/a b.gguf")).isEqualTo(20 * 1024);
        List<long[]> ranges = ProcessMemory.mappedRanges(smaps.lines().toList(), "/models/a b.gguf");
        assertThat(ranges).hasSize(2);
        assertThat(ranges.get(1)).containsExactly(0x7f0000010000L, 0x7f0000020000L);
    }

    @Test
    void mappedBytesFromPagemapEqualTheMappingsRssInSmaps(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/pagemap")), "no /proc/self/pagemap (not Linux); skipping");
        // a private copy, so no other mapping of the same path can be counted
        Path model = Files.copy(Reference.model("bitnet-tiny-tq2_0.gguf"), dir.resolve("model with spaces.gguf"));
        ProcessMemory memory = new ProcessMemory(model);
        assertThat(memory.snapshot().mappedFileBytes()).isZero();
        try (GgufFile file = GgufFile.open(model)) {
            // touch every other page of the first tensor so that part of the file is resident
            MemorySegment data = file.tensorData(file.tensors().get(1));
            long sum = 0;
            for (long at = 0; at < data.byteSize(); at += 8192) sum += data.get(ValueLayout.JAVA_BYTE, at);
            long fromPagemap = memory.snapshot().mappedFileBytes();
            long fromSmaps = memory.mappedFileRssFromSmaps();
            assertThat(fromPagemap).as("checksum %d", sum).isPositive().isEqualTo(fromSmaps);
            assertThat(fromPagemap).isLessThanOrEqualTo((Files.size(model) + 4095) / 4096 * 4096);
        }
    }

    @Test
    void residentSetAndItsPeakAreReported() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "no /proc (not Linux); skipping");
        ProcessMemory.Snapshot s = new ProcessMemory(null).snapshot();
        assertThat(s.rssBytes()).isPositive();
        assertThat(s.peakRssBytes()).isGreaterThanOrEqualTo(s.rssBytes());
        assertThat(s.mappedFileBytes()).isEqualTo(-1);
    }
}
