package bitnet.workbench.app.benchmark;

import bitnet.workbench.app.theme.Theme;
import bitnet.workbench.bench.BenchEvent;
import bitnet.workbench.bench.BenchRun;
import bitnet.workbench.bench.Combination;
import bitnet.workbench.bench.CombinationResult;
import bitnet.workbench.bench.MemorySample;
import bitnet.workbench.bench.RepetitionResult;
import bitnet.workbench.bench.Summary;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The four benchmark charts and their data: decode and prompt tokens/s against threads (one series
 * per kernel, the median with a min–max bar), per-token latency of the running (or last)
 * combination, and the memory timeline. Fed live from a sweep's events, or rebuilt from a finished
 * run; a second run is drawn dashed with " (B)" in its series names. Use on the FX thread.
 */
final class SweepCharts {
    static final String TIMED = "timed";
    static final String WARMUP = "warm-up";
    static final String RSS = "RSS";
    static final String HEAP = "Java heap";
    static final String MAPPED = "mapped model";

    private final YIntervalSeriesCollection decode = new YIntervalSeriesCollection();
    private final YIntervalSeriesCollection prompt = new YIntervalSeriesCollection();
    private final XYSeriesCollection latency = new XYSeriesCollection();
    private final XYSeriesCollection memory = new XYSeriesCollection();
    private final JFreeChart decodeChart = throughputChart("Decode speed (median, bars min–max)", "decode tokens/s", decode);
    private final JFreeChart promptChart = throughputChart("Prompt speed (median, bars min–max)", "prompt tokens/s", prompt);
    private final JFreeChart latencyChart = lineChart("Per-token latency", "decoded token (all repetitions)", "latency (ms)", latency, true);
    private final JFreeChart memoryChart = lineChart("Memory", "time since the run started (s)", "MiB", memory, false);
    private final List<JFreeChart> charts = List.of(decodeChart, promptChart, latencyChart, memoryChart);
    private Theme theme = Theme.LIGHT;
    private int latencyX;

    List<JFreeChart> charts() { return charts; }
    JFreeChart decodeChart() { return decodeChart; }
    JFreeChart promptChart() { return promptChart; }
    JFreeChart latencyChart() { return latencyChart; }
    JFreeChart memoryChart() { return memoryChart; }

    void applyTheme(Theme t) {
        theme = t;
        for (JFreeChart c : charts) ChartStyle.apply(c, t);
    }

    /** Applies a batch of a running sweep's events with one redraw per chart. */
    void accept(List<BenchEvent> batch) {
        quiet(() -> {
            for (BenchEvent e : batch) {
                switch (e) {
                    case BenchEvent.RunStarted s -> clear();
                    case BenchEvent.CombinationStarted s -> startLatency(s.combination(), "");
                    case BenchEvent.TokenTimed t when t.phase() == BenchEvent.Phase.DECODE ->
                        series(latency, t.warmup() ? WARMUP : TIMED).add(++latencyX, t.millis(), false);
                    case BenchEvent.CombinationFinished f -> addThroughput(f.result(), "");
                    case BenchEvent.MemorySampled m -> addMemory(m.sample(), "");
                    default -> { }
                }
            }
        });
    }

    /** Redraws everything from finished runs: {@code a} solid, {@code b} (may be null) dashed. */
    void show(BenchRun a, BenchRun b) {
        quiet(() -> {
            clear();
            if (a != null) addRun(a, "", Optional.empty());
            if (b != null) {
                Optional<Combination> same = a == null || a.results().isEmpty() ? Optional.empty()
                    : Optional.of(a.results().getLast().combination());
                addRun(b, ChartStyle.B_SUFFIX, same);
            }
        });
    }

    private void addRun(BenchRun run, String suffix, Optional<Combination> latencyOf) {
        for (CombinationResult r : run.results()) addThroughput(r, suffix);
        for (MemorySample s : run.memory()) addMemory(s, suffix);
        Optional<CombinationResult> shown = latencyOf
            .flatMap(c -> run.results().stream().filter(r -> r.combination().equals(c)).findFirst())
            .or(() -> run.results().isEmpty() ? Optional.empty() : Optional.of(run.results().getLast()));
        shown.ifPresent(r -> {
            if (suffix.isEmpty()) startLatency(r.combination(), suffix);
            int x = 0;
            for (RepetitionResult rep : r.repetitionResults()) {
                XYSeries s = series(latency, (rep.warmup() ? WARMUP : TIMED) + suffix);
                for (long nanos : rep.decodeNanos()) s.add(++x, nanos / 1e6, false);
            }
        });
    }

