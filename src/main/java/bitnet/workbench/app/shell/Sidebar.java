package bitnet.workbench.app.shell;

import bitnet.workbench.app.page.PageId;
import javafx.scene.control.Label;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Locale;

/** The navigation column: one button per page, exactly one selected. */
final class Sidebar extends VBox {

    Sidebar(List<PageId> pages, NavigationModel nav) {
        Label title = new Label("BitNet\nWorkbench");
        title.getStyleClass().add("app-title");
        getChildren().add(title);
        ToggleGroup group = new ToggleGroup();
        for (PageId page : pages) {
            ToggleButton b = new ToggleButton(page.title());
            b.setId("nav-" + page.name().toLowerCase(Locale.ROOT));
            b.setUserData(page);
            b.setToggleGroup(group);
            b.setMaxWidth(Double.MAX_VALUE);
            b.getStyleClass().add("nav-button");
            b.setFocusTraversable(false);
            getChildren().add(b);
        }
        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);
        getChildren().add(spacer);

        select(group, nav.currentProperty().get());
        nav.currentProperty().addListener((o, a, b) -> select(group, b));
        group.selectedToggleProperty().addListener((o, old, now) -> {
            if (now == null) old.setSelected(true); // clicking the selected page keeps it selected
            else nav.show((PageId) now.getUserData());
        });
        getStyleClass().add("sidebar");
        setMinWidth(150);
        setPrefWidth(150);
    }

    private static void select(ToggleGroup group, PageId page) {
        for (Toggle t : group.getToggles()) if (t.getUserData() == page) t.setSelected(true);
    }
}
