package bitnet.workbench.app.benchmark;

import bitnet.workbench.bench.Summary;

import java.util.Locale;

/** How the benchmark view writes numbers: the same digits in the table, the tooltips and the tests. */
final class Figures {
    private Figures() {
    }

    /** Three significant digits, at least one decimal below 100: 1234.5 -> "1235", 12.34 -> "12.3", 0.0123 -> "0.0123". */
    static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return "–";
        double a = Math.abs(v);
        if (a >= 100) return String.format(Locale.ROOT, "%.0f", v);
        if (a >= 1) return String.format(Locale.ROOT, "%.1f", v);
        if (a == 0) return "0";
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** The median and, when there is more than one value, the range: "12.3 (11.9–12.8)". */
    static String summary(Summary s) {
        if (s == null) return "";
        if (s.count() < 2) return number(s.median());
        return number(s.median()) + " (" + range(s) + ")";
    }

    /** The median over its range, for narrow table cells: "12.3\n11.9–12.8". */
    static String summaryLines(Summary s) {
        if (s == null) return "";
        if (s.count() < 2) return number(s.median());
        return number(s.median()) + "\n" + range(s);
    }

    static String range(Summary s) {
        return number(s.min()) + "–" + number(s.max());
    }

    static String percent(double fraction) {
        if (Double.isNaN(fraction) || Double.isInfinite(fraction)) return "–";
        return String.format(Locale.ROOT, fraction < 0.1 ? "%.2f %%" : "%.1f %%", fraction * 100);
    }

    static double mebibytes(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
