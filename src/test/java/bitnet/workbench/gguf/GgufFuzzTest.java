package bitnet.workbench.gguf;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Mutation fuzzing of valid GGUF files, seeded and deterministic: bit flips, overwritten length and
 * count fields, insertions, deletions and truncations. Whatever the bytes, the reader must either
 * succeed (and then serve every tensor from inside the file) or throw a GgufFormatException naming
 * the file and a byte offset, and it must finish quickly.
 */
class GgufFuzzTest {
    private static final long SEED = 0x6755_4746L;
    private static final int ITERATIONS = 30_000;
    // A hang guard, not a speed target: generous enough for GC pauses on a loaded 2-core CI machine.
    private static final long MAX_PARSE_NANOS = 10_000_000_000L;
    private static final long[] INTERESTING = {
        0, 1, 2, 3, 31, 32, 33, 255, 256, 65535, (1L << 31) - 1, 1L << 31, (1L << 32) - 1, 1L << 32,
        1L << 40, 1L << 62, Long.MAX_VALUE, Long.MIN_VALUE, -1, -2};

    /** A valid file and where its structure (as opposed to tensor data) ends. */
    private record Seed(String name, byte[] bytes, int headerEnd, int dataEnd, int[] lengthFields) {
    }

    private static final List<Seed> SEEDS = new ArrayList<>();
    private static Path scratch;

    @BeforeAll
    static void seeds(@TempDir Path dir) throws IOException {
        scratch = dir;
        SEEDS.clear();
        add("hand-spelled", GgufFileErrorTest.valid().toArray());
        GgufWriter w = new GgufWriter().put("general.alignment", GgufValue.ofUint32(64));
        GgufWriterTest.everyValueType().forEach(w::put);
        w.addTensor("f32", GgmlType.F32, new long[]{3, 5}, new byte[60])
            .addTensor("tq2", GgmlType.TQ2_0, new long[]{256, 2}, new byte[132])
            .addTensor("i2s", GgmlType.I2_S, new long[]{128, 2}, new byte[96]);
        Path written = dir.resolve("seed.gguf");
        w.write(written);
        add("every-type", Files.readAllBytes(written));
        String ref = System.getProperty("reference.dir");
        Path tq2 = ref == null ? null : Path.of(ref, "models", "formats", "fmt-tq2_0.gguf");
        if (tq2 != null && Files.isRegularFile(tq2)) add("fmt-tq2_0", Files.readAllBytes(tq2));
    }

    private static void add(String name, byte[] bytes) throws GgufFormatException {
        GgufFile f = GgufFile.read(MemorySegment.ofArray(bytes), Path.of(name));
        int headerEnd = (int) f.dataOffset();
        List<Integer> fields = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        // Where a uint64 looks like a count or length (small and nonzero) it most likely is one.
        for (int i = 8; i + 8 <= headerEnd; i++) {
            long v = b.getLong(i);
            if (v > 0 && v < bytes.length) fields.add(i);
        }
        long dataEnd = headerEnd;
        for (GgufTensorInfo t : f.tensors()) dataEnd = Math.max(dataEnd, f.dataOffset() + t.offset() + t.byteSize());
        SEEDS.add(new Seed(name, bytes, headerEnd, (int) dataEnd, fields.stream().mapToInt(Integer::intValue).toArray()));
    }

