package bitnet.workbench.app.event;

import javafx.application.Platform;
import javafx.util.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Typed publish/subscribe between views, so no view holds a reference to another. Subscribers of a
 * type receive every event that is an instance of it, in subscription order, on the delivery
 * executor (the FX thread in the application). A failing subscriber is logged and does not stop
 * delivery to the others.
 */
public final class EventBus {
    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

    private record Subscriber(Class<? extends Event> type, Consumer<Event> consumer) {
    }

    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final Executor delivery;

    public EventBus(Executor delivery) {
        this.delivery = Objects.requireNonNull(delivery);
    }

    /** Delivers on the FX thread: directly when published there, else through {@code Platform.runLater}. */
    public static EventBus onFxThread() {
        return new EventBus(r -> {
            if (Platform.isFxApplicationThread()) r.run();
            else Platform.runLater(r);
        });
    }

    public <E extends Event> Subscription subscribe(Class<E> type, Consumer<? super E> consumer) {
        Objects.requireNonNull(type);
        Objects.requireNonNull(consumer);
        Subscriber s = new Subscriber(type, e -> consumer.accept(type.cast(e)));
        subscribers.add(s);
        return () -> subscribers.remove(s);
    }

    public void publish(Event event) {
        Objects.requireNonNull(event);
        delivery.execute(() -> deliver(event));
    }

    private void deliver(Event event) {
        for (Subscriber s : subscribers) {
            if (!s.type().isInstance(event)) continue;
            try {
                s.consumer().accept(event);
            } catch (RuntimeException e) {
                LOG.error("Subscriber of {} failed on {}", s.type().getSimpleName(), event, e);
            }
        }
    }

    /** Only for tests that check subscriptions are released. */
    int subscriberCount() {
        return subscribers.size();
    }
}
