package bitnet.workbench.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A fixed set of worker threads that splits index ranges among themselves. The size is chosen by
 * the caller (the {@code --threads} option), never taken from the machine, so runs are comparable.
 * The calling thread works on the first chunk itself, so a pool of size 1 starts no thread at all.
 */
public final class WorkerPool implements AutoCloseable {
    /** Work on the half-open index range [from, to). */
    @FunctionalInterface
    public interface RangeTask {
        void run(int from, int to);
    }

    private final int threads;
    private final ExecutorService executor;

    public WorkerPool(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        this.threads = threads;
        this.executor = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "train-worker");
            t.setDaemon(true);
            return t;
        });
    }

    public int threads() {
        return threads;
    }

    /** Runs {@code task} over [0, count) split into at most {@code threads} contiguous chunks of whole grains. */
    public void forRange(int count, int grain, RangeTask task) {
        if (count <= 0) return;
        int grains = (count + grain - 1) / grain;
        int chunks = Math.min(threads, grains);
        if (chunks <= 1) {
            task.run(0, count);
            return;
        }
        List<Future<?>> futures = new ArrayList<>(chunks - 1);
        int perChunk = grains / chunks, extra = grains % chunks;
        int[] bounds = new int[chunks + 1];
        for (int c = 0; c < chunks; c++) {
            bounds[c + 1] = Math.min(count, bounds[c] + (perChunk + (c < extra ? 1 : 0)) * grain);
        }
        for (int c = 1; c < chunks; c++) {
            int from = bounds[c], to = bounds[c + 1];
            futures.add(executor.submit(() -> task.run(from, to)));
        }
        task.run(bounds[0], bounds[1]);
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a worker", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) throw re;
                if (e.getCause() instanceof Error err) throw err;
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    @Override
    public void close() {
        if (executor != null) executor.shutdownNow();
    }
}
