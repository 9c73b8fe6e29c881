package bitnet.workbench.app.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.file.Path;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class ResidentMemoryTest {

    @Test
    void theVmRssLineIsReadInBytes() {
        String status = "Name:\tjava\nVmPeak:\t 9999 kB\nVmRSS:\t  123456 kB\nRssAnon:\t 1 kB\n";
        assertThat(ResidentMemory.parse(status)).hasValue(123456L * 1024);
    }

    @Test
    void aStatusWithoutVmRssOrWithAnOddUnitGivesNothing() {
        assertThat(ResidentMemory.parse("Name:\tjava\n")).isEmpty();
        assertThat(ResidentMemory.parse("VmRSS:\t12 MB\n")).isEmpty();
        assertThat(ResidentMemory.parse("VmRSS:\tlots kB\n")).isEmpty();
    }

    @Test
    void aMissingStatusFileGivesNothing() {
        assertThat(ResidentMemory.read(Path.of("/no/such/proc/status"))).isEmpty();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void thisJvmOccupiesAtLeastItsUsedHeap() {
        Runtime rt = Runtime.getRuntime();
        long usedHeap = rt.totalMemory() - rt.freeMemory();
        OptionalLong rss = ResidentMemory.read();
        assertThat(rss).isPresent();
        assertThat(rss.getAsLong()).isGreaterThan(usedHeap / 2).isLessThan(64L << 30);
    }
}
