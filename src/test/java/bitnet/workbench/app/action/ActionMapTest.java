package bitnet.workbench.app.action;

import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.util.Subscription;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ActionMapTest {
    private final ActionMap actions = new ActionMap();

    @Test
    void anActionWithoutAHandlerIsUnavailableAndFiringItDoesNothing() {
        assertThat(actions.isAvailable(ActionId.SEND)).isFalse();
        assertThat(actions.fire(ActionId.SEND)).isFalse();
    }

    @Test
    void aBoundHandlerRunsOnlyWhileItsConditionHolds() {
        AtomicInteger runs = new AtomicInteger();
        SimpleBooleanProperty generating = new SimpleBooleanProperty(false);
        actions.bind(ActionId.STOP, runs::incrementAndGet, generating);

        assertThat(actions.fire(ActionId.STOP)).isFalse();
        generating.set(true);
        assertThat(actions.isAvailable(ActionId.STOP)).isTrue();
        assertThat(actions.fire(ActionId.STOP)).isTrue();
        assertThat(runs).hasValue(1);
    }

    @Test
    void cancellingTheBindingMakesTheActionUnavailableAgain() {
        AtomicInteger runs = new AtomicInteger();
        Subscription s = actions.bind(ActionId.NEW_CHAT, runs::incrementAndGet);
        s.unsubscribe();
        assertThat(actions.fire(ActionId.NEW_CHAT)).isFalse();
        assertThat(actions.isAvailable(ActionId.NEW_CHAT)).isFalse();
    }

    @Test
    void aLaterBindingReplacesTheEarlierOneAndTheOldSubscriptionNoLongerUnbindsIt() {
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        Subscription old = actions.bind(ActionId.NEW_CHAT, first::incrementAndGet);
        actions.bind(ActionId.NEW_CHAT, second::incrementAndGet);
        old.unsubscribe();
        actions.fire(ActionId.NEW_CHAT);
        assertThat(first).hasValue(0);
        assertThat(second).hasValue(1);
    }

    @Test
    void theChatShortcutsAreTheAgreedKeys() {
        assertThat(ActionId.OPEN_MODEL.accelerator()).contains(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        assertThat(ActionId.NEW_CHAT.accelerator()).contains(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN));
        assertThat(ActionId.SEND.accelerator()).contains(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN));
        assertThat(ActionId.STOP.accelerator()).contains(new KeyCodeCombination(KeyCode.ESCAPE));
    }
}
