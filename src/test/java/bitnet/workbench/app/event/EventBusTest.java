package bitnet.workbench.app.event;

import javafx.util.Subscription;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventBusTest {
    private final EventBus bus = new EventBus(Runnable::run);

    @Test
    void subscribersReceiveOnlyTheirTypeAndSupertypeSubscribersReceiveAll() {
        List<Object> opened = new ArrayList<>();
        List<Object> all = new ArrayList<>();
        bus.subscribe(OpenModelRequested.class, opened::add);
        bus.subscribe(Event.class, all::add);

        Event a = new OpenModelRequested(Path.of("a.gguf"));
        Event b = new StatusMessage("hello");
        bus.publish(a);
        bus.publish(b);

        assertThat(opened).containsExactly(a);
        assertThat(all).containsExactly(a, b);
    }

    @Test
    void cancellingASubscriptionStopsDelivery() {
        List<Object> got = new ArrayList<>();
        Subscription s = bus.subscribe(StatusMessage.class, got::add);
        bus.publish(new StatusMessage("one"));
        s.unsubscribe();
        bus.publish(new StatusMessage("two"));
        assertThat(got).containsExactly(new StatusMessage("one"));
        assertThat(bus.subscriberCount()).isZero();
    }

    @Test
    void aFailingSubscriberDoesNotKeepTheEventFromTheOthers() {
        List<Object> got = new ArrayList<>();
        bus.subscribe(StatusMessage.class, e -> { throw new IllegalStateException("boom"); });
        bus.subscribe(StatusMessage.class, got::add);
        bus.publish(new StatusMessage("still here"));
        assertThat(got).containsExactly(new StatusMessage("still here"));
    }

    @Test
    void eventsGoThroughTheDeliveryExecutor() {
        List<Runnable> queued = new ArrayList<>();
        EventBus deferred = new EventBus(queued::add);
        List<Object> got = new ArrayList<>();
        deferred.subscribe(StatusMessage.class, got::add);
        deferred.publish(new StatusMessage("later"));
        assertThat(got).isEmpty();
        queued.forEach(Runnable::run);
        assertThat(got).hasSize(1);
    }
}
