package bitnet.workbench.app.inspector;

import bitnet.workbench.inspect.GreedyComparison;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * For float models: the greedy continuation of a prompt by the model as it is and by a copy whose
 * projections are absmean-ternarized (see {@link bitnet.workbench.inspect.TernarizedCopy}).
 */
final class TernarizeTab extends BorderPane {
    final TextField prompt = new TextField(ActivationsTab.DEFAULT_PROMPT);
    final Spinner<Integer> tokens = new Spinner<>(1, 256, 32);
    final Button compare = new Button("Compare");
    final TextArea floatText = new TextArea();
    final TextArea ternaryText = new TextArea();
    final Label summary = new Label();

    TernarizeTab(InspectViewModel vm) {
        prompt.setId("ternarize-prompt");
        HBox.setHgrow(prompt, Priority.ALWAYS);
        tokens.setId("ternarize-tokens");
        tokens.setPrefWidth(80);
        compare.setId("ternarize-compare");
        compare.getStyleClass().add("accent");
        compare.setOnAction(e -> vm.compare(prompt.getText(), tokens.getValue()));
        compare.disableProperty().bind(vm.runningProperty().or(vm.modelProperty().isNull()));
        floatText.setId("ternarize-float");
        ternaryText.setId("ternarize-ternary");
        for (TextArea a : new TextArea[] {floatText, ternaryText}) {
            a.setEditable(false);
            a.setWrapText(true);
        }
        summary.setId("ternarize-summary");
        summary.setWrapText(true);
        Label explain = new Label("Absmean ternarization replaces every projection weight w by γ · clamp(round(w / γ), −1, 1), "
            + "with γ = mean |w| of its tensor; norms and embeddings stay as they are. The ternarized copy keeps float "
            + "activations, so any difference below comes from the weights alone. A model trained as BitNet learns to live "
            + "with ternary weights; a float model ternarized after training usually loses its way within a few tokens.");
        explain.setWrapText(true);
        explain.getStyleClass().add("explanation");

        HBox row = new HBox(8, new Label("Prompt"), prompt, new Label("Tokens"), tokens, compare);
        row.setAlignment(Pos.CENTER_LEFT);
        VBox left = new VBox(4, new Label("Float model"), floatText);
        VBox right = new VBox(4, new Label("Absmean-ternarized copy"), ternaryText);
        VBox.setVgrow(floatText, Priority.ALWAYS);
        VBox.setVgrow(ternaryText, Priority.ALWAYS);
        HBox texts = new HBox(12, left, right);
        HBox.setHgrow(left, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        VBox box = new VBox(10, explain, row, summary, texts);
        VBox.setVgrow(texts, Priority.ALWAYS);
        box.setPadding(new Insets(10, 12, 10, 12));
        setCenter(box);

        vm.comparisonProperty().addListener((o, a, g) -> show(g));
        vm.statisticsProperty().addListener((o, a, s) -> {
            boolean ternary = s != null && s.hasTernaryProjections();
            compare.setVisible(!ternary);
            summary.setText(ternary ? "This model is already ternary: the preview is for float models such as stories260K." : "");
        });
    }

    private void show(GreedyComparison g) {
        if (g == null) {
            floatText.clear();
            ternaryText.clear();
            summary.setText("");
            return;
        }
        floatText.setText(g.prompt() + g.firstText());
        ternaryText.setText(g.prompt() + g.secondText());
        summary.setText("The two agree on the first " + g.agreeing() + " of " + Math.max(g.first().length, g.second().length)
            + " generated tokens.");
    }
}
