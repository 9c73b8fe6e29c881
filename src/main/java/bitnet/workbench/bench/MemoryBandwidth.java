package bitnet.workbench.bench;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * Measures how fast this machine streams memory into the cores: threads sum disjoint slices of an
 * off-heap array with the Vector API (the widest species the JVM prefers), and the best of several
 * passes counts. Decode reads every weight once per token, so this rate divided by the bytes read
 * per token is the ceiling no kernel can beat.
 *
 * <p>Each pass is timed twice: once reading each thread's slice front to back, once reading it as
 * {@value #STREAMS} runs side by side, the way the kernels read their weights. One stream per core
 * is not what this machine's hardware prefetchers serve best: on the 2-core VM here it streamed
 * 17 GB/s with one thread where eight side by side streamed 24 (25 against 31 with two), so a
 * ceiling from the single stream alone was beaten by the decode itself.
 */
public final class MemoryBandwidth implements AutoCloseable {
    /** Eight times the 32 MiB L3 of the machines we measure on, so a pass cannot be served from cache. */
    public static final long DEFAULT_ARRAY_BYTES = 256L << 20;
    public static final int DEFAULT_PASSES = 12;
    /** A pass stops being repeated once this much time went into one thread count. */
    public static final Duration DEFAULT_BUDGET = Duration.ofMillis(600);
    /** Sequential runs read side by side per thread in the second reading pattern. */
    public static final int STREAMS = 8;

    private static final VectorSpecies<Long> SPECIES = LongVector.SPECIES_PREFERRED;
    private static final long UNROLLED_BYTES = 4L * SPECIES.vectorByteSize();
    private static volatile long sink;

    private final Arena arena = Arena.ofShared();
    private final MemorySegment array;

    public MemoryBandwidth(long arrayBytes) {
        if (arrayBytes < UNROLLED_BYTES * 64) throw new IllegalArgumentException("the bandwidth array must hold at least " + UNROLLED_BYTES * 64 + " bytes, got " + arrayBytes);
        long size = arrayBytes / UNROLLED_BYTES * UNROLLED_BYTES;
        array = arena.allocate(size, 4096);
        array.fill((byte) 1); // touch every page now, so no pass pays for page faults
        warmUp();
    }

    /** The best of up to {@code passes} timed passes, stopping early once {@code budget} is spent or {@code cancelled}. */
    public BandwidthMeasurement measure(int threads, int passes, Duration budget, BooleanSupplier cancelled) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        if (passes < 1) throw new IllegalArgumentException("passes must be at least 1, got " + passes);
        List<Callable<Long>> single = slices(threads, 1);
        List<Callable<Long>> side = slices(threads, STREAMS);
        long deadline = System.nanoTime() + budget.toNanos();
        long bestSingle = Long.MAX_VALUE;
        long bestSide = Long.MAX_VALUE;
        int done = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().name("bench-bandwidth-", 0).factory())) {
            pool.invokeAll(single); // start the threads and bring the slices' TLB entries in untimed
            while (done < passes && (done < 2 || System.nanoTime() < deadline) && !cancelled.getAsBoolean()) {
                bestSingle = Math.min(bestSingle, timed(pool, single));
                bestSide = Math.min(bestSide, timed(pool, side));
                done++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring memory bandwidth", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the bandwidth measurement failed: " + e.getCause(), e.getCause());
        }
        long best = Math.min(bestSingle, bestSide);
        double rate = done == 0 ? Double.NaN : array.byteSize() * 1e9 / best;
        int streams = done == 0 ? 0 : bestSide < bestSingle ? STREAMS : 1;
        return new BandwidthMeasurement(threads, rate, array.byteSize(), done, streams);
    }

    private static long timed(ExecutorService pool, List<Callable<Long>> slices) throws InterruptedException, ExecutionException {
        long t0 = System.nanoTime();
        long sum = 0;
        for (Future<Long> f : pool.invokeAll(slices)) sum += f.get();
        long elapsed = System.nanoTime() - t0;
        sink += sum;
        return elapsed;
    }

    private List<Callable<Long>> slices(int threads, int streams) {
        long units = array.byteSize() / UNROLLED_BYTES;
        List<Callable<Long>> slices = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            long from = units * t / threads * UNROLLED_BYTES;
            long to = units * (t + 1) / threads * UNROLLED_BYTES;
            slices.add(streams == 1 ? () -> sum(array, from, to) : () -> sum(array, from, to, streams));
        }
        return slices;
    }

    /** Compiles the loop before anything is timed: the interpreter runs vector code orders of magnitude slower. */
    private void warmUp() {
        long to = Math.min(array.byteSize(), 64L << 10) / UNROLLED_BYTES * UNROLLED_BYTES;
        long s = 0;
        for (int i = 0; i < 3000; i++) s += sum(array, 0, to) + sum(array, 0, to, STREAMS);
        sink += s;
    }

    /** Sum of the longs in {@code [from, to)}; four independent accumulators keep several loads in flight. */
    static long sum(MemorySegment m, long from, long to) {
        int step = SPECIES.vectorByteSize();
        LongVector a = LongVector.zero(SPECIES);
        LongVector b = a;
        LongVector c = a;
        LongVector d = a;
        ByteOrder order = ByteOrder.nativeOrder();
        for (long i = from; i < to; i += 4L * step) {
            a = a.add(LongVector.fromMemorySegment(SPECIES, m, i, order));
            b = b.add(LongVector.fromMemorySegment(SPECIES, m, i + step, order));
            c = c.add(LongVector.fromMemorySegment(SPECIES, m, i + 2L * step, order));
            d = d.add(LongVector.fromMemorySegment(SPECIES, m, i + 3L * step, order));
        }
        return a.add(b).add(c).add(d).reduceLanes(VectorOperators.ADD);
    }

    /**
     * The same sum, read as {@code streams} equal runs side by side (one vector from each run in
     * turn); what does not divide evenly is read afterwards front to back.
     */
    static long sum(MemorySegment m, long from, long to, int streams) {
        int step = SPECIES.vectorByteSize();
        long run = (to - from) / streams / (2L * step) * (2L * step);
        LongVector a = LongVector.zero(SPECIES);
        LongVector b = a;
        ByteOrder order = ByteOrder.nativeOrder();
        for (long i = 0; i < run; i += 2L * step) {
            for (int s = 0; s < streams; s++) {
                long at = from + s * run + i;
                a = a.add(LongVector.fromMemorySegment(SPECIES, m, at, order));
                b = b.add(LongVector.fromMemorySegment(SPECIES, m, at + step, order));
            }
        }
        long rest = from + streams * run;
        long tail = 0;
        for (; rest + step <= to; rest += step) tail += LongVector.fromMemorySegment(SPECIES, m, rest, order).reduceLanes(VectorOperators.ADD);
        for (; rest < to; rest += Long.BYTES) tail += m.get(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED, rest);
        return a.add(b).reduceLanes(VectorOperators.ADD) + tail;
    }

    @Override
    public void close() {
        arena.close();
    }
}
