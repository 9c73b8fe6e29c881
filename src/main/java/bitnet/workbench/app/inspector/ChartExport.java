package bitnet.workbench.app.inspector;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYZDataset;

import bitnet.workbench.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a chart as PNG and its data as CSV, each into a temporary file that is then moved into place. */
final class ChartExport {
    private ChartExport() {
    }

    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    static void png(JFreeChart chart, int width, int height, Path target) throws IOException {
        atomically(target, out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
    }

    static void csv(String text, Path target) throws IOException {
        atomically(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    static void atomically(Path target, Content content) throws IOException {
        AtomicFiles.write(target, content::writeTo);
    }

    /** The plot's data as CSV: categories × series for bar charts, (series, x, y[, z]) rows for XY charts. */
    static String csvOf(JFreeChart chart) {
        StringBuilder b = new StringBuilder();
        Plot plot = chart.getPlot();
        if (plot instanceof CategoryPlot cp) {
            for (int d = 0; d < cp.getDatasetCount(); d++) {
                CategoryDataset ds = cp.getDataset(d);
                if (ds == null) continue;
                b.append(cell(axisLabel(cp.getDomainAxis().getLabel(), "category")));
                for (int r = 0; r < ds.getRowCount(); r++) b.append(',').append(cell(String.valueOf(ds.getRowKey(r))));
                b.append('\n');
                for (int c = 0; c < ds.getColumnCount(); c++) {
                    b.append(cell(String.valueOf(ds.getColumnKey(c))));
                    for (int r = 0; r < ds.getRowCount(); r++) {
                        Number v = ds.getValue(r, c);
                        b.append(',').append(v == null ? "" : v.toString());
                    }
                    b.append('\n');
                }
            }
        } else if (plot instanceof XYPlot xy) {
            for (int d = 0; d < xy.getDatasetCount(); d++) {
                XYDataset ds = xy.getDataset(d);
                if (ds == null) continue;
                boolean z = ds instanceof XYZDataset;
                b.append("series,").append(cell(axisLabel(xy.getDomainAxis().getLabel(), "x"))).append(',')
                    .append(cell(axisLabel(xy.getRangeAxis().getLabel(), "y"))).append(z ? ",value" : "").append('\n');
                for (int s = 0; s < ds.getSeriesCount(); s++) {
                    for (int i = 0; i < ds.getItemCount(s); i++) {
                        b.append(cell(String.valueOf(ds.getSeriesKey(s)))).append(',').append(ds.getXValue(s, i)).append(',').append(ds.getYValue(s, i));
                        if (z) b.append(',').append(((XYZDataset) ds).getZValue(s, i));
                        b.append('\n');
                    }
                }
            }
        }
        return b.toString();
    }

    private static String axisLabel(String label, String fallback) {
        return label == null || label.isBlank() ? fallback : label;
    }

    static String cell(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
