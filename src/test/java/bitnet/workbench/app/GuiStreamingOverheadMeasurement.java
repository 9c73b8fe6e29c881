package bitnet.workbench.app;

import bitnet.workbench.engine.GenerationResult;
import bitnet.workbench.engine.GenerationSession;
import bitnet.workbench.engine.GenerationSettings;
import bitnet.workbench.engine.LoadedModel;
import bitnet.workbench.engine.SamplerSettings;
import bitnet.workbench.engine.StopReason;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static bitnet.workbench.app.WorkbenchFixture.awaitChatReady;
import static bitnet.workbench.app.WorkbenchFixture.awaitReply;
import static bitnet.workbench.app.WorkbenchFixture.referenceModel;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What streaming into the window costs the engine: decode tokens/s of the same greedy generation
 * (stories260K, "Once upon a time", N tokens, 1 thread) run directly on the engine with a listener
 * that prints like the CLI does (into a discarding writer), and run through the chat window with
 * the reply rendered as it streams. Runs alternate so that load from other processes hits both
 * alike; medians are compared. Not part of the normal test run (it takes a minute):
 * {@code xvfb-run -a -s "-screen 0 1280x800x24" ./workbench mvn -q test -Dtest=GuiStreamingOverheadMeasurement -Dmeasure=gui-overhead}.
 * Writes {@code target/gui-overhead.txt}.
 */
@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "measure", matches = "gui-overhead")
class GuiStreamingOverheadMeasurement {
    private static final int TOKENS = Integer.getInteger("measure.tokens", 1000);
    private static final int WARMUP = 3;
    private static final int RUNS = Integer.getInteger("measure.runs", 10);

    private Workbench wb;

    @Start
    void start(Stage stage) throws IOException {
        Path home = Files.createTempDirectory("wb-home");
        wb = new Workbench(new Workbench.Options(home, Files.createTempDirectory("wb-models"), List.of()), () -> { });
        wb.show(stage);
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(wb::close);
    }