    private void clear() {
        decode.removeAllSeries();
        prompt.removeAllSeries();
        latency.removeAllSeries();
        memory.removeAllSeries();
        latencyChart.setTitle("Per-token latency");
        latencyX = 0;
    }

    private void startLatency(Combination c, String suffix) {
        for (int i = latency.getSeriesCount() - 1; i >= 0; i--) {
            if (String.valueOf(latency.getSeriesKey(i)).endsWith(ChartStyle.B_SUFFIX) == !suffix.isEmpty()) latency.removeSeries(i);
        }
        latencyX = 0;
        latencyChart.setTitle("Per-token latency: " + c.label());
        ChartStyle.apply(latencyChart, theme);
    }

    private void addThroughput(CombinationResult r, String suffix) {
        add(decode, r.combination().kernel() + suffix, r.combination().threads(), r.decodeTokensPerSecond());
        add(prompt, r.combination().kernel() + suffix, r.combination().threads(), r.promptTokensPerSecond());
    }

    private static void add(YIntervalSeriesCollection data, String key, int threads, Summary s) {
        int i = data.indexOf(key);
        YIntervalSeries series;
        if (i >= 0) {
            series = data.getSeries(i);
        } else {
            series = new YIntervalSeries(key);
            data.addSeries(series);
        }
        series.add(threads, s.median(), s.min(), s.max());
    }

    private void addMemory(MemorySample s, String suffix) {
        double t = s.elapsedSeconds();
        if (s.rssBytes() >= 0) series(memory, RSS + suffix).add(t, Figures.mebibytes(s.rssBytes()), false);
        if (s.heapUsedBytes() >= 0) series(memory, HEAP + suffix).add(t, Figures.mebibytes(s.heapUsedBytes()), false);
        if (s.mappedModelBytes() >= 0) series(memory, MAPPED + suffix).add(t, Figures.mebibytes(s.mappedModelBytes()), false);
    }

    private static XYSeries series(XYSeriesCollection data, String key) {
        int i = data.getSeriesIndex(key);
        if (i >= 0) return data.getSeries(i);
        XYSeries s = new XYSeries(key, true, true);
        data.addSeries(s);
        return s;
    }

    /** Runs {@code edit} with change notification off, then redraws each chart once. */
    private void quiet(Runnable edit) {
        for (JFreeChart c : charts) c.setNotify(false);
        try {
            edit.run();
        } finally {
            for (XYSeriesCollection data : List.of(latency, memory)) {
                for (int i = 0; i < data.getSeriesCount(); i++) data.getSeries(i).fireSeriesChanged();
            }
            for (JFreeChart c : charts) {
                ChartStyle.restyleSeries(c, theme);
                c.setNotify(true);
            }
        }
    }

    /** The four charts in a 2 × 2 grid, {@code width} × {@code height} pixels, as one PNG. */
    void savePng(Path file, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setPaint(ChartStyle.palette(theme).background());
            g.fillRect(0, 0, width, height);
            double w = width / 2.0;
            double h = height / 2.0;
            for (int i = 0; i < charts.size(); i++) {
                charts.get(i).draw(g, new Rectangle2D.Double(i % 2 * w, i / 2 * h, w, h));
            }
        } finally {
            g.dispose();
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        if (!ImageIO.write(image, "png", file.toFile())) throw new IOException("no PNG writer available");
    }

    private static JFreeChart throughputChart(String title, String yLabel, YIntervalSeriesCollection data) {
        NumberAxis threads = new NumberAxis("threads");
        threads.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        threads.setAutoRangeIncludesZero(false);
        threads.setLowerMargin(0.15);
        threads.setUpperMargin(0.15);
        NumberAxis rate = new NumberAxis(yLabel);
        rate.setAutoRangeIncludesZero(true);
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDefaultLinesVisible(true);
        renderer.setDefaultShapesVisible(true);
        renderer.setCapLength(8);
        return chart(title, new XYPlot(data, threads, rate, renderer));
    }

    private static JFreeChart lineChart(String title, String xLabel, String yLabel, XYSeriesCollection data, boolean shapes) {
        NumberAxis x = new NumberAxis(xLabel);
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(true);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, shapes);
        renderer.setDefaultShape(new java.awt.geom.Ellipse2D.Double(-2, -2, 4, 4));
        renderer.setAutoPopulateSeriesShape(!shapes);
        return chart(title, new XYPlot(data, x, y, renderer));
    }

    private static JFreeChart chart(String title, XYPlot plot) {
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.BOTTOM);
        ChartStyle.apply(chart, Theme.LIGHT);
        return chart;
    }
}
