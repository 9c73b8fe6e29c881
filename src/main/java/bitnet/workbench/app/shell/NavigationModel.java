package bitnet.workbench.app.shell;

import bitnet.workbench.app.event.EventBus;
import bitnet.workbench.app.event.PageRequested;
import bitnet.workbench.app.page.PageId;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.util.Objects;

/** Which page is in front. Any part of the window can ask for a page with {@link PageRequested}. */
public final class NavigationModel {
    private final ReadOnlyObjectWrapper<PageId> current = new ReadOnlyObjectWrapper<>(PageId.MODELS);

    public NavigationModel(EventBus bus) {
        bus.subscribe(PageRequested.class, e -> show(e.page()));
    }

    public ReadOnlyObjectProperty<PageId> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public void show(PageId page) {
        current.set(Objects.requireNonNull(page));
    }
}
