package bitnet.workbench.app.benchmark;

import bitnet.workbench.app.format.Units;
import bitnet.workbench.bench.CombinationResult;
import bitnet.workbench.bench.Summary;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.util.Comparator;
import java.util.function.Function;

/**
 * One row per finished combination: the median of each figure over its min–max range (two lines,
 * so that the table fits beside the sweep editor), sortable by the median (click a header). Rows of
 * an overlaid run are marked B.
 */
final class ResultsTable extends TableView<ResultRow> {

    ResultsTable(ObservableList<ResultRow> rows) {
        SortedList<ResultRow> sorted = new SortedList<>(rows);
        sorted.comparatorProperty().bind(comparatorProperty());
        setItems(sorted);
        setId("bench-results");
        setPlaceholder(new Label("Finished combinations appear here."));
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        getColumns().setAll(java.util.List.of(
            text("Run", "col-run", ResultRow::run, 32),
            text("Kernel", "col-kernel", r -> r.result().combination().kernel(), 58),
            number("Threads", "col-threads", r -> r.result().combination().threads(), Object::toString, 66),
            summary("TTFT ms", "col-ttft", CombinationResult::timeToFirstTokenMillis),
            summary("Prompt tok/s", "col-prompt", CombinationResult::promptTokensPerSecond, 100),
            summary("Decode tok/s", "col-decode", CombinationResult::decodeTokensPerSecond, 100),
            summary("p50 ms", "col-p50", CombinationResult::latencyP50Millis),
            summary("p95 ms", "col-p95", CombinationResult::latencyP95Millis),
            number("Peak RSS", "col-rss", r -> r.result().peakRssBytes(), b -> b < 0 ? "–" : Units.bytes(b), 72),
            number("Ceiling tok/s", "col-ceiling", r -> r.result().ceilingTokensPerSecond(), Figures::number, 96),
            number("of ceiling", "col-fraction", r -> r.result().fractionOfCeiling(), Figures::percent, 70)));
    }

    private static TableColumn<ResultRow, String> text(String title, String id, Function<ResultRow, String> value, double width) {
        TableColumn<ResultRow, String> c = new TableColumn<>(title);
        c.setId(id);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static <N extends Number & Comparable<N>> TableColumn<ResultRow, N> number(
        String title, String id, Function<ResultRow, N> value, Function<N, String> format, double width) {
        TableColumn<ResultRow, N> c = new TableColumn<>(title);
        c.setId(id);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        c.setCellFactory(col -> new FormattedCell<>(format));
        c.setComparator(Comparator.naturalOrder());
        c.setPrefWidth(width);
        return c;
    }

    private static TableColumn<ResultRow, Summary> summary(String title, String id, Function<CombinationResult, Summary> figure) {
        return summary(title, id, figure, 84);
    }

    private static TableColumn<ResultRow, Summary> summary(String title, String id, Function<CombinationResult, Summary> figure, double width) {
        TableColumn<ResultRow, Summary> c = new TableColumn<>(title);
        c.setId(id);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(figure.apply(f.getValue().result())));
        c.setCellFactory(col -> new FormattedCell<>(Figures::summaryLines));
        c.setComparator(Comparator.comparingDouble(Summary::median));
        c.setPrefWidth(width);
        return c;
    }

    /** Right-aligned, formatted number. */
    private static final class FormattedCell<T> extends TableCell<ResultRow, T> {
        private final Function<T, String> format;

        FormattedCell(Function<T, String> format) {
            this.format = format;
            getStyleClass().add("numeric");
        }

        @Override
        protected void updateItem(T item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : format.apply(item));
        }
    }
}
