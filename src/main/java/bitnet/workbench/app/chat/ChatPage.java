package bitnet.workbench.app.chat;

import bitnet.workbench.app.action.ActionId;
import bitnet.workbench.app.action.ActionMap;
import bitnet.workbench.app.chat.view.ConversationSidebar;
import bitnet.workbench.app.chat.view.ConversationView;
import bitnet.workbench.app.chat.view.SamplingPanel;
import bitnet.workbench.app.event.EventBus;
import bitnet.workbench.app.event.PageRequested;
import bitnet.workbench.app.page.Page;
import bitnet.workbench.app.page.PageId;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.skin.TextInputControlSkin;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.Locale;

/**
 * Chat with the loaded model: the conversations on the left, the conversation in the middle with
 * the composer under it, the system prompt and sampling on the right. Binds the SEND, STOP and
 * NEW_CHAT actions, so Ctrl+Enter, Esc and Ctrl+N work from anywhere in the window.
 */
public final class ChatPage implements Page {
    private final ChatViewModel vm;
    private final EventBus bus;
    private final BorderPane view;

    public ChatPage(ChatViewModel vm, ActionMap actions, EventBus bus) {
        this.vm = vm;
        this.bus = bus;
        this.view = build(actions);
        actions.bind(ActionId.SEND, vm::send, vm.canSendProperty());
        actions.bind(ActionId.STOP, vm::stop, vm.generatingProperty());
        actions.bind(ActionId.NEW_CHAT, this::newChat);
    }

    @Override
    public PageId id() {
        return PageId.CHAT;
    }

    @Override
    public Node view() {
        return view;
    }

    private void newChat() {
        vm.newChat();
        bus.publish(new PageRequested(PageId.CHAT));
    }

    private BorderPane build(ActionMap actions) {
        VBox center = new VBox(header(), errorBanner(), new ConversationView(vm), composer(actions));
        VBox.setVgrow(center.getChildren().get(2), Priority.ALWAYS);
        center.getStyleClass().add("chat-center");

        BorderPane root = new BorderPane(center);
        root.setLeft(new ConversationSidebar(vm, this::newChat));
        root.setRight(settings());
        root.setId("chat-page");
        root.getStyleClass().add("page");
        return root;
    }

    private Node header() {
        Label model = new Label();
        model.setId("chat-model");
        model.getStyleClass().add("chat-title");
        model.textProperty().bind(Bindings.createStringBinding(() -> vm.modelNameProperty().get().isEmpty()
            ? "No model loaded" : vm.modelNameProperty().get(), vm.modelNameProperty()));
        Label format = new Label();
        format.setId("chat-format");
        format.getStyleClass().add("muted");
        format.textProperty().bind(Bindings.createStringBinding(() -> vm.modelNameProperty().get().isEmpty()
                ? "Open a model in the Models view to chat." : vm.formatDescriptionProperty().get(),
            vm.modelNameProperty(), vm.formatDescriptionProperty()));
        VBox titles = new VBox(2, model, format);
        HBox.setHgrow(titles, Priority.ALWAYS);
        titles.setMinWidth(0);

        ProgressBar usage = new ProgressBar(0);
        usage.setId("context-bar");
        usage.setPrefWidth(140);
        usage.progressProperty().bind(Bindings.createDoubleBinding(() -> vm.contextLengthProperty().get() == 0 ? 0
                : (double) vm.contextUsedProperty().get() / vm.contextLengthProperty().get(),
            vm.contextUsedProperty(), vm.contextLengthProperty()));
        Label usageText = new Label();
        usageText.setId("context-usage");
        usageText.getStyleClass().add("muted");
        usageText.textProperty().bind(Bindings.createStringBinding(() -> vm.contextLengthProperty().get() == 0 ? "context –"
                : String.format(Locale.ROOT, "context %,d / %,d tokens", vm.contextUsedProperty().get(), vm.contextLengthProperty().get()),
            vm.contextUsedProperty(), vm.contextLengthProperty()));
        VBox context = new VBox(3, usageText, usage);
        context.setAlignment(Pos.CENTER_RIGHT);

        HBox header = new HBox(12, titles, context);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("chat-header");
        return header;
    }

