package bitnet.workbench.app.shell;

import bitnet.workbench.app.action.ActionId;
import bitnet.workbench.app.action.ActionMap;
import bitnet.workbench.app.event.EventBus;
import bitnet.workbench.app.event.OpenModelRequested;
import bitnet.workbench.app.event.PageRequested;
import bitnet.workbench.app.page.PageId;
import bitnet.workbench.app.theme.Theme;
import bitnet.workbench.app.theme.ThemeManager;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** File, View and Help menus. Commands come from the action map; the Recent menu and pages go through the bus. */
final class WorkbenchMenuBar {
    private static final KeyCode[] DIGITS = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5};

    private WorkbenchMenuBar() {
    }

    static MenuBar create(ActionMap actions, EventBus bus, ObservableList<Path> recent, ThemeManager themes, List<PageId> pages) {
        Menu recentMenu = new Menu("Recent");
        recentMenu.setId("menu-recent");
        fillRecent(recentMenu, recent, bus);
        recent.addListener((ListChangeListener<Path>) c -> fillRecent(recentMenu, recent, bus));

        Menu file = new Menu("File", null,
            actions.menuItem(ActionId.OPEN_MODEL), recentMenu, actions.menuItem(ActionId.UNLOAD_MODEL),
            new SeparatorMenuItem(), actions.menuItem(ActionId.QUIT));
        Menu view = new Menu("View");
        for (int i = 0; i < pages.size(); i++) view.getItems().add(pageItem(pages.get(i), i, bus));
        view.getItems().add(new SeparatorMenuItem());
        view.getItems().addAll(themeItems(themes));
        view.getItems().add(actions.menuItem(ActionId.TOGGLE_THEME));
        Menu help = new Menu("Help", null, actions.menuItem(ActionId.ABOUT));

        MenuBar bar = new MenuBar(file, view, help);
        bar.setId("menu-bar");
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private static void fillRecent(Menu menu, List<Path> recent, EventBus bus) {
        menu.getItems().clear();
        for (Path p : recent) {
            MenuItem item = new MenuItem(String.valueOf(p.getFileName()));
            item.setOnAction(e -> bus.publish(new OpenModelRequested(p)));
            menu.getItems().add(item);
        }
        if (recent.isEmpty()) {
            MenuItem none = new MenuItem("No recent models");
            none.setDisable(true);
            menu.getItems().add(none);
        }
    }

    private static MenuItem pageItem(PageId page, int index, EventBus bus) {
        MenuItem item = new MenuItem(page.title());
        item.setId("menu-page-" + page.name().toLowerCase(Locale.ROOT));
        if (index < DIGITS.length) item.setAccelerator(new KeyCodeCombination(DIGITS[index], KeyCombination.SHORTCUT_DOWN));
        item.setOnAction(e -> bus.publish(new PageRequested(page)));
        return item;
    }

    private static List<MenuItem> themeItems(ThemeManager themes) {
        ToggleGroup group = new ToggleGroup();
        List<MenuItem> items = new java.util.ArrayList<>();
        for (Theme t : Theme.values()) {
            RadioMenuItem item = new RadioMenuItem(t.label() + " theme");
            item.setId("menu-theme-" + t.name().toLowerCase(Locale.ROOT));
            item.setToggleGroup(group);
            item.setSelected(themes.theme() == t);
            item.setOnAction(e -> themes.setTheme(t));
            themes.themeProperty().addListener((o, a, b) -> item.setSelected(b == t));
            items.add(item);
        }
        return items;
    }
}
