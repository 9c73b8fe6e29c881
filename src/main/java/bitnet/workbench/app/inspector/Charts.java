package bitnet.workbench.app.inspector;

import bitnet.workbench.app.theme.Theme;
import bitnet.workbench.inspect.ActivationCapture;
import bitnet.workbench.inspect.ActivationRecording;
import bitnet.workbench.inspect.Histogram;
import bitnet.workbench.inspect.ModelStatistics;
import bitnet.workbench.inspect.Projection;
import bitnet.workbench.inspect.TensorStats;
import bitnet.workbench.inspect.TernaryCounts;
import bitnet.workbench.model.BitLinearInput;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.labels.StandardCategoryToolTipGenerator;
import org.jfree.chart.labels.XYToolTipGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.text.DecimalFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Builds the Inspect view's charts from the inspect package's results. Pure: no FX nodes here. */
final class Charts {
    static final String[] TERNARY = {"−1", "0", "+1"};

    private Charts() {
    }

    /** Which ternary counts a chart shows: stored codes, or for float tensors the absmean preview. */
    static TernaryCounts ternaryOf(TensorStats t) {
        if (t.counts() != null) return t.counts();
        return t.absmean() == null ? null : t.absmean().counts();
    }

    static double scaleOf(TensorStats t) {
        if (t.scale() != null) return t.scale().mean();
        return t.absmean() == null ? Double.NaN : t.absmean().scale();
    }

