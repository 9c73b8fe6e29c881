package bitnet.workbench.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads that share one product: the calling thread plus {@code threads − 1} daemon workers.
 * A dispatch costs a volatile write and (if a worker fell asleep) an unpark, so the ~200 products
 * of one token can each be split. Workers spin briefly after a task before parking, because the
 * next product usually follows within microseconds; on a machine shared with other work they then
 * park instead of burning a core.
 *
 * <p>The thread count can change between generations ({@link #setThreads}); a dispatch in progress
 * is never affected because both are serialised on this object. No allocation per dispatch: the
 * caller passes a reusable {@link Task}.
 */
public final class WorkerPool implements AutoCloseable {
    /** A piece of work split between the threads: {@code run(i, n)} does part {@code i} of {@code n}. */
    @FunctionalInterface
    public interface Task {
        void run(int part, int parts);
    }

    /** Spin iterations before a waiting thread parks (a few tens of microseconds). */
    private static final int SPINS = 20_000;
    /** Spin steps between yields (a power of two, minus one). */
    private static final int YIELD_EVERY_MASK = 63;

    private Worker[] workers = new Worker[0];
    private volatile Task task;
    private volatile long generation;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Thread waitingCaller;
    private volatile Throwable failure;
    private boolean closed;

    public WorkerPool(int threads) {
        setThreads(threads);
    }

    /** Number of threads a dispatch uses, the caller included. */
    public synchronized int threads() {
        return workers.length + 1;
    }

    /** Stops or starts workers so that dispatches use {@code threads} threads (caller included). */
    public synchronized void setThreads(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        if (closed) throw new IllegalStateException("the worker pool is closed");
        if (threads == workers.length + 1) return;
        stopWorkers();
        workers = new Worker[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(i + 1, threads, generation);
            workers[i].thread.start();
        }
    }

    /** Runs {@code t} on every thread and returns when all parts are done; rethrows a part's failure. */
    public synchronized void run(Task t) {
        dispatch(t, false);
    }

    /**
     * Runs {@code t} on the calling thread and on the workers that are running now; a worker the OS
     * has not scheduled by the time the caller's part returns is left out, so its part may never
     * run. For tasks that hand out their work through shared state (a counter), where the caller's
     * part alone can finish everything: on a machine whose cores are busy with other programs, a
     * product then waits only for threads that actually took work, not for one that is not running.
     */
    public synchronized void runShared(Task t) {
        dispatch(t, true);
    }

    private void dispatch(Task t, boolean skipAbsent) {
        if (closed) throw new IllegalStateException("the worker pool is closed");
        int n = workers.length + 1;
        if (n == 1) {
            t.run(0, 1);
            return;
        }
        failure = null;
        task = t;
        pending.set(n - 1);
        long g = ++generation;
        for (Worker w : workers) if (w.sleeping) LockSupport.unpark(w.thread);
        try {
            t.run(0, n);
        } finally {
            if (skipAbsent) {
                // A worker that has not claimed this generation yet will not: its part is dropped.
                for (Worker w : workers) {
                    long c = w.claimed.get();
                    if (c < g && w.claimed.compareAndSet(c, g)) pending.decrementAndGet();
                }
            }
            awaitWorkers();
            task = null;
        }
        Throwable f = failure;
        if (f != null) {
            failure = null;
            if (f instanceof RuntimeException r) throw r;
            if (f instanceof Error e) throw e;
            throw new IllegalStateException(f);
        }
    }

    private void awaitWorkers() {
        for (int i = 0; i < SPINS; i++) {
            if (pending.get() == 0) return;
            spin(i);
        }
        waitingCaller = Thread.currentThread();
        while (pending.get() != 0) LockSupport.park(this);
        waitingCaller = null;
    }

    /**
     * One step of a busy wait. Every so often it yields the core: when other programs keep every
     * core busy, the thread being waited for may be the one that is not running, and a spinner
     * that never yields keeps it off the CPU for a whole time slice (a 2-thread decode on a busy
     * 2-core machine took 225 ms per token instead of 45).
     */
    private static void spin(int i) {
        if ((i & YIELD_EVERY_MASK) == YIELD_EVERY_MASK) Thread.yield();
        else Thread.onSpinWait();
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        stopWorkers();
        workers = new Worker[0];
        closed = true;
    }

    private void stopWorkers() {
        for (Worker w : workers) {
            w.stop = true;
            LockSupport.unpark(w.thread);
        }
        for (Worker w : workers) {
            boolean interrupted = false;
            while (true) {
                try {
                    w.thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    private final class Worker implements Runnable {
        final int part;
        final int parts;
        final Thread thread;
        /** The generation current when the worker was made: a dispatch may come before the thread runs. */
        final long startGeneration;
        volatile boolean stop;
        volatile boolean sleeping;
        /** The last generation this worker took on, or that the caller dropped it from: whoever moves it first decides. */
        final java.util.concurrent.atomic.AtomicLong claimed;

        Worker(int part, int parts, long startGeneration) {
            this.part = part;
            this.parts = parts;
            this.startGeneration = startGeneration;
            this.claimed = new java.util.concurrent.atomic.AtomicLong(startGeneration);
            this.thread = Thread.ofPlatform().daemon().name("kernel-worker-" + part).unstarted(this);
        }

        @Override
        public void run() {
            long seen = startGeneration;
            while (true) {
                long g = awaitGeneration(seen);
                if (stop) return;
                seen = g;
                long c = claimed.get();
                // The caller dropped this worker from generation g (runShared): nothing to do or report.
                if (c >= g || !claimed.compareAndSet(c, g)) continue;
                Task t = task;
                try {
                    t.run(part, parts);
                } catch (Throwable e) {
                    failure = e;
                }
                if (pending.decrementAndGet() == 0) {
                    Thread caller = waitingCaller;
                    if (caller != null) LockSupport.unpark(caller);
                }
            }
        }

        private long awaitGeneration(long seen) {
            for (int i = 0; i < SPINS; i++) {
                long g = generation;
                if (g != seen || stop) return g;
                spin(i);
            }
            while (true) {
                sleeping = true;
                long g = generation;
                if (g != seen || stop) {
                    sleeping = false;
                    return g;
                }
                LockSupport.park(WorkerPool.this);
                sleeping = false;
            }
        }
    }
}
