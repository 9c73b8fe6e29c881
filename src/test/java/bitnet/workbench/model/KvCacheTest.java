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
        // two KV heads of four: each head's rows follow one another
        try (KvCache kv = new KvCache(3, 8, 4, 100)) {
            assertThat(kv.bytes()).isZero();
            float[] k = {1, 2, 3, 4, 5, 6, 7, 8};
            float[] v = {-1, -2, -3, -4, -5, -6, -7, -8};
            kv.store(2, 41, k, v);
            assertThat(kv.row(0, 41)).isEqualTo(41 * 4);
            assertThat(kv.row(1, 41)).isEqualTo((100 + 41) * 4);
            assertThat(kv.keys(2).getAtIndex(KvCache.FLOAT, kv.row(0, 41) + 3)).isEqualTo(4f);
            assertThat(kv.keys(2).getAtIndex(KvCache.FLOAT, kv.row(1, 41) + 3)).isEqualTo(8f);
            assertThat(kv.values(2).getAtIndex(KvCache.FLOAT, kv.row(1, 41))).isEqualTo(-5f);
            assertThat(kv.keys(0).getAtIndex(KvCache.FLOAT, kv.row(0, 41))).isZero();
            assertThat(kv.bytes()).isEqualTo(2L * 3 * 42 * 8 * Float.BYTES);
            assertThatThrownBy(() -> kv.ensureCapacity(101)).isInstanceOf(IllegalStateException.class).hasMessageContaining("context of 100");
        }
    }

    @Test
    void aClosedCacheCannotBeReadAnyMore() {
        KvCache kv = new KvCache(1, 4, 4, 10);
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
        try (KvCache kv = new KvCache(layers, kvDim, 128, context)) {
            float[] row = new float[kvDim];
            java.util.Arrays.fill(row, 1f);
            for (int l = 0; l < layers; l++) for (int p = 0; p < 64; p++) kv.store(l, p, row, row);
            long grown = residentKb(status) - before;
            // 64 positions are 9.8 MB; allow for the test's own noise, far below the 1.26 GB reserved
            assertThat(grown).as("resident growth in KB").isLessThan(200_000);
            assertThat(kv.keys(29).getAtIndex(KvCache.FLOAT, kv.row(4, 63))).isEqualTo(1f);
            assertThat(kv.keys(29).getAtIndex(KvCache.FLOAT, kv.row(4, 8191))).isZero();
        }
    }

    private static long residentKb(Path status) throws Exception {
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
        }
        throw new IllegalStateException("no VmRSS");
    }
}
