package bitnet.workbench.app.action;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

import java.util.Optional;

/**
 * Every command the window offers through a menu or a shortcut. Shortcut means Ctrl on Linux and
 * Windows and Cmd on macOS.
 */
public enum ActionId {
    OPEN_MODEL("Open model…", new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN)),
    UNLOAD_MODEL("Unload model", null),
    NEW_CHAT("New chat", new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN)),
    SEND("Send", new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN)),
    STOP("Stop generating", new KeyCodeCombination(KeyCode.ESCAPE)),
    TOGGLE_THEME("Toggle light/dark theme", new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN)),
    ABOUT("About BitNet Workbench", null),
    QUIT("Quit", new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));

    private final String label;
    private final KeyCombination accelerator;

    ActionId(String label, KeyCombination accelerator) {
        this.label = label;
        this.accelerator = accelerator;
    }

    public String label() {
        return label;
    }

    public Optional<KeyCombination> accelerator() {
        return Optional.ofNullable(accelerator);
    }
}
