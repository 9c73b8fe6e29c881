package bitnet.workbench.app.models;

import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.AbstractPropertyEditor;

import java.util.Optional;

/** The model's metadata as a read-only ControlsFX property sheet, grouped by key prefix and searchable. */
final class MetadataSheet {
    private MetadataSheet() {
    }

    static PropertySheet create(ModelsViewModel vm) {
        PropertySheet sheet = new PropertySheet();
        sheet.setId("metadata-sheet");
        sheet.setMode(PropertySheet.Mode.NAME);
        sheet.setSearchBoxVisible(true);
        sheet.setModeSwitcherVisible(true);
        sheet.setPropertyEditorFactory(MetadataSheet::readOnlyEditor);
        Runnable refill = () -> sheet.getItems().setAll(vm.metadata().stream().map(Item::new).toList());
        vm.metadata().addListener((ListChangeListener<MetadataEntry>) c -> refill.run());
        refill.run();
        return sheet;
    }

    /** Selectable text rather than the sheet's default disabled field, which is hard to read. */
    private static AbstractPropertyEditor<Object, TextField> readOnlyEditor(PropertySheet.Item item) {
        TextField field = new TextField();
        field.setEditable(false);
        field.getStyleClass().add("metadata-value");
        field.setTooltip(new Tooltip(item.getDescription()));
        return new AbstractPropertyEditor<>(item, field, true) {
            @Override
            @SuppressWarnings("unchecked")
            protected ObservableValue<Object> getObservableValue() {
                return (ObservableValue<Object>) (ObservableValue<?>) getEditor().textProperty();
            }

            @Override
            public void setValue(Object value) {
                getEditor().setText(value == null ? "" : value.toString());
            }
        };
    }

    private record Item(MetadataEntry entry) implements PropertySheet.Item {
        @Override public Class<?> getType() { return String.class; }
        @Override public String getCategory() { return entry.category(); }
        @Override public String getName() { return entry.key(); }
        @Override public String getDescription() { return entry.key() + " (" + entry.type() + ")"; }
        @Override public Object getValue() { return entry.value(); }
        @Override public void setValue(Object value) { /* read-only */ }
        // "Editable" only so the sheet does not grey the field out; the editor itself never writes back.
        @Override public boolean isEditable() { return true; }
        @Override public Optional<ObservableValue<?>> getObservableValue() { return Optional.empty(); }
    }
}