    private Node errorBanner() {
        Label text = new Label();
        text.setId("chat-error");
        text.setWrapText(true);
        text.textProperty().bind(vm.errorProperty());
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button dismiss = new Button("Dismiss");
        dismiss.setOnAction(e -> vm.dismissError());
        dismiss.setMinWidth(Region.USE_PREF_SIZE);
        HBox banner = new HBox(12, text, dismiss);
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.getStyleClass().add("error-banner");
        banner.visibleProperty().bind(vm.errorProperty().isNotNull());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private Node composer(ActionMap actions) {
        TextArea input = new TextArea();
        input.setId("chat-input");
        input.setWrapText(true);
        input.setPrefRowCount(3);
        input.setPromptText("Message the model… (" + shortcut(ActionId.SEND) + " to send, " + shortcut(ActionId.STOP) + " to stop)");
        input.textProperty().bindBidirectional(vm.inputProperty());
        // a TextArea keeps Enter-like keys for itself; route the two shortcuts to their actions
        input.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && e.isShortcutDown()) {
                e.consume();
                actions.fire(ActionId.SEND);
            } else if (e.getCode() == KeyCode.ESCAPE && vm.generatingProperty().get()) {
                e.consume();
                actions.fire(ActionId.STOP);
            }
        });
        HBox.setHgrow(input, Priority.ALWAYS);
        keepCaretStillWhileGenerating(input);

        Button send = new Button("Send");
        send.setId("send");
        send.getStyleClass().add("accent");
        send.setMaxWidth(Double.MAX_VALUE);
        send.disableProperty().bind(actions.availableProperty(ActionId.SEND).not());
        send.setOnAction(e -> actions.fire(ActionId.SEND));
        send.visibleProperty().bind(vm.generatingProperty().not());
        send.managedProperty().bind(send.visibleProperty());
        Button stop = new Button("Stop");
        stop.setId("stop");
        stop.getStyleClass().add("stop-button");
        stop.setMaxWidth(Double.MAX_VALUE);
        stop.setOnAction(e -> actions.fire(ActionId.STOP));
        stop.visibleProperty().bind(vm.generatingProperty());
        stop.managedProperty().bind(stop.visibleProperty());
        Button regenerate = new Button("Regenerate");
        regenerate.setId("regenerate");
        regenerate.setMaxWidth(Double.MAX_VALUE);
        regenerate.disableProperty().bind(vm.canRegenerateProperty().not());
        regenerate.setOnAction(e -> vm.regenerate());
        VBox buttons = new VBox(6, send, stop, regenerate);
        buttons.setPrefWidth(110);
        buttons.setMinWidth(Region.USE_PREF_SIZE);

        HBox composer = new HBox(10, input, buttons);
        composer.getStyleClass().add("composer");
        return composer;
    }

    /**
     * A blinking caret keeps an animation running, and with it a layout pulse 60 times a second
     * and a repaint twice a second, on the threads the engine needs; while a reply is written the
     * caret stays visible but still.
     */
    private void keepCaretStillWhileGenerating(TextArea input) {
        Runnable apply = () -> {
            if (input.getSkin() instanceof TextInputControlSkin<?> skin) {
                skin.setCaretAnimating(input.isFocused() && !vm.generatingProperty().get());
            }
        };
        vm.generatingProperty().addListener((o, was, now) -> apply.run());
        // the skin starts blinking again when focus comes back; correct that after it
        input.focusedProperty().addListener((o, was, now) -> Platform.runLater(apply));
    }

    private Node settings() {
        Label systemHeading = heading("System prompt");
        TextArea system = new TextArea();
        system.setId("system-prompt");
        system.setWrapText(true);
        system.setPrefRowCount(4);
        system.setPromptText("Instructions for the model in this chat (optional)");
        system.textProperty().bindBidirectional(vm.systemPromptProperty());
        Label samplingHeading = heading("Sampling");
        Label hint = new Label("Applies to the next reply.");
        hint.getStyleClass().add("muted");
        VBox box = new VBox(8, systemHeading, system, samplingHeading, new SamplingPanel(vm.sampling()), hint);
        box.getStyleClass().add("side-panel");
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setPrefWidth(260);
        scroll.setMinWidth(220);
        scroll.getStyleClass().add("chat-settings");
        return scroll;
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-heading");
        return l;
    }

    private static String shortcut(ActionId id) {
        return id.accelerator().map(k -> k.getDisplayText()).orElse("");
    }
}
