package bitnet.workbench.app.inspector;

import bitnet.workbench.app.theme.Theme;
import bitnet.workbench.inspect.Projection;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.title.Title;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;

/** Colours and fonts of the charts, per theme, sized to stay legible on a 1280×800 window. */
final class ChartStyle {
    static final Font TITLE = new Font("SansSerif", Font.BOLD, 14);
    static final Font LABEL = new Font("SansSerif", Font.PLAIN, 13);
    static final Font TICK = new Font("SansSerif", Font.PLAIN, 12);

    static final Color MINUS = new Color(0xD1, 0x49, 0x5B);
    static final Color ZERO_LIGHT = new Color(0x9A, 0xA0, 0xA6);
    static final Color ZERO_DARK = new Color(0x7C, 0x84, 0x8E);
    static final Color PLUS = new Color(0x2F, 0x6F, 0xD0);
    static final Color FLOAT_BARS = new Color(0x3A, 0x9B, 0x8F);
    private static final Color[] PROJECTION = {
        new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C), new Color(0xD62728),
        new Color(0x9467BD), new Color(0x8C564B), new Color(0xE377C2)};
    private static final Color[] INPUT = {new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C), new Color(0xD62728)};

    private ChartStyle() {
    }

    static Color projection(Projection p) { return PROJECTION[p.ordinal()]; }

    static Color input(int ordinal) { return INPUT[ordinal % INPUT.length]; }

    static Color zero(Theme t) { return t == Theme.DARK ? ZERO_DARK : ZERO_LIGHT; }

    static Color background(Theme t) { return t == Theme.DARK ? new Color(0x23, 0x25, 0x28) : Color.WHITE; }

    static Color text(Theme t) { return t == Theme.DARK ? new Color(0xE6, 0xE8, 0xEB) : new Color(0x1F, 0x23, 0x28); }

    static Color grid(Theme t) { return t == Theme.DARK ? new Color(0x44, 0x49, 0x50) : new Color(0xDD, 0xE1, 0xE6); }

    /** Applies the theme's colours and the shared fonts to every part of {@code chart}. */
    static void apply(JFreeChart chart, Theme theme) {
        Color bg = background(theme);
        Color fg = text(theme);
        chart.setBackgroundPaint(bg);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(TITLE);
            chart.getTitle().setPaint(fg);
        }
        for (int i = 0; i < chart.getSubtitleCount(); i++) style(chart.getSubtitle(i), bg, fg, theme);
        Plot plot = chart.getPlot();
        plot.setBackgroundPaint(bg);
        plot.setOutlinePaint(grid(theme));
        if (plot instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(grid(theme));
            xy.setRangeGridlinePaint(grid(theme));
            xy.setDomainGridlineStroke(new BasicStroke(0.8f));
            xy.setRangeGridlineStroke(new BasicStroke(0.8f));
            for (int i = 0; i < xy.getDomainAxisCount(); i++) axis(xy.getDomainAxis(i), fg, theme);
            for (int i = 0; i < xy.getRangeAxisCount(); i++) axis(xy.getRangeAxis(i), fg, theme);
        } else if (plot instanceof CategoryPlot cp) {
            cp.setDomainGridlinePaint(grid(theme));
            cp.setRangeGridlinePaint(grid(theme));
            cp.setRangeGridlineStroke(new BasicStroke(0.8f));
            for (int i = 0; i < cp.getDomainAxisCount(); i++) axis(cp.getDomainAxis(i), fg, theme);
            for (int i = 0; i < cp.getRangeAxisCount(); i++) axis(cp.getRangeAxis(i), fg, theme);
        }
    }

    private static void style(Title t, Color bg, Color fg, Theme theme) {
        if (t instanceof LegendTitle l) {
            l.setBackgroundPaint(bg);
            l.setItemPaint(fg);
            l.setItemFont(TICK);
            l.setFrame(BlockBorder.NONE);
        } else if (t instanceof PaintScaleLegend p) {
            p.setBackgroundPaint(bg);
            axis(p.getAxis(), fg, theme);
        } else if (t instanceof TextTitle tt) {
            tt.setPaint(fg);
            tt.setFont(LABEL);
        }
    }

    private static void axis(Axis a, Color fg, Theme theme) {
        if (a == null) return;
        a.setLabelFont(LABEL);
        a.setLabelPaint(fg);
        a.setTickLabelFont(TICK);
        a.setTickLabelPaint(fg);
        a.setAxisLinePaint(grid(theme));
        a.setTickMarkPaint(grid(theme));
    }
}
