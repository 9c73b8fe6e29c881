package bitnet.workbench.cli;

import bitnet.workbench.bench.BenchCsv;
import bitnet.workbench.bench.BenchJson;
import bitnet.workbench.bench.BenchPlan;
import bitnet.workbench.bench.BenchRun;
import bitnet.workbench.bench.BenchRunner;
import bitnet.workbench.kernel.Kernels;
import bitnet.workbench.model.ModelOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Measures prompt and decode speed, latency and memory for every thread count × kernel combination. */
@Command(name = "bench", sortOptions = false,
    description = {
        "Measure time to first token, prompt and decode tokens/s, per-token latency, memory and the share of the "
            + "memory-bandwidth ceiling, for every combination of thread counts and kernels.",
        "Each repetition evaluates a prompt of --pp pseudo-random token ids as one batch, then decodes --tg tokens one at a "
            + "time from an empty context, as llama-bench's pp and tg do (--decode-after-prompt: after the prompt, as a chat reply). A table row prints as each combination finishes; Ctrl-C stops after the current token and keeps "
            + "(and exports) the finished rows.",
        "Exit status: 0 all combinations ran, 1 some failed (their rows say why), 2 bad arguments or model, 130 cancelled."})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE", description = "The GGUF model.")
    Path model;

    @Option(names = {"-t", "--threads"}, split = ",", paramLabel = "N", defaultValue = "1",
        description = "Worker thread counts (default: ${DEFAULT-VALUE}).")
    List<Integer> threads;

    @Option(names = {"-k", "--kernels"}, split = ",", paramLabel = "NAME",
        description = "Kernel variants, or 'all' (default: the fastest on this machine, vector-lut with 512-bit vectors, else vector-i8; available: ${COMPLETION-CANDIDATES}).",
        completionCandidates = KernelNames.class)
    List<String> kernels;

    @Option(names = "--output-head", paramLabel = "auto|float|int8", defaultValue = "auto",
        description = "Output matrix: float, int8 (Q8_K activations; a float head quantized to Q6_K), or auto: int8 for a Q6_K head under the vector kernels (default).")
    String outputHead;

    @Option(names = {"-p", "--pp"}, paramLabel = "N", defaultValue = "128", description = "Prompt tokens (default: ${DEFAULT-VALUE}).")
    int promptTokens;

    @Option(names = {"-n", "--tg"}, paramLabel = "N", defaultValue = "64", description = "Decoded tokens (default: ${DEFAULT-VALUE}).")
    int decodeTokens;

    @Option(names = "--decode-after-prompt",
        description = "Decode right after the prompt (positions pp to pp+tg, as a chat reply) instead of from an empty context (positions 0 to tg, as llama-bench's tg).")
    boolean decodeAfterPrompt;

    @Option(names = {"-r", "--reps"}, paramLabel = "N", defaultValue = "5", description = "Timed repetitions (default: ${DEFAULT-VALUE}).")
    int repetitions;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "1", description = "Untimed warm-up repetitions (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of the pseudo-random token ids (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write one CSV row per combination.")
    Path csv;

    @Option(names = "--json", paramLabel = "FILE", description = "Also save the whole run as JSON (the GUI can load it).")
    Path json;

    @Option(names = "--bandwidth-mib", paramLabel = "MIB", defaultValue = "256",
        description = "Size of the array the bandwidth measurement streams through; keep it well above the L3 cache (default: ${DEFAULT-VALUE}).")
    int bandwidthMib;

    @Mixin
    DebugOption debug;

    /** Kernel names for the help text. */
    static final class KernelNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Kernels.names().iterator();
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> kernelNames = kernels == null ? List.of(Kernels.recommended())
            : kernels.size() == 1 && kernels.getFirst().equals("all") ? Kernels.names() : kernels;
        BenchPlan plan = new BenchPlan(model, threads, kernelNames, promptTokens, decodeTokens, repetitions, warmup, seed, decodeAfterPrompt);
        int cores = Runtime.getRuntime().availableProcessors();
        for (int t : threads) {
            if (t > cores) err.println("warning: " + t + " threads on " + cores + " cores: threads will share cores");
        }
        if (bandwidthMib < 1) throw new IllegalArgumentException("--bandwidth-mib must be at least 1, got " + bandwidthMib);
        BenchRunner.Settings defaults = BenchRunner.Settings.defaults();
        BenchRunner runner = new BenchRunner(plan, ModelOptions.defaults().withOutputHead(bitnet.workbench.model.OutputHead.parse(outputHead)), new BenchRunner.Settings((long) bandwidthMib << 20,
            defaults.bandwidthPasses(), defaults.bandwidthBudget(), defaults.memorySampleInterval()));
        CountDownLatch exported = new CountDownLatch(1);
        Thread onInterrupt = new Thread(() -> {
            runner.cancel();
            try {
                exported.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-cancel-on-exit");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            BenchRun run = runner.run(new BenchTablePrinter(out, err));
            if (csv != null) {
                BenchCsv.write(run, csv);
                err.println("wrote " + csv);
            }
            if (json != null) {
                BenchJson.write(run, json);
                err.println("wrote " + json);
            }
            err.flush();
            if (run.cancelled()) return 130;
            return run.failures().isEmpty() ? 0 : 1;
        } finally {
            exported.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down (Ctrl-C): the hook is running
            }
        }
    }
}
