package bitnet.workbench.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the process's memory from Linux's /proc: resident set and its high-water mark from
 * {@code /proc/self/status}, and how much of one mapped file is resident (its mappings' pages
 * present in {@code /proc/self/pagemap}, equal to their Rss in {@code /proc/self/smaps}). Where /proc is missing every figure is -1.
 */
public final class ProcessMemory {
    static final Path STATUS = Path.of("/proc/self/status");
    static final Path SMAPS = Path.of("/proc/self/smaps");
    static final Path MAPS = Path.of("/proc/self/maps");
    static final Path PAGEMAP = Path.of("/proc/self/pagemap");
    static final long PAGE_SIZE = 4096;
    static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private final String mappedFile;
    /** Only mappings inside [windowStart, windowEnd) count: another mapping of the same file elsewhere in the process is not the run's. */
    private final long windowStart;
    private final long windowEnd;

    /** @param mappedFile the file whose mapped residency to report, or null for none */
    public ProcessMemory(Path mappedFile) {
        this(mappedFile, 0, -1L >>> 1);
    }

    /** As {@link #ProcessMemory(Path)}, counting only the mapping at {@code address} of {@code bytes} (the run's own). */
    public ProcessMemory(Path mappedFile, long address, long bytes) {
        this.mappedFile = mappedFile == null ? null : canonical(mappedFile);
        this.windowStart = address;
        this.windowEnd = address + bytes;
    }

    private static String canonical(Path p) {
        try {
            return p.toRealPath().toString();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize().toString();
        }
    }

    /** Resident set, its high-water mark and the mapped file's resident bytes, in bytes. */
    public record Snapshot(long rssBytes, long peakRssBytes, long mappedFileBytes) {
    }

    public Snapshot snapshot() {
        return snapshot(true);
    }

    /** With {@code includeMapped} false the mapped figure is -1 and the read costs microseconds instead of milliseconds. */
    public Snapshot snapshot(boolean includeMapped) {
        long rss = -1;
        long hwm = -1;
        try {
            String status = Files.readString(STATUS, StandardCharsets.ISO_8859_1);
            rss = statusKilobytes(status, "VmRSS:");
            hwm = statusKilobytes(status, "VmHWM:");
        } catch (IOException | RuntimeException e) {
            // no /proc: leave -1
        }
        return new Snapshot(rss, hwm, mappedFile == null || !includeMapped ? -1 : mappedFileRss());
    }

    /**
     * Starts a new high-water mark of the resident set (writing 5 to /proc/self/clear_refs), so each
     * combination of a sweep reports its own peak. Returns false where the kernel does not allow it.
     */
    public static boolean resetPeak() {
        try {
            Files.writeString(CLEAR_REFS, "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    public static long heapUsedBytes() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    public static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** The value of a {@code Key:   123 kB} line in bytes, or -1. */
    static long statusKilobytes(String status, String key) {
        int at = status.indexOf(key);
        if (at < 0 || at > 0 && status.charAt(at - 1) != '\n') return -1;
        int end = status.indexOf('\n', at);
        String[] parts = status.substring(at + key.length(), end < 0 ? status.length() : end).trim().split("\\s+");
        if (parts.length != 2 || !parts[1].equalsIgnoreCase("kB")) return -1;
        return Long.parseLong(parts[0]) * 1024;
    }

    /**
     * Resident bytes of the file's mappings: the present bit of each of their pages in
     * /proc/self/pagemap. That is the Rss smaps reports, but it walks only these mappings' page
     * tables; smaps walks every mapping of the JVM. Still 10–30 ms for an 800 MB model on a busy
     * 2-core machine, which is why the sampler reads it less often than the resident set.
     */
    private long mappedFileRss() {
        try {
            List<long[]> ranges = new ArrayList<>();
            for (long[] r : mappedRanges(Files.readAllLines(MAPS, StandardCharsets.ISO_8859_1), mappedFile)) {
                long start = Math.max(r[0], windowStart / PAGE_SIZE * PAGE_SIZE);
                long end = Math.min(r[1], windowEnd);
                if (start < end) ranges.add(new long[]{start, (end + PAGE_SIZE - 1) / PAGE_SIZE * PAGE_SIZE});
            }
            if (ranges.isEmpty()) return 0;
            try (FileChannel pagemap = FileChannel.open(PAGEMAP, StandardOpenOption.READ)) {
                long present = 0;
                for (long[] r : ranges) present += presentPages(pagemap, r[0], r[1]);
                return present * PAGE_SIZE;
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The Rss of {@code file}'s mappings as /proc/self/smaps reports it (slow; for cross-checks). */
    public long mappedFileRssFromSmaps() {
        try (BufferedReader r = Files.newBufferedReader(SMAPS, StandardCharsets.ISO_8859_1)) {
            return mappedRss(r, mappedFile);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** [start, end) address ranges of every mapping of {@code file} in /proc/self/maps lines. */
    static List<long[]> mappedRanges(List<String> maps, String file) {
        List<long[]> ranges = new ArrayList<>();
        for (String line : maps) {
            if (!isMappingHeader(line) || !(line.endsWith(" " + file) || line.endsWith(" " + file + " (deleted)"))) continue;
            int dash = line.indexOf('-');
            int space = line.indexOf(' ', dash);
            ranges.add(new long[]{Long.parseUnsignedLong(line.substring(0, dash), 16), Long.parseUnsignedLong(line.substring(dash + 1, space), 16)});
        }
        return ranges;
    }

    private static long presentPages(FileChannel pagemap, long start, long end) throws IOException {
        long pages = (end - start) / PAGE_SIZE;
        ByteBuffer buf = ByteBuffer.allocate(8 * 4096).order(ByteOrder.LITTLE_ENDIAN);
        long present = 0;
        long done = 0;
        while (done < pages) {
            int n = (int) Math.min(4096, pages - done);
            buf.clear().limit(n * 8);
            long at = (start / PAGE_SIZE + done) * 8;
            while (buf.hasRemaining()) {
                if (pagemap.read(buf, at + buf.position()) < 0) throw new IOException("pagemap ended early");
            }
            buf.flip();
            for (int i = 0; i < n; i++) if (buf.getLong(i * 8) < 0) present++; // bit 63: page present
            done += n;
        }
        return present;
    }

    /** Sums the Rss lines of every mapping whose path is {@code file}; 0 if it is not mapped. */
    static long mappedRss(BufferedReader smaps, String file) throws IOException {
        long total = 0;
        boolean inFile = false;
        String line;
        while ((line = smaps.readLine()) != null) {
            if (isMappingHeader(line)) {
                inFile = line.endsWith(" " + file) || line.endsWith(" " + file + " (deleted)");
            } else if (inFile && line.startsWith("Rss:")) {
                String[] parts = line.substring(4).trim().split("\\s+");
                total += Long.parseLong(parts[0]) * 1024;
            }
        }
        return total;
    }

    /** A mapping's first line, e.g. {@code 7f12a000-7f12b000 r--s 00000000 fd:01 42  /path}. */
    private static boolean isMappingHeader(String line) {
        int dash = line.indexOf('-');
        if (dash <= 0 || dash > 16) return false;
        for (int i = 0; i < dash; i++) if (Character.digit(line.charAt(i), 16) < 0) return false;
        return true;
    }
}
