package bitnet.workbench.app.benchmark;

import bitnet.workbench.app.theme.Theme;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYDataset;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Stroke;
import java.util.ArrayList;
import java.util.List;

/**
 * Colours, fonts and strokes of the benchmark charts. JFreeChart draws with Java2D and knows
 * nothing of the JavaFX stylesheets, so each theme's colours are repeated here (they match
 * {@code light.css} and {@code dark.css}). Series of the overlaid run B take the colour of their run
 * A counterpart, dashed and with hollow markers.
 */
final class ChartStyle {
    static final String B_SUFFIX = " (B)";

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Stroke SOLID = new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    private static final Stroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[]{7f, 5f}, 0f);

    /** Distinguishable on white and on near-black; the first is the theme accent. */
    private static final Color[] LIGHT_SERIES = {new Color(0x2f6fd0), new Color(0xd9730d), new Color(0x2e9e5b),
        new Color(0xc9372c), new Color(0x8250c4), new Color(0x0f8a9a)};
    private static final Color[] DARK_SERIES = {new Color(0x5b9cf0), new Color(0xf0a040), new Color(0x4cc47f),
        new Color(0xf06a5f), new Color(0xb48cf0), new Color(0x3cc4d4)};

    record Palette(Color background, Color plot, Color text, Color muted, Color grid, Color[] series) {
    }

    static Palette palette(Theme theme) {
        return theme == Theme.DARK
            ? new Palette(new Color(0x232528), new Color(0x2a2d31), new Color(0xe6e8eb), new Color(0x9ca5b0), new Color(0x3f444b), DARK_SERIES)
            : new Palette(Color.WHITE, new Color(0xfbfcfd), new Color(0x1f2328), new Color(0x59616d), new Color(0xdde1e6), LIGHT_SERIES);
    }

    private ChartStyle() {
    }

    static void apply(JFreeChart chart, Theme theme) {
        Palette p = palette(theme);
        chart.setBackgroundPaint(p.background());
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(TITLE);
            chart.getTitle().setPaint(p.text());
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setBackgroundPaint(p.background());
            legend.setItemPaint(p.text());
            legend.setItemFont(LABEL);
            legend.setFrame(new org.jfree.chart.block.BlockBorder(p.background()));
        }
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(p.plot());
        plot.setOutlinePaint(p.grid());
        plot.setDomainGridlinePaint(p.grid());
        plot.setRangeGridlinePaint(p.grid());
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        for (ValueAxis axis : List.of(plot.getDomainAxis(), plot.getRangeAxis())) {
            axis.setLabelFont(LABEL);
            axis.setLabelPaint(p.text());
            axis.setTickLabelFont(TICK);
            axis.setTickLabelPaint(p.muted());
            axis.setAxisLinePaint(p.muted());
            axis.setTickMarkPaint(p.muted());
        }
        restyleSeries(chart, theme);
    }

    /** Gives every series its colour and stroke; call after series are added or removed. */
    static void restyleSeries(JFreeChart chart, Theme theme) {
        Palette p = palette(theme);
        XYPlot plot = chart.getXYPlot();
        XYDataset data = plot.getDataset();
        XYItemRenderer renderer = plot.getRenderer();
        if (data == null || renderer == null) return;
        List<String> bases = new ArrayList<>();
        for (int i = 0; i < data.getSeriesCount(); i++) {
            String key = String.valueOf(data.getSeriesKey(i));
            boolean b = key.endsWith(B_SUFFIX);
            String base = b ? key.substring(0, key.length() - B_SUFFIX.length()) : key;
            if (!bases.contains(base)) bases.add(base);
            Paint paint = p.series()[bases.indexOf(base) % p.series().length];
            renderer.setSeriesPaint(i, paint, false);
            renderer.setSeriesStroke(i, b ? DASHED : SOLID, false);
            if (renderer instanceof XYLineAndShapeRenderer lines) lines.setSeriesShapesFilled(i, !b);
        }
        chart.fireChartChanged();
    }
}
