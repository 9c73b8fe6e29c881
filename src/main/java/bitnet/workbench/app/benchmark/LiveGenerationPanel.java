package bitnet.workbench.app.benchmark;

import bitnet.workbench.app.event.EventBus;
import bitnet.workbench.app.event.GenerationProgress;
import bitnet.workbench.app.theme.Theme;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A small live view of the text generation running anywhere in the window: decode tokens/s, tokens
 * so far, resident memory and Java heap, and the speed curve. It listens for
 * {@link GenerationProgress} on the event bus, so whoever generates only publishes; it can be put
 * on any page.
 */
public final class LiveGenerationPanel extends VBox {
    private final LiveGeneration live;

    public LiveGenerationPanel(EventBus bus, ObservableValue<Theme> theme) {
        super(4);
        live = new LiveGeneration(bus);
        getStyleClass().add("live-generation");
        setId("live-generation");

        Label speed = bound("live-speed", live.speedProperty());
        speed.getStyleClass().add("live-speed");
        Label tokens = bound("live-tokens", live.tokensProperty());
        tokens.getStyleClass().add("muted");
        Label memory = bound("live-memory", live.memoryProperty());
        Label state = bound("live-state", live.stateProperty());
        state.getStyleClass().add("muted");

        NumberAxis x = new NumberAxis("tokens");
        x.setAutoRangeIncludesZero(false);
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis y = new NumberAxis("tok/s");
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        JFreeChart chart = new JFreeChart(null, null, new XYPlot(new XYSeriesCollection(live.curve()), x, y, renderer), false);
        ChartViewer viewer = new ChartViewer(chart);
        viewer.setId("live-chart");
        viewer.setPrefSize(240, 120);
        viewer.setMinHeight(90);
        theme.subscribe(t -> ChartStyle.apply(chart, t));

        getChildren().addAll(new HBox(8, speed, tokens), memory, state, viewer);
        sceneProperty().subscribe(scene -> live.setShown(scene != null));
    }

    /** The panel's state, for tests and for pages that want the figures without the panel. */
    public LiveGeneration live() {
        return live;
    }

    private static Label bound(String id, javafx.beans.property.ReadOnlyStringProperty text) {
        Label l = new Label();
        l.setId(id);
        l.textProperty().bind(text);
        return l;
    }
}
