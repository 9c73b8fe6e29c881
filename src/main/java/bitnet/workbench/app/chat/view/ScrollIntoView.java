package bitnet.workbench.app.chat.view;

import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ScrollPane;

/** Scrolls the nearest enclosing scroll pane just enough to show a node. */
final class ScrollIntoView {
    private ScrollIntoView() {
    }

    /** After the next layout (the node may just have grown), brings all of {@code node} into view. */
    static void later(Node node) {
        Platform.runLater(() -> now(node));
    }

    static void now(Node node) {
        ScrollPane pane = enclosingScrollPane(node);
        if (pane == null || pane.getContent() == null) return;
        Node content = pane.getContent();
        Bounds b = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
        double viewport = pane.getViewportBounds().getHeight();
        double range = content.getBoundsInLocal().getHeight() - viewport;
        if (b == null || range <= 0) return;
        double top = pane.getVvalue() * range;
        if (b.getMinY() < top) top = b.getMinY();
        else if (b.getMaxY() > top + viewport) top = Math.min(b.getMinY(), b.getMaxY() - viewport);
        pane.setVvalue(Math.clamp(top / range, 0, 1));
    }

    private static ScrollPane enclosingScrollPane(Node node) {
        for (Parent p = node.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane s) return s;
        }
        return null;
    }
}
