package bitnet.workbench.app.action;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Scene;
import javafx.scene.control.MenuItem;
import javafx.util.Subscription;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The one place commands are bound to handlers. Menus and keyboard shortcuts fire actions by id;
 * whichever view implements an action binds a handler (and, optionally, when it is enabled). An
 * action without a handler is unavailable: its menu item is greyed and its shortcut does nothing.
 * Use on the FX thread.
 */
public final class ActionMap {

    private record Handler(Runnable run, ObservableBooleanValue enabled) {
    }

    private final Map<ActionId, Handler> handlers = new EnumMap<>(ActionId.class);
    private final Map<ActionId, ReadOnlyBooleanWrapper> available = new EnumMap<>(ActionId.class);

    public ActionMap() {
        for (ActionId id : ActionId.values()) available.put(id, new ReadOnlyBooleanWrapper(false));
    }

    public Subscription bind(ActionId id, Runnable handler) {
        return bind(id, handler, new ReadOnlyBooleanWrapper(true));
    }

    /**
     * Makes {@code handler} run when {@code id} fires while {@code enabledWhen} is true; replaces any
     * previous handler. Cancelling the subscription unbinds it again.
     */
    public Subscription bind(ActionId id, Runnable handler, ObservableBooleanValue enabledWhen) {
        Objects.requireNonNull(handler);
        Objects.requireNonNull(enabledWhen);
        Handler h = new Handler(handler, enabledWhen);
        handlers.put(id, h);
        ReadOnlyBooleanWrapper flag = available.get(id);
        flag.unbind();
        flag.bind(Bindings.createBooleanBinding(enabledWhen::get, enabledWhen));
        return () -> {
            if (handlers.get(id) == h) {
                handlers.remove(id);
                flag.unbind();
                flag.set(false);
            }
        };
    }

    public ReadOnlyBooleanProperty availableProperty(ActionId id) {
        return available.get(id).getReadOnlyProperty();
    }

    public boolean isAvailable(ActionId id) {
        return available.get(id).get();
    }

    /** Runs the action's handler if it is available; returns whether it ran. */
    public boolean fire(ActionId id) {
        Handler h = handlers.get(id);
        if (h == null || !h.enabled().get()) return false;
        h.run().run();
        return true;
    }

    /** Registers every action's shortcut on {@code scene}, including those not shown in any menu. */
    public void installAccelerators(Scene scene) {
        for (ActionId id : ActionId.values()) {
            id.accelerator().ifPresent(k -> scene.getAccelerators().put(k, () -> fire(id)));
        }
    }

    /** A menu item that fires {@code id}, shows its shortcut and is greyed while unavailable. */
    public MenuItem menuItem(ActionId id) {
        MenuItem item = new MenuItem(id.label());
        item.setId("menu-" + id.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        id.accelerator().ifPresent(item::setAccelerator);
        item.disableProperty().bind(available.get(id).not());
        item.setOnAction(e -> fire(id));
        return item;
    }
}