    @Test
    void streamingIntoTheWindowCostsLittleDecodeSpeed(FxRobot robot) throws Exception {
        robot.interact(() -> {
            wb.engineSettings().setThreads(1);
            wb.chat().sampling().useGreedy();
            wb.chat().sampling().maxTokensProperty().set(TOKENS);
            wb.models().open(referenceModel("stories260K.gguf"));
        });
        awaitChatReady(wb);
        robot.clickOn("#nav-chat");
        robot.interact(() -> wb.scene().addPostLayoutPulseListener(() -> {
            if (wb.chat().generatingProperty().get()) pulses++;
            else idlePulses++;
        }));
        LoadedModel model = wb.models().modelProperty().get().model();
        GenerationSettings settings = GenerationSettings.defaults().withSampling(SamplerSettings.greedy()).withMaxTokens(TOKENS);
        int[] prompt = model.chatTemplate().encode(List.of(bitnet.workbench.tokenizer.ChatMessage.user("Once upon a time")), true);

        List<Double> direct = new ArrayList<>();
        List<Double> window = new ArrayList<>();
        List<Integer> updates = new ArrayList<>();
        for (int i = 0; i < WARMUP + RUNS; i++) {
            double d = directRun(model, prompt, settings);
            double w = windowRun(robot);
            if (i >= WARMUP) {
                direct.add(d);
                window.add(w);
            }
        }
        idlePulses = 0;
        Thread.sleep(2000);
        int idle = idlePulses;
        double md = median(direct);
        double mw = median(window);
        double overhead = 1 - mw / md;
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < direct.size(); i++) ratios.add(window.get(i) / direct.get(i));
        double pairedOverhead = 1 - median(ratios);
        String report = String.format(Locale.ROOT,
            "stories260K, \"Once upon a time\", greedy, %d tokens, 1 thread, %d runs each after %d warm-up, alternating%n"
                + "direct (engine + CLI-style printing): median %.1f decode tok/s  %s%n"
                + "window (chat view, streamed):         median %.1f decode tok/s  %s%n"
                + "GUI overhead: %.2f %% (medians), %.2f %% (median of the paired run ratios)%n",
            TOKENS, RUNS, WARMUP, md, fmt(direct), mw, fmt(window), overhead * 100, pairedOverhead * 100);
        StringBuilder cpu = new StringBuilder("CPU ms per thread over all window runs:\n");
        cpuByThread.entrySet().stream().filter(e -> e.getValue() > 20_000_000L)
            .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
            .forEach(e -> cpu.append(String.format(Locale.ROOT, "  %-40s %8.0f%n", e.getKey(), e.getValue() / 1e6)));
        report += cpu;
        report += String.format(Locale.ROOT, "engine thread CPU per token (median, µs): direct %.0f, window %.0f%n",
            median(directEngineMicrosPerToken.subList(WARMUP, directEngineMicrosPerToken.size())),
            median(windowEngineMicrosPerToken.subList(WARMUP, windowEngineMicrosPerToken.size())));
        report += "layout pulses while generating, all runs: " + pulses + "; in 2 s idle afterwards: " + idle + "\n";
        report += "FX thread CPU ms while generating, per run: " + fxMsDuringDecode.stream().map(x -> String.format(Locale.ROOT, "%.0f", x)).toList()
            + " over seconds " + decodeSeconds.stream().map(x -> String.format(Locale.ROOT, "%.2f", x)).toList() + "\n";
        if (!samples.isEmpty()) {
            StringBuilder prof = new StringBuilder("FX thread samples (inclusive):\n");
            samples.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(60)
                .forEach(e -> prof.append(String.format(Locale.ROOT, "  %6d %s%n", e.getValue(), e.getKey())));
            report += prof;
        }
        System.out.print(report);
        Files.writeString(Path.of("target", "gui-overhead.txt"), report);
        assertThat(window).allMatch(v -> v > 0);
    }

    private final List<Double> directEngineMicrosPerToken = new ArrayList<>();
    private final List<Double> windowEngineMicrosPerToken = new ArrayList<>();

    private double directRun(LoadedModel model, int[] prompt, GenerationSettings settings) {
        long cpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        try {
            return directRun0(model, prompt, settings);
        } finally {
            long used = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu;
            directEngineMicrosPerToken.add(used / 1e3 / TOKENS);
        }
    }

    private static double directRun0(LoadedModel model, int[] prompt, GenerationSettings settings) {
        PrintWriter out = new PrintWriter(Writer.nullWriter());
        try (GenerationSession session = model.newSession()) {
            GenerationResult r = session.generate(prompt, settings, e -> {
                out.print(e.text());
                out.flush();
            });
            assertThat(r.stats().stopReason()).isEqualTo(StopReason.MAX_TOKENS);
            return r.stats().decodeTokensPerSecond();
        }
    }

    private final java.util.Map<String, Long> cpuByThread = new java.util.TreeMap<>();

    private static java.util.Map<String, Long> threadCpu() {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> m = new java.util.HashMap<>();
        for (long id : mx.getAllThreadIds()) {
            var info = mx.getThreadInfo(id);
            long cpu = mx.getThreadCpuTime(id);
            if (info != null && cpu > 0) m.merge(info.getThreadName().replaceAll("[0-9]+", "#"), cpu, Long::sum);
        }
        return m;
    }

    private final java.util.Map<String, Integer> samples = new java.util.HashMap<>();

    /** Where the FX thread spends its time: counts of the deepest project/JavaFX frames, sampled every 2 ms. */
    private Thread sampler(java.util.concurrent.atomic.AtomicBoolean run) {
        Thread fx = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("JavaFX Application Thread")).findFirst().orElseThrow();
        Thread t = new Thread(() -> {
            while (run.get()) {
                if (!wb.chat().generatingProperty().get()) {
                    try { Thread.sleep(1); } catch (InterruptedException ex) { return; }
                    continue;
                }
                StackTraceElement[] st = fx.getStackTrace();
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (StackTraceElement e : st) {
                    String k = e.getClassName().replaceAll("\\$.*", "") + "." + e.getMethodName();
                    if (seen.add(k)) synchronized (samples) { samples.merge(k, 1, Integer::sum); }
                }
                try { Thread.sleep(2); } catch (InterruptedException ex) { return; }
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    private double windowRun(FxRobot robot) throws Exception {
        var running = new java.util.concurrent.atomic.AtomicBoolean(Boolean.getBoolean("measure.profile"));
        Thread sampler = running.get() ? sampler(running) : null;
        var before = threadCpu();
        try {
            return windowRun0(robot);
        } finally {
            running.set(false);
            var after = threadCpu();
            windowEngineMicrosPerToken.add((after.getOrDefault("workbench-engine", 0L) - before.getOrDefault("workbench-engine", 0L)) / 1e3 / TOKENS);
            after.forEach((k, v) -> cpuByThread.merge(k, v - before.getOrDefault(k, 0L), Long::sum));
        }
    }

    private final List<Double> fxMsDuringDecode = new ArrayList<>();
    private int pulses;
    private int idlePulses;
    private final List<Double> decodeSeconds = new ArrayList<>();

    private double windowRun0(FxRobot robot) throws Exception {
        robot.interact(() -> wb.chat().newChat());
        awaitReply(wb);
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long[] fxCpu = new long[2];
        long[] wall = new long[2];
        robot.interact(() -> {
            fxCpu[0] = mx.getCurrentThreadCpuTime();
            wall[0] = System.nanoTime();
            javafx.beans.value.ChangeListener<Boolean> done = new javafx.beans.value.ChangeListener<>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean a, Boolean b) {
                    if (!b) {
                        fxCpu[1] = mx.getCurrentThreadCpuTime();
                        wall[1] = System.nanoTime();
                        o.removeListener(this);
                    }
                }
            };
            wb.chat().generatingProperty().addListener(done);
            wb.chat().inputProperty().set("Once upon a time");
            wb.chat().send();
        });
        awaitReply(wb);
        fxMsDuringDecode.add((fxCpu[1] - fxCpu[0]) / 1e6);
        decodeSeconds.add((wall[1] - wall[0]) / 1e9);
        var stats = wb.chat().lastStatsProperty().get();
        assertThat(stats.generatedTokens()).isEqualTo(TOKENS);
        return stats.decodeTokensPerSecond();
    }

    private static double median(List<Double> xs) {
        List<Double> s = xs.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static String fmt(List<Double> xs) {
        return xs.stream().map(x -> String.format(Locale.ROOT, "%.0f", x)).toList().toString();
    }
}
