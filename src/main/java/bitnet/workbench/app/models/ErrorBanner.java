package bitnet.workbench.app.models;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** A strip above the model that says what went wrong, until dismissed or the next success. */
final class ErrorBanner extends HBox {

    ErrorBanner(ModelsViewModel vm) {
        Label text = new Label();
        text.setId("model-error");
        text.setWrapText(true);
        text.textProperty().bind(vm.errorProperty());
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button dismiss = new Button("Dismiss");
        dismiss.setId("dismiss-error");
        dismiss.setOnAction(e -> vm.dismissError());
        dismiss.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        getChildren().addAll(text, dismiss);
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(12);
        setId("error-banner");
        getStyleClass().add("error-banner");
        visibleProperty().bind(vm.errorProperty().isNotNull());
        managedProperty().bind(visibleProperty());
    }
}
