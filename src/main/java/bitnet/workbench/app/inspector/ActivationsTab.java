package bitnet.workbench.app.inspector;

import bitnet.workbench.app.theme.Theme;
import bitnet.workbench.inspect.ActivationCapture;
import bitnet.workbench.inspect.ActivationRecording;
import bitnet.workbench.model.BitLinearInput;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jfree.chart.entity.XYItemEntity;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Activation scales of a prompt: a heatmap of layers × tokens for one BitLinear input, the lines of
 * one layer across tokens, and for one layer and token the float vector beside its int8 codes.
 * The prompt runs on the view model's own model instance, not the chat's.
 */
final class ActivationsTab extends BorderPane {
    static final String DEFAULT_PROMPT = "Once upon a time";
    private final InspectViewModel vm;
    final TextField prompt = new TextField(DEFAULT_PROMPT);
    final Button record = new Button("Record");
    /** Fills the prompt with the chat's last turn (user message and reply) and records it. */
    final Button useLastChatTurn = new Button("Use last chat turn");
    private String lastChatTurn;
    final ComboBox<BitLinearInput> input = new ComboBox<>(FXCollections.observableArrayList(BitLinearInput.values()));
    final ComboBox<String> measure = new ComboBox<>(FXCollections.observableArrayList("max |x| (absmax)", "int8 scale 127/max|x|"));
    final ComboBox<Integer> layer = new ComboBox<>();
    final ComboBox<Integer> token = new ComboBox<>();
    final ChartCard heatmap;
    final ChartCard lines;
    final ChartCard floats;
    final ChartCard int8;

    ActivationsTab(InspectViewModel vm, ObservableValue<Theme> theme) {
        this.vm = vm;
        heatmap = new ChartCard("chart-heatmap", "activation-heatmap", theme, true);
        lines = new ChartCard("chart-layer-lines", "activation-layer", theme, false);
        floats = new ChartCard("chart-activation-floats", "activation-floats", theme, false);
        int8 = new ChartCard("chart-activation-int8", "activation-int8", theme, false);

        prompt.setId("activation-prompt");
        prompt.setPromptText("Type a prompt to run through the model");
        HBox.setHgrow(prompt, Priority.ALWAYS);
        record.setId("record-activations");
        record.getStyleClass().add("accent");
        record.setDefaultButton(false);
        record.setOnAction(e -> vm.record(prompt.getText()));
        prompt.setOnAction(e -> vm.record(prompt.getText()));
        record.disableProperty().bind(vm.runningProperty().or(vm.modelProperty().isNull()));
        useLastChatTurn.setId("use-last-chat-turn");
        useLastChatTurn.setDisable(true);
        useLastChatTurn.setOnAction(e -> {
            prompt.setText(lastChatTurn);
            vm.record(lastChatTurn);
        });
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.runningProperty());

        input.setId("activation-input");
        input.setCellFactory(l -> new InputCell());
        input.setButtonCell(new InputCell());
        input.valueProperty().bindBidirectional(vm.inputProperty());
        measure.setId("activation-measure");
        measure.getSelectionModel().selectFirst();
        measure.valueProperty().addListener((o, a, b) -> redraw());
        input.valueProperty().addListener((o, a, b) -> redraw());

        layer.setId("activation-layer");
        token.setId("activation-token");
        token.setCellFactory(l -> new TokenCell());
        token.setButtonCell(new TokenCell());
        layer.valueProperty().addListener((o, a, b) -> {
            if (b != null) vm.layerProperty().set(b);
        });
        token.valueProperty().addListener((o, a, b) -> {
            if (b != null) vm.tokenProperty().set(b);
        });
        vm.layerProperty().addListener((o, a, b) -> {
            layer.setValue(b.intValue());
            redraw();
        });
        vm.tokenProperty().addListener((o, a, b) -> {
            token.setValue(b.intValue());
            redrawCapture();
            redrawHeatmapText();
        });
        vm.recordingProperty().addListener((o, a, r) -> recorded(r));
        vm.capturesProperty().addListener((o, a, b) -> redrawCapture());

        HBox row1 = new HBox(8, new Label("Prompt"), prompt, record, useLastChatTurn, busy);
        row1.setAlignment(Pos.CENTER_LEFT);
        HBox row2 = new HBox(8, new Label("Input"), input, new Label("Show"), measure, new Label("Layer"), layer, new Label("Token"), token);
        row2.setAlignment(Pos.CENTER_LEFT);
        Label note = new Label("Click a cell of the heatmap to pick its layer and token.");
        note.getStyleClass().add("muted");
        row2.getChildren().add(note);

