package bitnet.workbench.app.format;

import java.util.Locale;

/** Human-readable numbers for labels: sizes in binary units, counts with SI suffixes. */
public final class Units {
    private Units() {
    }

    /** 1536 -> "1.5 KiB"; below 1 KiB the exact byte count. */
    public static String bytes(long n) {
        if (n < 1024) return n + " B";
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }

    /** 1_313_536 -> "1.31 M"; below 1000 the exact count. */
    public static String count(long n) {
        if (Math.abs(n) < 1000) return Long.toString(n);
        String[] units = {"k", "M", "B", "T"};
        double v = n;
        int u = -1;
        while (Math.abs(v) >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, "%.3g %s", v, units[u]);
    }

    /** 0.898 -> "89.8 %". */
    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f %%", fraction * 100);
    }
}
