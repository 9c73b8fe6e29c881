package bitnet.workbench.bench;

import java.util.Objects;

/** One cell of a sweep: a kernel variant run with a number of worker threads. */
public record Combination(int threads, String kernel) {
    public Combination {
        Objects.requireNonNull(kernel, "kernel");
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }

    /** e.g. {@code "vector-i8 × 2"}. */
    public String label() {
        return kernel + " × " + threads;
    }
}
