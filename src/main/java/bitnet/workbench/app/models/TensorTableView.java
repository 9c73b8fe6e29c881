package bitnet.workbench.app.models;

import bitnet.workbench.app.format.Units;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.Comparator;
import java.util.Locale;
import java.util.function.Function;

/** The tensor table: sortable by any column, narrowed by a text filter on name or type. */
final class TensorTableView extends VBox {

    TensorTableView(ModelsViewModel vm) {
        TextField filter = new TextField();
        filter.setId("tensor-filter");
        filter.setPromptText("Filter by name or type (e.g. ffn, blk.0, TQ2_0)");
        filter.textProperty().bindBidirectional(vm.tensorFilterProperty());
        HBox.setHgrow(filter, Priority.ALWAYS);
        Label count = new Label();
        count.setId("tensor-count");
        count.getStyleClass().add("muted");
        count.textProperty().bind(Bindings.createStringBinding(
            () -> vm.visibleTensors().size() + " of " + vm.allTensors().size() + " tensors",
            vm.visibleTensors(), vm.allTensors()));
        HBox bar = new HBox(10, filter, count);
        bar.setAlignment(Pos.CENTER_LEFT);

        TableView<TensorRow> table = new TableView<>();
        table.setId("tensor-table");
        table.setPlaceholder(new Label("No tensors to show. Open a model, or clear the filter."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        SortedList<TensorRow> sorted = new SortedList<>(vm.visibleTensors());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);

        TableColumn<TensorRow, String> name = column("Name", TensorRow::name, 260);
        TableColumn<TensorRow, String> type = column("Type", TensorRow::type, 70);
        TableColumn<TensorRow, TensorRow> shape = column("Shape", r -> r, 110);
        shape.setComparator(Comparator.comparingLong(TensorRow::elements));
        shape.setCellFactory(c -> cell(TensorRow::shape));
        TableColumn<TensorRow, Long> size = column("Size", TensorRow::bytes, 90);
        size.getStyleClass().add("numeric");
        size.setCellFactory(c -> cell(Units::bytes));
        TableColumn<TensorRow, Double> bits = column("Bits/weight", TensorRow::bitsPerWeight, 90);
        bits.getStyleClass().add("numeric");
        bits.setCellFactory(c -> cell(TensorTableView::bits));
        table.getColumns().setAll(java.util.List.of(name, type, shape, size, bits));
        VBox.setVgrow(table, Priority.ALWAYS);

        getChildren().addAll(bar, table);
        setSpacing(8);
        getStyleClass().add("tensor-pane");
    }

    /** Up to four decimals without trailing zeros: 2.0625 for TQ2_0, 32 for F32. */
    static String bits(double b) {
        return java.math.BigDecimal.valueOf(b).setScale(4, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    private static <T> TableColumn<TensorRow, T> column(String title, Function<TensorRow, T> value, double width) {
        TableColumn<TensorRow, T> c = new TableColumn<>(title);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        c.setPrefWidth(width);
        c.setId("column-" + title.toLowerCase(Locale.ROOT).replace('/', '-'));
        return c;
    }

    private static <T> TableCell<TensorRow, T> cell(Function<T, String> format) {
        return new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : format.apply(item));
            }
        };
    }
}
