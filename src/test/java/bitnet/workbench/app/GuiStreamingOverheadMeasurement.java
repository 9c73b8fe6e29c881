package bitnet.workbench.app;

import bitnet.workbench.engine.GenerationResult;
import bitnet.workbench.engine.GenerationSession;
import bitnet.workbench.engine.GenerationSettings;
import bitnet.workbench.engine.LoadedModel;
import bitnet.workbench.engine.SamplerSettings;
import bitnet.workbench.engine.StopReason;
import bitnet.workbench.tokenizer.ChatMessage;
import bitnet.workbench.tokenizer.ChatTemplate;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static bitnet.workbench.app.WorkbenchFixture.awaitChatReady;
import static bitnet.workbench.app.WorkbenchFixture.awaitReply;
import static bitnet.workbench.app.WorkbenchFixture.referenceModel;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What streaming into the chat window costs the engine, against the CLI. For each case (model,
 * threads) the same greedy reply to the same prompt is generated, alternately, (a) the way
 * {@code workbench chat} does it — the model's chat template, its stop strings, one engine session
 * for the whole chat, every token printed and flushed (into a discarding writer, the cheapest
 * terminal there is) — and (b) by the chat window, with the composer focused as after Ctrl+Enter
 * and the reply rendered as it streams. Both use the same loaded model in the same JVM and must
 * produce the same number of tokens and the same text. Runs alternate A B B A so that drift and
 * load from other processes hit both alike; the report gives medians, the median of the paired
 * ratios, and where the window's CPU went (FX thread, renderer thread, X server).
 *
 * <p>Not part of the normal test run (a few minutes):
 * {@code xvfb-run -a -s "-screen 0 1280x800x24" ./workbench mvn -q -B -Dstyle.color=never test -Dtest=GuiStreamingOverheadMeasurement -Dmeasure=gui-overhead}.
 * Options: {@code -Dmeasure.runs=9} (measured runs per path and case), {@code -Dmeasure.warmup=3},
 * {@code -Dmeasure.cases=kjv:1,kjv:2,stories:1,stories:2} (and {@code model:N} with {@code -Dmeasure.model=FILE}). Writes {@code target/gui-overhead.txt}.
 */
@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "measure", matches = "gui-overhead")
class GuiStreamingOverheadMeasurement {
    private static final int RUNS = Integer.getInteger("measure.runs", 9);
    private static final int WARMUP = Integer.getInteger("measure.warmup", 3);
    private static final String CASES = System.getProperty("measure.cases", "kjv:1,kjv:2,stories:1,stories:2");

    private record Case(String label, Path model, String prompt, int tokens, int threads) {
    }