    @Test
    void mutatedFilesGiveOnlyFormatErrorsOrCleanReads() throws IOException {
        int successes = 0;
        int failures = 0;
        long slowest = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            Random r = new Random(SEED * 1_000_003L + i);
            Seed seed = SEEDS.get(r.nextInt(SEEDS.size()));
            byte[] bytes = seed.bytes();
            int mutations = 1 + r.nextInt(3);
            StringBuilder how = new StringBuilder();
            for (int m = 0; m < mutations; m++) bytes = mutate(bytes, seed, r, how);
            // Most inputs are parsed in memory; every 100th goes through a real file and its mapping.
            boolean viaFile = i % 100 == 0;
            Path file = scratch.resolve("fuzz-" + i + ".gguf");
            String name = viaFile ? file.toString() : file.getFileName().toString();
            long start = System.nanoTime();
            try {
                if (viaFile) Files.write(file, bytes);
                try (GgufFile f = viaFile ? GgufFile.open(file) : GgufFile.read(MemorySegment.ofArray(bytes), Path.of(name))) {
                    useEverything(f);
                } finally {
                    if (viaFile) Files.delete(file);
                }
                successes++;
            } catch (GgufFormatException e) {
                failures++;
                String message = e.getMessage();
                if (!isCleanFormatError(e, name, bytes.length)) {
                    fail("iteration " + i + " (" + seed.name() + how + "): bad error message: " + message, e);
                }
            } catch (Throwable t) {
                fail("iteration " + i + " (" + seed.name() + how + ") threw " + t, t);
            }
            long took = System.nanoTime() - start;
            slowest = Math.max(slowest, took);
            if (took > MAX_PARSE_NANOS) fail("iteration " + i + " (" + seed.name() + how + ") took " + took / 1_000_000 + " ms");
        }
        // The mutations must reach both outcomes, or the test would prove nothing.
        assertThat(failures).isGreaterThan(ITERATIONS / 4);
        assertThat(successes).isGreaterThan(ITERATIONS / 50);
        assertThat(slowest).isLessThan(MAX_PARSE_NANOS);
    }

    @Test
    void truncationAnywhereBeforeTheEndOfTheLastTensorIsAFormatError() {
        for (Seed seed : SEEDS) {
            // Only the padding after the last tensor may be cut off: no data is lost with it.
            for (int cut = 0; cut < seed.dataEnd(); cut++) {
                byte[] b = Arrays.copyOf(seed.bytes(), cut);
                try {
                    GgufFile.read(MemorySegment.ofArray(b), Path.of(seed.name()));
                    fail(seed.name() + " cut at " + cut + " was accepted");
                } catch (GgufFormatException e) {
                    assertThat(e.offset()).isBetween(0L, (long) cut);
                    assertThat(isCleanFormatError(e, seed.name(), cut)).as(e.getMessage()).isTrue();
                }
            }
        }
    }

    /**
     * A format error as users should see it: one line naming the file and an offset inside it, and
     * no cause (a cause means the parser itself failed and wrapped the failure).
     */
    static boolean isCleanFormatError(GgufFormatException e, String fileName, long fileSize) {
        String m = e.getMessage();
        return e.getCause() == null && m.startsWith(fileName + ": at byte " + e.offset() + ": ")
            && e.offset() >= 0 && e.offset() <= fileSize && m.indexOf('\n') < 0 && m.indexOf('\r') < 0;
    }

    /** Reads every tensor's first and last byte and renders every metadata value, as a user of the file would. */
    static void useEverything(GgufFile f) {
        for (GgufTensorInfo t : f.tensors()) {
            MemorySegment data = f.tensorData(t);
            assertThat(data.byteSize()).isEqualTo(t.byteSize());
            if (t.byteSize() > 0) {
                data.get(ValueLayout.JAVA_BYTE, 0);
                data.get(ValueLayout.JAVA_BYTE, t.byteSize() - 1);
            }
            assertThat(f.dataOffset() + t.offset() + t.byteSize()).isLessThanOrEqualTo(f.fileSize());
        }
        f.metadata().asMap().forEach((k, v) -> v.display(8));
    }

    private static byte[] mutate(byte[] in, Seed seed, Random r, StringBuilder how) {
        byte[] b = in.clone();
        int structure = Math.min(seed.headerEnd(), b.length);
        int pos = b.length == 0 ? 0 : (r.nextInt(10) < 9 && structure > 0 ? r.nextInt(structure) : r.nextInt(b.length));
        switch (r.nextInt(7)) {
            case 0 -> { // flip a few bits
                int n = 1 + r.nextInt(4);
                for (int k = 0; k < n && b.length > 0; k++) {
                    int p = r.nextInt(10) < 9 && structure > 0 ? r.nextInt(structure) : r.nextInt(b.length);
                    b[p] ^= (byte) (1 << r.nextInt(8));
                }
                how.append(" flip");
            }
            case 1 -> { // overwrite a length or count field with a boundary value
                if (seed.lengthFields().length == 0) return b;
                int at = seed.lengthFields()[r.nextInt(seed.lengthFields().length)];
                if (at + 8 > b.length) return b;
                long old = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong(at);
                long v = switch (r.nextInt(4)) {
                    case 0 -> INTERESTING[r.nextInt(INTERESTING.length)];
                    case 1 -> old + r.nextInt(17) - 8;
                    case 2 -> b.length - at + r.nextInt(64) - 32;
                    default -> r.nextLong();
                };
                ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(at, v);
                how.append(" len@").append(at).append('=').append(v);
            }
            case 2 -> { // overwrite 4 or 8 bytes anywhere with a boundary value
                int width = r.nextBoolean() ? 4 : 8;
                if (pos + width > b.length) return b;
                long v = INTERESTING[r.nextInt(INTERESTING.length)];
                ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
                if (width == 4) bb.putInt(pos, (int) v); else bb.putLong(pos, v);
                how.append(" set").append(width).append('@').append(pos);
            }
            case 3 -> { // insert random bytes
                byte[] extra = new byte[1 + r.nextInt(16)];
                r.nextBytes(extra);
                byte[] out = new byte[b.length + extra.length];
                System.arraycopy(b, 0, out, 0, pos);
                System.arraycopy(extra, 0, out, pos, extra.length);
                System.arraycopy(b, pos, out, pos + extra.length, b.length - pos);
                how.append(" insert").append(extra.length).append('@').append(pos);
                return out;
            }
            case 4 -> { // delete a range
                int n = Math.min(1 + r.nextInt(16), b.length - pos);
                byte[] out = new byte[b.length - n];
                System.arraycopy(b, 0, out, 0, pos);
                System.arraycopy(b, pos + n, out, pos, b.length - pos - n);
                how.append(" delete").append(n).append('@').append(pos);
                return out;
            }
            case 5 -> { // truncate
                how.append(" truncate@").append(pos);
                return Arrays.copyOf(b, pos);
            }
            default -> { // duplicate a range (repeated entries, shifted fields)
                int n = Math.min(1 + r.nextInt(64), b.length - pos);
                byte[] out = new byte[b.length + n];
                System.arraycopy(b, 0, out, 0, pos + n);
                System.arraycopy(b, pos, out, pos + n, b.length - pos);
                how.append(" dup").append(n).append('@').append(pos);
                return out;
            }
        }
        return b;
    }
}