    /** Stacked shares of −1/0/+1 per projection, for one layer or summed over all ({@code layer} −1). */
    static JFreeChart ternaryShares(ModelStatistics s, int layer, Theme theme) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        for (Projection p : s.projections()) {
            TernaryCounts sum = new TernaryCounts(0, 0, 0, 0);
            for (TensorStats t : s.tensors()) {
                if (t.projection() != p || (layer >= 0 && t.layer() != layer)) continue;
                TernaryCounts c = ternaryOf(t);
                if (c != null) sum = sum.plus(c);
            }
            if (sum.total() == 0) continue;
            ds.addValue(100 * sum.minusShare(), TERNARY[0], p.label());
            ds.addValue(100 * sum.zeroShare(), TERNARY[1], p.label());
            ds.addValue(100 * sum.plusShare(), TERNARY[2], p.label());
        }
        CategoryAxis x = new CategoryAxis("projection" + (layer >= 0 ? " (layer " + layer + ")" : " (all layers)"));
        NumberAxis y = new NumberAxis("share of weights (%)");
        y.setRange(0, 100);
        StackedBarRenderer r = new StackedBarRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setSeriesPaint(0, ChartStyle.MINUS);
        r.setSeriesPaint(1, ChartStyle.zero(theme));
        r.setSeriesPaint(2, ChartStyle.PLUS);
        r.setDefaultToolTipGenerator(new StandardCategoryToolTipGenerator("{1}: {0} = {2} %", new DecimalFormat("0.00")));
        CategoryPlot plot = new CategoryPlot(ds, x, y, r);
        String title = s.hasTernaryProjections() ? "Share of −1, 0, +1" : "Share of −1, 0, +1 after absmean ternarization";
        return new JFreeChart(title, ChartStyle.TITLE, plot, true);
    }

    /** One line per projection across layers, of {@code value} (NaN values are left out). */
    static JFreeChart acrossLayers(ModelStatistics s, String title, String yLabel, Function<TensorStats, Double> value) {
        XYSeriesCollection ds = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        int i = 0;
        for (Projection p : s.projections()) {
            XYSeries series = new XYSeries(p.label());
            for (TensorStats t : s.tensors()) {
                if (t.projection() != p) continue;
                Double v = value.apply(t);
                if (v != null && !v.isNaN()) series.add(t.layer(), v);
            }
            ds.addSeries(series);
            r.setSeriesPaint(i, ChartStyle.projection(p));
            r.setSeriesStroke(i, new BasicStroke(2f));
            i++;
        }
        r.setDefaultToolTipGenerator((XYToolTipGenerator) (d, series, item) -> String.format(Locale.ROOT, "%s, layer %d: %.4g",
            d.getSeriesKey(series), (int) d.getXValue(series, item), d.getYValue(series, item)));
        NumberAxis x = new NumberAxis("layer");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setAutoRangeIncludesZero(true);
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(ds, x, y, r);
        return new JFreeChart(title, ChartStyle.TITLE, plot, true);
    }

    static JFreeChart sparsity(ModelStatistics s) {
        String title = s.hasTernaryProjections() ? "Sparsity (share of 0) across layers" : "Sparsity after absmean ternarization";
        return acrossLayers(s, title, "zeros (%)", t -> {
            TernaryCounts c = ternaryOf(t);
            return c == null ? null : 100 * c.sparsity();
        });
    }

    static JFreeChart scales(ModelStatistics s) {
        String title = s.hasTernaryProjections() ? "Weight scale across layers" : "Absmean scale γ across layers";
        return acrossLayers(s, title, "scale (value of a ±1 weight)", Charts::scaleOf);
    }

    /** Three bars: how many weights are −1, 0 and +1. */
    static JFreeChart ternaryHistogram(String title, TernaryCounts c, Theme theme) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        ds.addValue(c.minus(), "weights", TERNARY[0]);
        ds.addValue(c.zero(), "weights", TERNARY[1]);
        ds.addValue(c.plus(), "weights", TERNARY[2]);
        Paint[] colours = {ChartStyle.MINUS, ChartStyle.zero(theme), ChartStyle.PLUS};
        BarRenderer r = new BarRenderer() {
            @Override
            public Paint getItemPaint(int row, int column) {
                return colours[column];
            }
        };
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setDefaultToolTipGenerator(new StandardCategoryToolTipGenerator("{1}: {2} weights", new DecimalFormat("#,##0")));
        CategoryPlot plot = new CategoryPlot(ds, new CategoryAxis("stored weight (code)"), new NumberAxis("number of weights"), r);
        return new JFreeChart(title, ChartStyle.TITLE, plot, false);
    }

    /** Binned values as adjacent bars. */
    static JFreeChart floatHistogram(String title, String xLabel, Histogram h) {
        XYIntervalSeries series = new XYIntervalSeries("values");
        for (int b = 0; b < h.bins(); b++) {
            double lo = h.binStart(b);
            double hi = h.binEnd(b);
            series.add((lo + hi) / 2, lo, hi == lo ? lo + 1e-9 : hi, h.count(b), 0, h.count(b));
        }
        XYIntervalSeriesCollection ds = new XYIntervalSeriesCollection();
        ds.addSeries(series);
        return bars(title, xLabel, "number of values", ds, ChartStyle.FLOAT_BARS,
            (d, s, i) -> String.format(Locale.ROOT, "%.4g … %.4g: %d", h.binStart(i), h.binEnd(i), h.count(i)));
    }

    /** Codes per bin of {@value #INT8_BIN} neighbouring int8 values, so the bars line up with the float histogram's 64 bins. */
    static final int INT8_BIN = 4;

    /** The int8 codes of a captured vector, {@value #INT8_BIN} codes per bar over −128..127. */
    static JFreeChart int8Histogram(ActivationCapture c) {
        long[] counts = c.codeCounts();
        XYIntervalSeries series = new XYIntervalSeries("codes");
        for (int b = 0; b < 256 / INT8_BIN; b++) {
            long n = 0;
            for (int i = b * INT8_BIN; i < (b + 1) * INT8_BIN; i++) n += counts[i];
            int lo = b * INT8_BIN - 128;
            int hi = lo + INT8_BIN - 1;
            series.add((lo + hi) / 2.0, lo - 0.5, hi + 0.5, n, 0, n);
        }
        XYIntervalSeriesCollection ds = new XYIntervalSeriesCollection();
        ds.addSeries(series);
        JFreeChart chart = bars("int8 codes q = round(x · " + fmt(c.scale()) + ")", "int8 code q (bars of " + INT8_BIN + " codes)",
            "number of values", ds, ChartStyle.PLUS, (d, s, i) -> {
                int lo = i * INT8_BIN - 128;
                return String.format(Locale.ROOT, "codes %d … %d: %d values", lo, lo + INT8_BIN - 1, (long) d.getYValue(s, i));
            });
        ((NumberAxis) chart.getXYPlot().getDomainAxis()).setRange(-130, 130);
        return chart;
    }

    /** The float values of a captured vector, binned over [−absmax, absmax]. */
    static JFreeChart floatValues(ActivationCapture c) {
        float[] v = c.values();
        double m = Math.max(c.absMax(), 1e-9);
        int bins = 64;
        long[] counts = new long[bins];
        for (float x : v) counts[Histogram.bin(x, -m, m, bins)]++;
        JFreeChart chart = floatHistogram("float values x (max |x| = " + fmt(c.absMax()) + ")", "activation value x", new Histogram(-m, m, counts));
        chart.getXYPlot().getRenderer().setSeriesPaint(0, ChartStyle.FLOAT_BARS);
        return chart;
    }

    private static JFreeChart bars(String title, String xLabel, String yLabel, XYIntervalSeriesCollection ds, Color colour, XYToolTipGenerator tips) {
        XYBarRenderer r = new XYBarRenderer();
        r.setBarPainter(new StandardXYBarPainter());
        r.setShadowVisible(false);
        r.setSeriesPaint(0, colour);
        r.setDrawBarOutline(false);
        r.setDefaultToolTipGenerator(tips);
        NumberAxis x = new NumberAxis(xLabel);
        x.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(ds, x, new NumberAxis(yLabel), r);
        return new JFreeChart(title, ChartStyle.TITLE, plot, false);
    }

    /** Token labels for an axis: index and text, with the tokenizer's space marks kept visible. */
    static String[] tokenLabels(ActivationRecording r) {
        List<String> texts = r.tokenTexts();
        String[] out = new String[texts.size()];
        for (int i = 0; i < out.length; i++) {
            String t = texts.get(i).replace("\n", "\\n").replace("\t", "\\t");
            if (t.length() > 14) t = t.substring(0, 13) + "…";
            out[i] = t;
        }
        return out;
    }

    static double valueOf(ActivationRecording r, int layer, BitLinearInput in, int token, boolean scale) {
        return scale ? r.scale(layer, in, token) : r.absMax(layer, in, token);
    }

    /** Layers × tokens, coloured by max |x| (or the int8 scale) of one BitLinear input. */
    static JFreeChart heatmap(ActivationRecording r, BitLinearInput in, boolean scale) {
        int tokens = r.tokenCount();
        int layers = r.layers();
        double[][] xyz = new double[3][tokens * layers];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int l = 0; l < layers; l++) {
            for (int t = 0; t < tokens; t++) {
                int i = l * tokens + t;
                double v = valueOf(r, l, in, t, scale);
                xyz[0][i] = t;
                xyz[1][i] = l;
                xyz[2][i] = v;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        DefaultXYZDataset ds = new DefaultXYZDataset();
        ds.addSeries(in.name(), xyz);
        String[] labels = tokenLabels(r);
        SymbolAxis x = new SymbolAxis("prompt token", labels);
        x.setGridBandsVisible(false);
        x.setVerticalTickLabels(tokens > 10);
        NumberAxis y = new NumberAxis("layer");
        y.setTickUnit(new NumberTickUnit(Math.max(1, layers / 16)));
        y.setRange(-0.5, layers - 0.5);
        x.setRange(-0.5, tokens - 0.5);
        XYBlockRenderer renderer = new XYBlockRenderer();
        HeatPaintScale paint = new HeatPaintScale(lo, hi);
        renderer.setPaintScale(paint);
        String what = scale ? "int8 scale 127/max|x|" : "max |x|";
        renderer.setDefaultToolTipGenerator((d, s, i) -> {
            int t = (int) d.getXValue(s, i);
            int l = (int) d.getYValue(s, i);
            return String.format(Locale.ROOT, "layer %d, token %d “%s”: max |x| = %.4g, scale = %.4g", l, t, labels[t],
                r.absMax(l, in, t), r.scale(l, in, t));
        });
        XYPlot plot = new XYPlot(ds, x, y, renderer);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        JFreeChart chart = new JFreeChart(what + " of the " + inputLabel(in) + " input, per layer and token", ChartStyle.TITLE, plot, false);
        NumberAxis legendAxis = new NumberAxis(what);
        PaintScaleLegend legend = new PaintScaleLegend(paint, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setAxisLocation(AxisLocation.TOP_OR_RIGHT);
        legend.setMargin(4, 10, 4, 4);
        legend.setStripWidth(14);
        chart.addSubtitle(legend);
        return chart;
    }

    /** One line per BitLinear input across the prompt's tokens, for one layer. */
    static JFreeChart layerLines(ActivationRecording r, int layer, boolean scale) {
        XYSeriesCollection ds = new XYSeriesCollection();
        XYLineAndShapeRenderer rend = new XYLineAndShapeRenderer(true, true);
        for (BitLinearInput in : BitLinearInput.values()) {
            XYSeries s = new XYSeries(inputLabel(in));
            for (int t = 0; t < r.tokenCount(); t++) s.add(t, valueOf(r, layer, in, t, scale));
            ds.addSeries(s);
            rend.setSeriesPaint(in.ordinal(), ChartStyle.input(in.ordinal()));
            rend.setSeriesStroke(in.ordinal(), new BasicStroke(2f));
        }
        String[] labels = tokenLabels(r);
        rend.setDefaultToolTipGenerator((d, s, i) -> String.format(Locale.ROOT, "%s, token %d “%s”: %.4g", d.getSeriesKey(s), i, labels[i], d.getYValue(s, i)));
        SymbolAxis x = new SymbolAxis("prompt token", labels);
        x.setGridBandsVisible(false);
        x.setVerticalTickLabels(r.tokenCount() > 8);
        NumberAxis y = new NumberAxis(scale ? "int8 scale 127/max|x|" : "max |x|");
        y.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(ds, x, y, rend);
        JFreeChart chart = new JFreeChart("Layer " + layer + ": every input across tokens", ChartStyle.TITLE, plot, true);
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.BOTTOM);
        return chart;
    }

    static String inputLabel(BitLinearInput in) {
        return switch (in) {
            case ATTN_QKV -> "q/k/v";
            case ATTN_OUTPUT -> "o";
            case FFN_GATE_UP -> "gate/up";
            case FFN_DOWN -> "down";
        };
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
