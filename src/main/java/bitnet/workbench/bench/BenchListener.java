package bitnet.workbench.bench;

/**
 * Receives a run's {@link BenchEvent}s as they happen. Events are delivered one at a time, never
 * concurrently, in the order they happened: most on the thread running the benchmark, memory
 * samples on the sampler's thread. Delivery happens outside every timed region, but the benchmark
 * waits for the listener, so it must return quickly (a GUI copies the event and hands it to its
 * own thread, throttled). An exception thrown by the listener ends the run.
 */
@FunctionalInterface
public interface BenchListener {
    void onEvent(BenchEvent event);

    static BenchListener none() {
        return e -> { };
    }

    default BenchListener andThen(BenchListener next) {
        return e -> {
            onEvent(e);
            next.onEvent(e);
        };
    }
}
