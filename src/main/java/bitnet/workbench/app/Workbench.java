package bitnet.workbench.app;

import bitnet.workbench.app.action.ActionId;
import bitnet.workbench.app.action.ActionMap;
import bitnet.workbench.app.benchmark.BenchmarkPage;
import bitnet.workbench.app.chat.ChatPage;
import bitnet.workbench.app.chat.ChatViewModel;
import bitnet.workbench.app.chat.SamplingViewModel;
import bitnet.workbench.app.chat.conversation.ConversationStore;
import bitnet.workbench.app.event.EventBus;
import bitnet.workbench.app.event.ModelClosed;
import bitnet.workbench.app.event.ModelOpened;
import bitnet.workbench.app.inspector.InspectPage;
import bitnet.workbench.app.models.EngineSettingsViewModel;
import bitnet.workbench.app.models.ModelService;
import bitnet.workbench.app.models.ModelsPage;
import bitnet.workbench.app.models.ModelsViewModel;
import bitnet.workbench.app.models.StartupModel;
import bitnet.workbench.app.page.Page;
import bitnet.workbench.app.settings.RecentModels;
import bitnet.workbench.app.settings.SettingsStore;
import bitnet.workbench.app.shell.MainWindow;
import bitnet.workbench.app.shell.StatusViewModel;
import bitnet.workbench.app.theme.ThemeManager;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The composition root: creates the stores, services, view models and pages, and wires them. The
 * only class that knows every part of the window; everything else meets through the event bus and
 * the action map. Create on the FX thread.
 */
public final class Workbench implements AutoCloseable {
    private static final String TITLE = "BitNet Workbench";

    /** Where settings live, where the shipped models are, and the command-line arguments. */
    public record Options(Path home, Path modelsDir, List<String> args) {
    }

    // One thread, its queue visible: the model's warm-up gives way as soon as anything else is queued.
    private final ThreadPoolExecutor engine = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
        Thread t = new Thread(r, "workbench-engine");
        t.setDaemon(true);
        return t;
    });
    private final EventBus bus = EventBus.onFxThread();
    private final ActionMap actions = new ActionMap();
    private final ThemeManager themes;
    private final ModelService modelService;
    private final ModelsViewModel models;
    private final EngineSettingsViewModel engineSettings;
    private final ChatViewModel chat;
    private final MainWindow window;

    public Workbench(Options options, Runnable quit) {
        SettingsStore settings = new SettingsStore(options.home(), Runtime.getRuntime().availableProcessors());
        RecentModels recent = new RecentModels(options.home());
        themes = new ThemeManager(settings);
        engineSettings = new EngineSettingsViewModel(settings, bus);
        modelService = new ModelService(engine, engineSettings::settings, () -> !engine.getQueue().isEmpty(),
            !Boolean.getBoolean("workbench.noWarmUp"));
        models = new ModelsViewModel(modelService, bus, recent);
        chat = new ChatViewModel(bus, new ConversationStore(options.home()), new SamplingViewModel(options.home()),
            engine, Platform::runLater, System::currentTimeMillis);

        List<Page> pages = List.of(
            new ModelsPage(models, engineSettings, actions, bus, options.modelsDir()),
            new ChatPage(chat, actions, bus),
            new InspectPage(bus, themes.themeProperty(), options.home().resolve("inspect-cache")),
            new BenchmarkPage(bus, themes.themeProperty(), options.home()));
        window = new MainWindow(pages, actions, bus, themes, recent.paths(), settings.current().engine());

        actions.bind(ActionId.QUIT, quit);

        StartupModel.choose(options.args(), List.copyOf(recent.paths()), options.modelsDir()).ifPresent(models::open);
    }

    public void show(Stage stage) {
        stage.setTitle(TITLE);
        bus.subscribe(ModelOpened.class, e -> stage.setTitle(e.name() + " — " + TITLE));
        bus.subscribe(ModelClosed.class, e -> stage.setTitle(TITLE));
        stage.getIcons().setAll(java.util.stream.IntStream.of(32, 64, 256)
            .mapToObj(size -> Workbench.class.getResource("icons/icon-" + size + ".png"))
            .filter(java.util.Objects::nonNull).map(url -> new Image(url.toExternalForm())).toList());
        stage.setScene(window.scene());
        stage.sizeToScene(); // 1280×800, also when the stage showed another scene before
        stage.setMinWidth(MainWindow.MIN_WIDTH);
        stage.setMinHeight(MainWindow.MIN_HEIGHT);
        stage.show();
    }

    public Scene scene() { return window.scene(); }
    public EventBus bus() { return bus; }
    public ActionMap actions() { return actions; }
    public ThemeManager themes() { return themes; }
    public ModelsViewModel models() { return models; }
    public EngineSettingsViewModel engineSettings() { return engineSettings; }
    public StatusViewModel status() { return window.status(); }
    public ChatViewModel chat() { return chat; }

    /**
     * Stops any reply, saves the chats, and closes the model once the engine thread is done with
     * it (waiting a few seconds at most: a reply stops after its current token).
     */
    @Override
    public void close() {
        chat.close();
        window.close();
        modelService.close();
        engine.shutdown();
        try {
            if (!engine.awaitTermination(5, TimeUnit.SECONDS)) engine.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
