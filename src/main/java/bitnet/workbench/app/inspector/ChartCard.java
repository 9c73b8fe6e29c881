package bitnet.workbench.app.inspector;

import bitnet.workbench.app.theme.Theme;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * One chart with its PNG and CSV export buttons and a plain-words explanation beside or below it.
 * The chart is replaced whole when its data changes; the theme is applied to every new chart.
 */
final class ChartCard extends BorderPane {
    private final ChartViewer viewer = new ChartViewer(new JFreeChart(new org.jfree.chart.plot.XYPlot()));
    private final Label empty = new Label("No data yet");
    private JFreeChart current;
    private final Label explanation = new Label();
    private final ObservableValue<Theme> theme;
    private final String fileStem;
    private Supplier<String> csv;

    ChartCard(String id, String fileStem, ObservableValue<Theme> theme, boolean explanationBeside) {
        this.theme = theme;
        this.fileStem = fileStem;
        setId(id);
        getStyleClass().add("chart-card");
        viewer.setId(id + "-viewer");
        viewer.setMinSize(200, 160);
        viewer.setPrefSize(400, 280);

        Button png = new Button("PNG…");
        png.setId(id + "-png");
        png.setTooltip(new Tooltip("Save this chart as a PNG image"));
        png.setOnAction(e -> choose("PNG image", "*.png", ".png").ifPresent(this::savePng));
        Button csvButton = new Button("CSV…");
        csvButton.setId(id + "-csv");
        csvButton.setTooltip(new Tooltip("Save the chart's data as CSV"));
        csvButton.setOnAction(e -> choose("CSV file", "*.csv", ".csv").ifPresent(this::saveCsv));
        png.getStyleClass().add("small-button");
        csvButton.getStyleClass().add("small-button");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox tools = new HBox(6, spacer, png, csvButton);
        tools.setAlignment(Pos.CENTER_RIGHT);

        explanation.setId(id + "-explanation");
        explanation.getStyleClass().add("explanation");
        explanation.setWrapText(true);
        explanation.setMinHeight(Region.USE_PREF_SIZE);
        explanation.setAlignment(Pos.TOP_LEFT);

        empty.getStyleClass().add("muted");
        viewer.setVisible(false);
        javafx.scene.layout.StackPane holder = new javafx.scene.layout.StackPane(empty, viewer);
        holder.setMinSize(200, 160);
        VBox chartBox = new VBox(2, tools, holder);
        VBox.setVgrow(holder, Priority.ALWAYS);
        setCenter(chartBox);
        if (explanationBeside) {
            explanation.setPrefWidth(260);
            explanation.setMaxWidth(260);
            explanation.setMaxHeight(Double.MAX_VALUE);
            BorderPane.setMargin(explanation, new Insets(28, 0, 0, 10));
            setRight(explanation);
        } else {
            BorderPane.setMargin(explanation, new Insets(6, 0, 0, 0));
            setBottom(explanation);
        }
        theme.addListener((o, a, b) -> restyle());
    }

    /** Shows {@code chart}; its data becomes the CSV unless {@link #setCsv} says otherwise. */
    void setChart(JFreeChart chart) {
        current = chart;
        viewer.setVisible(chart != null);
        empty.setVisible(chart == null);
        if (chart == null) return;
        ChartStyle.apply(chart, theme.getValue());
        viewer.setChart(chart);
    }

    /** The chart shown, or null while there is none. */
    JFreeChart chart() { return current; }

    ChartViewer viewer() { return viewer; }

    void setExplanation(String text) { explanation.setText(text); }

    String explanation() { return explanation.getText(); }

    void setCsv(Supplier<String> csv) { this.csv = csv; }

    String csv() {
        if (csv != null) return csv.get();
        return chart() == null ? "" : ChartExport.csvOf(chart());
    }

    void restyle() {
        JFreeChart c = chart();
        if (c != null) {
            ChartStyle.apply(c, theme.getValue());
            viewer.setChart(c); // redraw
        }
    }

    void exportPng(Path target) throws IOException {
        if (chart() == null) throw new IOException("there is no chart to save yet");
        int w = Math.max(640, (int) viewer.getWidth());
        int h = Math.max(400, (int) viewer.getHeight());
        ChartExport.png(chart(), w, h, target);
    }

    void exportCsv(Path target) throws IOException {
        ChartExport.csv(csv(), target);
    }

    private java.util.Optional<Path> choose(String what, String pattern, String suffix) {
        FileChooser fc = new FileChooser();
        fc.setTitle("Save " + what);
        fc.setInitialFileName(fileStem + suffix);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, pattern));
        File f = fc.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        return java.util.Optional.ofNullable(f).map(File::toPath);
    }

    private void savePng(Path p) {
        try {
            exportPng(p);
        } catch (IOException | RuntimeException e) {
            setExplanation("Could not save " + p.getFileName() + ": " + e.getMessage());
        }
    }

    private void saveCsv(Path p) {
        try {
            exportCsv(p);
        } catch (IOException | RuntimeException e) {
            setExplanation("Could not save " + p.getFileName() + ": " + e.getMessage());
        }
    }
}
