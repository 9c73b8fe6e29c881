package bitnet.workbench.cli;

import bitnet.workbench.bench.BandwidthMeasurement;
import bitnet.workbench.bench.BenchEvent;
import bitnet.workbench.bench.BenchListener;
import bitnet.workbench.bench.BenchPlan;
import bitnet.workbench.bench.BytesPerToken;
import bitnet.workbench.bench.CombinationResult;
import bitnet.workbench.bench.Summary;

import java.io.PrintWriter;
import java.util.Locale;

/** Prints a run as it happens: the header facts, then one table row per combination the moment it finishes. */
final class BenchTablePrinter implements BenchListener {
    private static final String ROW = "%7s  %-10s  %-24s  %-22s  %-22s  %8s  %8s  %9s  %9s  %8s  %s%n";

    private final PrintWriter out;
    private final PrintWriter err;
    private BytesPerToken bytes;
    private int combinations;
    private boolean headerPrinted;
    private boolean started;

    BenchTablePrinter(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void onEvent(BenchEvent event) {
        switch (event) {
            case BenchEvent.RunStarted s -> {
                bytes = s.bytesPerToken();
                combinations = s.combinations().size();
                BenchPlan p = s.plan();
                out.println("model      " + s.model().describe());
                out.println("machine    " + s.machine().describe());
                out.printf(Locale.ROOT, "bytes/tok  %s weights + %s KV cache (%.1f positions) = %s%n",
                    megabytes(bytes.weightBytes()), megabytes(bytes.kvCacheBytes()), bytes.meanContext(), megabytes(bytes.total()));
                out.printf(Locale.ROOT, "plan       pp %d, tg %d %s, %d repetition%s after %d warm-up; token ids pseudo-random (seed %d)%n",
                    p.promptTokens(), p.decodeTokens(), p.decodeAfterPrompt() ? "after the prompt" : "from an empty context",
                    p.repetitions(), p.repetitions() == 1 ? "" : "s", p.warmup(), p.seed());
                out.flush();
            }
            // Measurements after each combination only raise that row's ceiling ("of N tok/s"); they are not printed between rows.
            case BenchEvent.BandwidthMeasured b when started -> {
            }
            case BenchEvent.BandwidthMeasured b -> {
                BandwidthMeasurement m = b.measurement();
                out.printf(Locale.ROOT, "bandwidth  %d thread%s: %.1f GB/s (best of %d passes over %d MiB%s) -> ceiling %.1f tok/s%n",
                    m.threads(), m.threads() == 1 ? "" : "s", m.gigabytesPerSecond(), m.passes(), m.arrayBytes() >> 20,
                    m.streamsPerThread() == 0 ? "" : m.streamsPerThread() == 1 ? ", one stream per thread" : ", " + m.streamsPerThread() + " streams per thread",
                    bytes.ceilingTokensPerSecond(m.bytesPerSecond()));
                out.flush();
            }
            case BenchEvent.CombinationStarted c -> {
                started = true;
                err.printf(Locale.ROOT, "[%d/%d] %s ...%n", c.index() + 1, combinations, c.combination().label());
                err.flush();
            }
            case BenchEvent.CombinationFinished f -> {
                header();
                row(f.result());
            }
            case BenchEvent.CombinationFailed f -> {
                header();
                out.printf(Locale.ROOT, "%7d  %-10s  failed: %s%n", f.failure().combination().threads(), f.failure().combination().kernel(), f.failure().message());
                out.flush();
            }
            case BenchEvent.RunCancelled c -> {
                out.printf("cancelled: %d of %d combinations finished%n", c.run().results().size(), combinations);
                out.flush();
            }
            default -> { }
        }
    }

    private void header() {
        if (headerPrinted) return;
        headerPrinted = true;
        out.println();
        out.printf(Locale.ROOT, ROW, "threads", "kernel", "ttft ms", "pp tok/s", "tg tok/s", "p50 ms", "p95 ms",
            "peak RSS", "mapped", "ceiling", "");
        out.println("                     (median [min-max] over repetitions; p50/p95: medians of each repetition's per-token latency)");
    }

    private void row(CombinationResult r) {
        out.printf(Locale.ROOT, ROW, r.combination().threads(), r.combination().kernel(), spread(r.timeToFirstTokenMillis()),
            spread(r.promptTokensPerSecond()), spread(r.decodeTokensPerSecond()), num(r.latencyP50Millis().median()),
            num(r.latencyP95Millis().median()), mebibytes(r.peakRssBytes()), mebibytes(r.mappedModelBytes()),
            Double.isNaN(r.fractionOfCeiling()) ? "?" : String.format(Locale.ROOT, "%.1f %%", 100 * r.fractionOfCeiling()),
            String.format(Locale.ROOT, "of %.1f tok/s", r.ceilingTokensPerSecond()));
        out.flush();
    }

    static String spread(Summary s) {
        return num(s.median()) + " [" + num(s.min()) + "-" + num(s.max()) + "]";
    }

    static String num(double v) {
        double a = Math.abs(v);
        String f = a >= 100 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, f, v);
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    static String mebibytes(long bytes) {
        return bytes < 0 ? "?" : String.format(Locale.ROOT, "%d MiB", Math.round(bytes / 1048576.0));
    }
}