    /** One run of one path: decode speed and the CPU the window's machinery used meanwhile. */
    private record Run(double tokensPerSecond, double seconds, double fxMs, double rendererMs, double xServerMs,
                       int updates, int pulses) {
    }

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
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT,
            "GUI streaming overhead: decode tok/s of the chat window against the CLI path (ChatCommand: template, stop strings,%n"
                + "print + flush per token), same JVM and loaded model, greedy, same prompt and token count; %d runs per path after%n"
                + "%d warm-up, alternating A B B A; overhead = 1 - window/CLI of the medians (paired: median of per-pair ratios;%n"
                + "best: of the fastest run of each, which other processes on the machine disturbed least).%n"
                + "Window costs are per second of decode: CPU of the FX thread, of the renderer thread, of the X server (Xvfb),%n"
                + "text updates reaching the view, and layout pulses. Prism pipeline: %s. Screen: %s. Collectors: %s.%n%n",
            RUNS, WARMUP, pipeline(), System.getenv().getOrDefault("DISPLAY", "?"),
            ManagementFactory.getGarbageCollectorMXBeans().stream().map(java.lang.management.GarbageCollectorMXBean::getName).toList()));
        report.append(String.format(Locale.ROOT, "%-12s %3s %6s | %9s %9s %8s %8s %8s | %6s %6s %6s %6s %6s%n",
            "model", "thr", "tokens", "CLI tok/s", "win tok/s", "overhead", "paired", "best", "FX", "render", "Xvfb", "upd/s", "pulse/s"));
        StringBuilder details = new StringBuilder();
        for (String spec : CASES.split(",")) {
            Case c = parse(spec.strip());
            String line = measure(robot, c, details);
            report.append(line).append('\n');
            details.append("  animations running while the window generated: ").append(animations).append('\n');
            animations.clear();
            looked = false;
            System.out.println(line);
            Files.writeString(Path.of("target", "gui-overhead.txt"), report + "\n" + details);
        }
        report.append("\n").append(details);
        Files.writeString(Path.of("target", "gui-overhead.txt"), report);
        System.out.print(report);
    }

    private static Case parse(String spec) {
        String[] p = spec.split(":");
        int threads = Integer.parseInt(p[1]);
        return switch (p[0]) {
            case "kjv" -> new Case("kjv (shipped)", Path.of("models", "bitnet-b158-kjv-i2_s.gguf"), "And God said", 240, threads);
            case "stories" -> new Case("stories260K", referenceModel("stories260K.gguf"), "Once upon a time", 1000, threads);
            // A model as slow as the real 2B4T (e.g. a 2B4T-shaped synth file): -Dmeasure.model=FILE
            // [-Dmeasure.tokens=N, default 64]
            case "model" -> new Case(Path.of(System.getProperty("measure.model", "missing.gguf")).getFileName().toString(),
                Path.of(System.getProperty("measure.model", "missing.gguf")), "Once upon a time", Integer.getInteger("measure.tokens", 64), threads);
            default -> throw new IllegalArgumentException("unknown case " + spec + " (kjv:N, stories:N or model:N with -Dmeasure.model=FILE)");
        };
    }

    private String measure(FxRobot robot, Case c, StringBuilder details) throws Exception {
        robot.interact(() -> {
            wb.engineSettings().setThreads(c.threads());
            wb.chat().sampling().useGreedy();
            wb.chat().sampling().maxTokensProperty().set(c.tokens());
            wb.models().open(c.model().toAbsolutePath());
        });
        awaitChatReady(wb);
        robot.clickOn("#nav-chat");
        robot.clickOn("#chat-input"); // focused, as it is after typing and pressing Ctrl+Enter
        LoadedModel model = wb.models().modelProperty().get().model();
        ChatTemplate template = model.chatTemplate();
        GenerationSettings settings = GenerationSettings.defaults().withSampling(SamplerSettings.greedy())
            .withMaxTokens(c.tokens()).withStopStrings(template.stopStrings());
        int[] prompt = template.encode(List.of(ChatMessage.user(c.prompt())), true);

        List<Run> cli = new ArrayList<>();
        List<Run> window = new ArrayList<>();
        var profiling = new java.util.concurrent.atomic.AtomicBoolean(Boolean.getBoolean("measure.profile"));
        Runnable layoutOrigins = () -> {
            if (wb.chat().generatingProperty().get()) collectLayoutOrigins(wb.scene().getRoot());
        };
        if (profiling.get()) {
            profileFxThread(profiling);
            robot.interact(() -> wb.scene().addPreLayoutPulseListener(layoutOrigins));
        }
        try (GenerationSession session = model.newSession()) {
            for (int i = 0; i < WARMUP + RUNS; i++) {
                boolean cliFirst = i % 2 == 0;
                Run a = cliFirst ? cliRun(session, prompt, settings, c) : windowRun(robot, c);
                Run b = cliFirst ? windowRun(robot, c) : cliRun(session, prompt, settings, c);
                if (i >= WARMUP) {
                    cli.add(cliFirst ? a : b);
                    window.add(cliFirst ? b : a);
                }
            }
        }
        profiling.set(false);
        robot.interact(() -> wb.scene().removePreLayoutPulseListener(layoutOrigins));
        if (!layoutSources.isEmpty()) {
            details.append("  nodes that asked for a layout while generating (deepest ones, per pulse):\n");
            layoutSources.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(20)
                .forEach(e -> details.append(String.format(Locale.ROOT, "    %6d %s%n", e.getValue(), e.getKey())));
            layoutSources.clear();
        }
        if (!fxSamples.isEmpty()) {
            details.append("  FX thread from the first token to the end of the reply, inclusive samples:\n");
            fxSamples.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(90)
                .forEach(e -> details.append(String.format(Locale.ROOT, "    %6d %s%n", e.getValue(), e.getKey())));
            fxSamples.clear();
        }
        double mc = median(cli.stream().map(Run::tokensPerSecond).toList());
        double mw = median(window.stream().map(Run::tokensPerSecond).toList());
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < cli.size(); i++) ratios.add(window.get(i).tokensPerSecond() / cli.get(i).tokensPerSecond());
        double perSecondFx = median(window.stream().map(r -> r.fxMs() / r.seconds()).toList());
        double perSecondRender = median(window.stream().map(r -> r.rendererMs() / r.seconds()).toList());
        double perSecondX = median(window.stream().map(r -> r.xServerMs() / r.seconds()).toList());
        double updates = median(window.stream().map(r -> r.updates() / r.seconds()).toList());
        double pulses = median(window.stream().map(r -> r.pulses() / r.seconds()).toList());
        details.append(String.format(Locale.ROOT, "%s, %d thread(s), \"%s\", %d tokens%n  CLI    tok/s %s%n  window tok/s %s%n"
                + "  window FX/render/Xvfb CPU ms per run %s%n  window seconds %s%n",
            c.label(), c.threads(), c.prompt(), c.tokens(), fmt(cli.stream().map(Run::tokensPerSecond).toList()),
            fmt(window.stream().map(Run::tokensPerSecond).toList()),
            window.stream().map(r -> String.format(Locale.ROOT, "%.0f/%.0f/%.0f", r.fxMs(), r.rendererMs(), r.xServerMs())).toList(),
            window.stream().map(r -> String.format(Locale.ROOT, "%.2f", r.seconds())).toList()));
        double best = 1 - window.stream().mapToDouble(Run::tokensPerSecond).max().orElseThrow()
            / cli.stream().mapToDouble(Run::tokensPerSecond).max().orElseThrow();
        return String.format(Locale.ROOT, "%-12s %3d %6d | %9.1f %9.1f %7.2f%% %7.2f%% %7.2f%% | %6.1f %6.1f %6.1f %6.1f %6.1f",
            c.label().replace(" (shipped)", "*"), c.threads(), c.tokens(), mc, mw, (1 - mw / mc) * 100, (1 - median(ratios)) * 100, best * 100,
            perSecondFx, perSecondRender, perSecondX, updates, pulses);
    }

    private String cliText;

    private Run cliRun(GenerationSession session, int[] prompt, GenerationSettings settings, Case c) {
        PrintWriter out = new PrintWriter(Writer.nullWriter());
        GenerationResult r = session.generate(prompt, settings, e -> {
            out.print(e.text());
            out.flush();
        });
        assertThat(r.stats().stopReason()).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(r.stats().generatedTokens()).isEqualTo(c.tokens());
        cliText = r.text();
        return new Run(r.stats().decodeTokensPerSecond(), 0, 0, 0, 0, 0, 0);
    }

    private final List<String> animations = new ArrayList<>();
    /** Whether this case's animations and screenshot were taken (once, in its first window run). */
    private boolean looked;
    /** With -Dmeasure.profile=true: where the FX thread is while the window decodes (inclusive sample counts per method). */
    private final java.util.Map<String, Integer> fxSamples = new java.util.concurrent.ConcurrentHashMap<>();

    private final java.util.Map<String, Integer> layoutSources = new java.util.HashMap<>();

    /** Counts the deepest parents that need a layout: where a layout pass starts from. */
    private boolean collectLayoutOrigins(javafx.scene.Parent p) {
        if (!p.isNeedsLayout()) return false;
        boolean deeper = false;
        for (javafx.scene.Node n : p.getChildrenUnmodifiable()) {
            if (n instanceof javafx.scene.Parent child && collectLayoutOrigins(child)) deeper = true;
        }
        if (!deeper) {
            StringBuilder path = new StringBuilder();
            for (javafx.scene.Node n = p; n != null && path.length() < 300; n = n.getParent()) {
                path.append(n.getClass().getSimpleName()).append(n.getStyleClass()).append(n.getId() == null ? "" : "#" + n.getId()).append(" < ");
            }
            layoutSources.merge(path.toString(), 1, Integer::sum);
        }
        return true;
    }

    private Thread profileFxThread(java.util.concurrent.atomic.AtomicBoolean running) {
        Thread fx = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("JavaFX Application Thread")).findFirst().orElseThrow();
        Thread t = new Thread(() -> {
            while (running.get()) {
                if (decoding()) {
                    java.util.Set<String> seen = new java.util.HashSet<>();
                    for (StackTraceElement e : fx.getStackTrace()) {
                        String k = e.getClassName() + "." + e.getMethodName();
                        if (seen.add(k)) fxSamples.merge(k, 1, Integer::sum);
                    }
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fx-profiler");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Whether the window shows a reply that has its first token and is still running (read off the FX thread: a sample may be off by one). */
    private boolean decoding() {
        if (!wb.chat().generatingProperty().get()) return false;
        try {
            var turns = wb.chat().turns();
            return !turns.isEmpty() && !turns.getLast().text().isEmpty();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private Run windowRun(FxRobot robot, Case c) throws Exception {
        robot.interact(() -> wb.chat().newChat());
        awaitReply(wb);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long fxId = threadId("JavaFX Application Thread");
        long rendererId = threadId("QuantumRenderer-0");
        AtomicInteger updates = new AtomicInteger();
        AtomicInteger pulses = new AtomicInteger();
        Runnable pulseCounter = () -> {
            if (wb.chat().generatingProperty().get()) pulses.incrementAndGet();
        };
        javafx.collections.ListChangeListener<Object> updateCounter = ch -> updates.incrementAndGet();
        long[] start = new long[4];
        long[] end = new long[4];
        robot.interact(() -> {
            wb.scene().addPostLayoutPulseListener(pulseCounter);
            wb.chat().turns().addListener(updateCounter);
            wb.chat().generatingProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean now) {
                    if (!now) {
                        sample(mx, fxId, rendererId, end);
                        o.removeListener(this);
                    }
                }
            });
            wb.chat().inputProperty().set(c.prompt());
            sample(mx, fxId, rendererId, start);
            wb.chat().send();
        });
        if (!looked) {
            Thread.sleep(c.tokens() > 500 ? 300 : 600);
            javafx.scene.image.WritableImage[] shot = new javafx.scene.image.WritableImage[1];
            robot.interact(() -> {
                if (!wb.chat().generatingProperty().get()) return;
                animations.addAll(runningAnimations());
                looked = true;
                shot[0] = wb.scene().snapshot(null); // what a reply looks like while it streams
            });
            if (shot[0] != null) { // encoded here, not on the FX thread (this is a warm-up run, but still)
                Files.createDirectories(WorkbenchFixture.SCREENSHOTS);
                javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(shot[0], null), "png",
                    WorkbenchFixture.SCREENSHOTS.resolve("streaming-" + c.label().split(" ")[0] + ".png").toFile());
            }
        }
        awaitReply(wb);
        robot.interact(() -> {
            wb.scene().removePostLayoutPulseListener(pulseCounter);
            wb.chat().turns().removeListener(updateCounter);
        });
        var stats = wb.chat().lastStatsProperty().get();
        assertThat(stats.generatedTokens()).isEqualTo(c.tokens());
        if (cliText != null) assertThat(wb.chat().turns().getLast().text()).isEqualTo(cliText);
        return new Run(stats.decodeTokensPerSecond(), (end[0] - start[0]) / 1e9, (end[1] - start[1]) / 1e6,
            (end[2] - start[2]) / 1e6, (end[3] - start[3]) / 1e6, updates.get() - 3, pulses.get()); // less setAll, add and the final answer
    }

    /** Wall clock, FX thread CPU, renderer thread CPU and X server CPU, in nanoseconds. */
    private static void sample(ThreadMXBean mx, long fxId, long rendererId, long[] into) {
        into[0] = System.nanoTime();
        into[1] = fxId < 0 ? 0 : mx.getThreadCpuTime(fxId);
        into[2] = rendererId < 0 ? 0 : mx.getThreadCpuTime(rendererId);
        into[3] = xServerCpuNanos().orElse(0);
    }

    private static long threadId(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).mapToLong(Thread::threadId)
            .findFirst().orElse(-1);
    }

    /** CPU time of the Xvfb serving this display (utime + stime from /proc), if there is one. */
    private static OptionalLong xServerCpuNanos() {
        String display = System.getenv("DISPLAY");
        if (display == null) return OptionalLong.empty();
        return ProcessHandle.allProcesses()
            .filter(p -> p.info().command().map(cmd -> cmd.endsWith("Xvfb")).orElse(false))
            .filter(p -> p.info().arguments().map(a -> Arrays.asList(a).contains(display)).orElse(false))
            .mapToLong(p -> {
                try {
                    String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L; // clock ticks of 10 ms
                } catch (IOException | RuntimeException e) {
                    return 0;
                }
            }).findFirst();
    }

    /** What keeps pulses coming: the animations registered with JavaFX's primary timer (diagnostic, by reflection). */
    private static List<String> runningAnimations() {
        List<String> out = new ArrayList<>();
        try {
            Object timer = Class.forName("com.sun.javafx.tk.Toolkit").getMethod("getToolkit").invoke(null);
            timer = timer.getClass().getMethod("getPrimaryTimer").invoke(timer);
            Class<?> c = timer.getClass();
            while (!c.getSimpleName().equals("AbstractPrimaryTimer")) c = c.getSuperclass();
            for (String field : List.of("receivers", "animationTimers")) {
                java.lang.reflect.Field f = c.getDeclaredField(field);
                f.setAccessible(true);
                java.lang.reflect.Field n = c.getDeclaredField(field + "Length");
                n.setAccessible(true);
                Object[] records = (Object[]) f.get(timer);
                for (int i = 0; i < n.getInt(timer); i++) out.add(describe(records[i]));
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            out.add("unknown (" + e + ")");
        }
        return out;
    }

    private static String describe(Object record) throws IllegalAccessException {
        StringBuilder s = new StringBuilder();
        for (Object o : fieldValues(record)) {
            if (o == null || o instanceof Number || o instanceof Boolean) continue;
            s.append(o.getClass().getName());
            for (Object inner : fieldValues(o)) {
                if (inner instanceof javafx.animation.Timeline t) {
                    s.append(" -> Timeline ").append(t.getCycleDuration()).append(' ');
                    t.getKeyFrames().forEach(k -> k.getValues().forEach(v -> s.append(v.getTarget() instanceof javafx.beans.property.Property<?> p
                        ? (p.getBean() == null ? "?" : p.getBean().getClass().getName()) + "." + p.getName() : String.valueOf(v.getTarget())).append(' ')));
                    for (var k : t.getKeyFrames()) {
                        if (k.getOnFinished() == null) continue;
                        s.append("onFinished ").append(k.getOnFinished().getClass().getName()).append(' ');
                        for (Object timer : fieldValues(k.getOnFinished())) {
                            if (timer == null) continue;
                            s.append(timer.getClass().getName()).append(' ');
                            for (Object action : fieldValues(timer)) if (action instanceof Runnable r) s.append("action ").append(r.getClass().getName()).append(' ');
                        }
                    }
                } else if (inner instanceof javafx.animation.Animation a) {
                    s.append(" -> ").append(a.getClass().getName());
                }
            }
        }
        return s.toString();
    }

    private static List<Object> fieldValues(Object o) throws IllegalAccessException {
        List<Object> values = new ArrayList<>();
        for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (java.lang.reflect.Field f : c.getDeclaredFields()) {
                if (java.lang.reflect.Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) continue;
                try {
                    f.setAccessible(true);
                    Object v = f.get(o);
                    if (v instanceof java.lang.ref.Reference<?> r) v = r.get();
                    values.add(v);
                } catch (RuntimeException e) {
                    // a field of a class in a closed module: not needed for the description
                }
            }
        }
        return values;
    }

    private static String pipeline() throws Exception {
        String[] name = new String[1];
        WaitForAsyncUtils.asyncFx(() -> {
            try {
                Object p = Class.forName("com.sun.prism.GraphicsPipeline").getMethod("getPipeline").invoke(null);
                name[0] = p == null ? "?" : p.getClass().getSimpleName();
            } catch (ReflectiveOperationException | RuntimeException e) {
                name[0] = "unknown (" + e.getClass().getSimpleName() + ")";
            }
        }).get(5, TimeUnit.SECONDS);
        return name[0];
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
