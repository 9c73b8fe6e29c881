package bitnet.workbench.cli;

import bitnet.workbench.io.AtomicFiles;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Draws a training run's loss.csv as a PNG (training and held-out loss against tokens seen). */
final class LossCurveChart {
    private LossCurveChart() {
    }

    static void write(Path lossCsv, Path png, String title) throws IOException {
        XYSeries train = new XYSeries("training loss (batch)");
        XYSeries heldOut = new XYSeries("held-out loss");
        List<String> lines = Files.readAllLines(lossCsv);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f.length < 6) continue;
            double millionTokens = Double.parseDouble(f[1]) / 1e6;
            if (!f[4].isEmpty()) train.add(millionTokens, Double.parseDouble(f[4]));
            if (!f[5].isEmpty()) heldOut.add(millionTokens, Double.parseDouble(f[5]));
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(train);
        data.addSeries(heldOut);
        JFreeChart chart = ChartFactory.createXYLineChart(title, "tokens seen (millions)",
            "cross-entropy loss (nats per token)", data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setSeriesPaint(0, new Color(0x4C78A8));
        r.setSeriesPaint(1, new Color(0xE45756));
        r.setSeriesShapesVisible(1, true);
        r.setSeriesStroke(1, new BasicStroke(2f));
        plot.setRenderer(r);
        AtomicFiles.write(png, out -> ChartUtils.writeChartAsPNG(out, chart, 900, 500));
    }
}
