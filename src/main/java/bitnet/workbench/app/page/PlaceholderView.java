package bitnet.workbench.app.page;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** A page that is not built yet: its title and one sentence about what will be there. */
public final class PlaceholderView {
    private PlaceholderView() {
    }

    public static Node create(PageId page, String whatWillBeHere) {
        Label title = new Label(page.title());
        title.getStyleClass().add("placeholder-title");
        Label text = new Label(whatWillBeHere);
        text.getStyleClass().add("placeholder-text");
        text.setWrapText(true);
        text.setMaxWidth(560);
        Label soon = new Label("Coming soon.");
        soon.getStyleClass().add("muted");
        VBox box = new VBox(12, title, text, soon);
        box.setAlignment(Pos.CENTER);
        box.getStyleClass().add("placeholder");
        box.setId("placeholder-" + page.name().toLowerCase(java.util.Locale.ROOT));
        return box;
    }
}
