package bitnet.workbench.app.inspector;

import org.jfree.chart.renderer.PaintScale;

import java.awt.Color;
import java.awt.Paint;
import java.io.Serializable;

/** A perceptually even dark-blue → green → yellow gradient (viridis stops) over [lower, upper]. */
final class HeatPaintScale implements PaintScale, Serializable {
    private static final int[] STOPS = {0x440154, 0x3B528B, 0x21918C, 0x5EC962, 0xFDE725};
    private final double lower;
    private final double upper;

    HeatPaintScale(double lower, double upper) {
        this.lower = lower;
        this.upper = upper > lower ? upper : lower + 1;
    }

    @Override
    public double getLowerBound() { return lower; }

    @Override
    public double getUpperBound() { return upper; }

    @Override
    public Paint getPaint(double value) {
        if (Double.isNaN(value)) return Color.GRAY;
        double t = Math.max(0, Math.min(1, (value - lower) / (upper - lower))) * (STOPS.length - 1);
        int i = Math.min(STOPS.length - 2, (int) t);
        double f = t - i;
        Color a = new Color(STOPS[i]);
        Color b = new Color(STOPS[i + 1]);
        return new Color(mix(a.getRed(), b.getRed(), f), mix(a.getGreen(), b.getGreen(), f), mix(a.getBlue(), b.getBlue(), f));
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }
}
