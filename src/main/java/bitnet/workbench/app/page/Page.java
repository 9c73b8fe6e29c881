package bitnet.workbench.app.page;

import javafx.scene.Node;

/**
 * One top-level view. The shell shows pages by id and knows nothing else about them; a page talks
 * to the rest of the window only through its view model, the event bus and the action map.
 */
public interface Page {
    PageId id();

    /** The view, created once and kept for the life of the window. */
    Node view();
}