        heatmap.viewer().addChartMouseListener(new ChartMouseListenerFX() {
            @Override
            public void chartMouseClicked(ChartMouseEventFX e) {
                if (e.getEntity() instanceof XYItemEntity item && vm.recordingProperty().get() != null) {
                    int n = vm.recordingProperty().get().tokenCount();
                    vm.tokenProperty().set(item.getItem() % n);
                    vm.layerProperty().set(item.getItem() / n);
                }
            }

            @Override
            public void chartMouseMoved(ChartMouseEventFX e) {
            }
        });

        HBox bottom = new HBox(10, lines, floats, int8);
        for (ChartCard c : List.of(lines, floats, int8)) {
            HBox.setHgrow(c, Priority.ALWAYS);
            c.setPrefWidth(300);
            c.setMaxWidth(Double.MAX_VALUE);
        }
        VBox box = new VBox(8, row1, row2, heatmap, bottom);
        VBox.setVgrow(heatmap, Priority.ALWAYS);
        VBox.setVgrow(bottom, Priority.ALWAYS);
        box.setPadding(new Insets(8, 12, 8, 12));
        setCenter(box);
        vm.modelProperty().addListener((o, a, b) -> recorded(null));
        recorded(vm.recordingProperty().get());
    }

    private final class InputCell extends ListCell<BitLinearInput> {
        @Override
        protected void updateItem(BitLinearInput in, boolean empty) {
            super.updateItem(in, empty);
            setText(empty || in == null ? null : Charts.inputLabel(in) + " input");
        }
    }

    private final class TokenCell extends ListCell<Integer> {
        @Override
        protected void updateItem(Integer t, boolean empty) {
            super.updateItem(t, empty);
            ActivationRecording r = vm.recordingProperty().get();
            setText(empty || t == null || r == null || t >= r.tokenCount() ? null : t + " “" + r.tokenTexts().get(t) + "”");
        }
    }

    private boolean showScale() {
        return measure.getSelectionModel().getSelectedIndex() == 1;
    }

    private void recorded(ActivationRecording r) {
        if (r == null) {
            layer.getItems().clear();
            token.getItems().clear();
            for (ChartCard c : List.of(heatmap, lines, floats, int8)) c.setChart(null);
            heatmap.setExplanation("Type a prompt and press Record. The prompt runs once through a separate copy of the model "
                + "with probes attached; the chat is never slowed down by this view.");
            lines.setExplanation("");
            floats.setExplanation("");
            int8.setExplanation("");
            return;
        }
        layer.getItems().setAll(IntStream.range(0, r.layers()).boxed().toList());
        token.getItems().setAll(IntStream.range(0, r.tokenCount()).boxed().toList());
        layer.setValue(vm.layerProperty().get());
        token.setValue(vm.tokenProperty().get());
        redraw();
    }

    /** The chat's most recent turn, offered as a prompt. */
    void setLastChatTurn(String text) {
        lastChatTurn = text;
        useLastChatTurn.setDisable(text == null || text.isBlank());
    }

    void redraw() {
        ActivationRecording r = vm.recordingProperty().get();
        if (r == null) return;
        BitLinearInput in = vm.inputProperty().get();
        heatmap.setChart(Charts.heatmap(r, in, showScale()));
        redrawHeatmapText();
        int l = Math.min(vm.layerProperty().get(), r.layers() - 1);
        lines.setChart(Charts.layerLines(r, l, showScale()));
        lines.setExplanation(Explanations.lines(r, l));
        redrawCapture();
    }

    private void redrawHeatmapText() {
        ActivationRecording r = vm.recordingProperty().get();
        if (r == null) return;
        int l = Math.min(vm.layerProperty().get(), r.layers() - 1);
        int t = Math.min(vm.tokenProperty().get(), r.tokenCount() - 1);
        heatmap.setExplanation(Explanations.heatmap(r, vm.inputProperty().get(), l, t));
    }

    private void redrawCapture() {
        List<ActivationCapture> caps = vm.capturesProperty().get();
        int t = vm.tokenProperty().get();
        ActivationCapture c = caps.stream().filter(x -> x.token() == t && x.layer() == vm.layerProperty().get()
            && x.input() == vm.inputProperty().get()).findFirst().orElse(null);
        if (c == null) {
            floats.setChart(null);
            int8.setChart(null);
            floats.setExplanation(vm.recordingProperty().get() == null ? "" : "Capturing the vector…");
            int8.setExplanation("");
            return;
        }
        floats.setChart(Charts.floatValues(c));
        floats.setExplanation("Layer " + c.layer() + ", token " + c.token() + ", " + Charts.inputLabel(c.input()) + " input: "
            + c.values().length + " float values.");
        int8.setChart(Charts.int8Histogram(c));
        int8.setExplanation(Explanations.int8(c));
    }
}