package bitnet.workbench.model;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class KvCacheTest {
    @Test
    void rowsReadBackAtTheirPositionAndCountOnlyOnceWritten() {
        try (KvCache kv = new KvCache(3, 8, 100)) {
            assertThat(kv.bytes()).isZero();
            float[] k = {1, 2, 3, 4, 5, 6, 7, 8};
            float[] v = {-1, -2, -3, -4, -5, -6, -7, -8};
            kv.store(2, 41, k, v);
            assertThat(kv.keys(2).getAtIndex(KvCache.FLOAT, 41 * 8 + 7)).isEqualTo(8f);
            assertThat(kv.values(2).getAtIndex(KvCache.FLOAT, 41 * 8)).isEqualTo(-1f);
            assertThat(kv.keys(0).getAtIndex(KvCache.FLOAT, 41 * 8)).isZero();
            assertThat(kv.bytes()).isEqualTo(2L * 3 * 42 * 8 * Float.BYTES);
            assertThatThrownBy(() -> kv.ensureCapacity(101)).isInstanceOf(IllegalStateException.class).hasMessageContaining("context of 100");
        }
    }

    @Test
    void aClosedCacheCannotBeReadAnyMore() {
        KvCache kv = new KvCache(1, 4, 10);
        kv.close();
        assertThatThrownBy(() -> kv.keys(0).getAtIndex(KvCache.FLOAT, 0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCacheForALongContextIsResidentOnlyForThePositionsWritten() throws Exception {
        Path status = Path.of("/proc/self/status");
        assumeTrue(Files.isReadable(status), "needs /proc");
        // the 2B4T shape at 8192 positions: 1.26 GB reserved
        int layers = 30, kvDim = 640, context = 8192;
        long before = residentKb(status);
        try (KvCache kv = new KvCache(layers, kvDim, context)) {
            float[] row = new float[kvDim];
            java.util.Arrays.fill(row, 1f);
            for (int l = 0; l < layers; l++) for (int p = 0; p < 64; p++) kv.store(l, p, row, row);
            long grown = residentKb(status) - before;
            // 64 positions are 9.8 MB; allow for the test's own noise, far below the 1.26 GB reserved
            assertThat(grown).as("resident growth in KB").isLessThan(200_000);
            assertThat(kv.keys(29).getAtIndex(KvCache.FLOAT, 63L * kvDim)).isEqualTo(1f);
            assertThat(kv.keys(29).getAtIndex(KvCache.FLOAT, 8191L * kvDim)).isZero();
        }
    }

    private static long residentKb(Path status) throws Exception {
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
        }
        throw new IllegalStateException("no VmRSS");
    }
}
