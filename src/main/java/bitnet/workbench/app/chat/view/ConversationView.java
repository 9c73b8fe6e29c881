package bitnet.workbench.app.chat.view;

import bitnet.workbench.app.chat.ChatViewModel;
import bitnet.workbench.app.chat.conversation.ChatTurn;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;

/**
 * The turns of the conversation in front, top to bottom, following the newest text while the
 * reader is at the bottom. Only the message views whose turn changed are updated.
 */
public final class ConversationView extends StackPane {
    private final ChatViewModel vm;
    private final VBox messages = new VBox(14);
    private final ScrollPane scroll = new ScrollPane(messages);
    private final List<MessageView> views = new ArrayList<>();
    private static final double FOLLOW_MARGIN = 48;
    private final javafx.scene.layout.Region tail = new javafx.scene.layout.Region();
    private boolean followBottom = true;
    private boolean adjusting;

    public ConversationView(ChatViewModel vm) {
        this.vm = vm;
        messages.getStyleClass().add("messages");
        tail.setMinHeight(0);
        // free space under a reply while it streams, so the view can jump ahead instead of creeping
        // set only on a real change: the scroll pane sets new (equal) viewport bounds on every layout, and
        // a bound height would ask for another layout each time, keeping the window laying out 60 times a second
        Runnable sizeTail = () -> {
            double h = vm.generatingProperty().get() ? Math.floor(scroll.getViewportBounds().getHeight() / 3) : 0;
            if (tail.getPrefHeight() != h) tail.setPrefHeight(h);
        };
        scroll.viewportBoundsProperty().addListener((o, a, b) -> sizeTail.run());
        vm.generatingProperty().addListener((o, a, b) -> sizeTail.run());
        messages.getChildren().add(tail);
        messages.setFillWidth(true);
        scroll.setFitToWidth(true);
        scroll.setId("conversation-scroll");
        scroll.getStyleClass().add("conversation-scroll");
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        // the page gives the conversation whatever height is left; asking the content for its preferred
        // height would measure every message on every streamed update
        scroll.setPrefHeight(100);
        scroll.setMinHeight(0);
        scroll.skinProperty().addListener((o, a, b) -> {
            javafx.scene.Node viewport = scroll.lookup(".viewport");
            if (viewport != null) viewport.setCache(false);
        });
        // wheel events re-fired by the messages' text areas: scroll by the same amount a ScrollPane would
        messages.addEventHandler(ScrollEvent.SCROLL, e -> {
            double range = messages.getHeight() - scroll.getViewportBounds().getHeight();
            if (range > 0) scroll.setVvalue(Math.clamp(scroll.getVvalue() - e.getDeltaY() / range, 0, 1));
            e.consume();
        });
        scroll.vvalueProperty().addListener((o, a, b) -> {
            if (!adjusting) followBottom = atBottom();
        });
        messages.heightProperty().addListener((o, a, b) -> {
            if (followBottom) follow();
        });

        Label empty = new Label("Send a message to start. The reply streams in as the model writes it.");
        empty.getStyleClass().addAll("muted", "chat-empty");
        empty.setWrapText(true);
        empty.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(vm.turns()));
        StackPane.setAlignment(empty, Pos.CENTER);

        getChildren().addAll(scroll, empty);
        setId("conversation-view");
        vm.turns().addListener((ListChangeListener<ChatTurn>) c -> refresh());
        vm.generatingProperty().addListener((o, a, b) -> refresh());
        refresh();
    }

    /** Where the text ends, above the free space kept under it. */
    private double textEnd() {
        return messages.getHeight() - tail.getHeight();
    }

    private double viewTop() {
        double range = messages.getHeight() - scroll.getViewportBounds().getHeight();
        return range <= 0 ? 0 : scroll.getVvalue() * range;
    }

    /** Whether the end of the text is in view (the reader is following the reply). */
    private boolean atBottom() {
        return viewTop() + scroll.getViewportBounds().getHeight() >= textEnd() - FOLLOW_MARGIN;
    }

    /**
     * Keeps the newest text in view. Scrolling repaints the whole view, so rather than moving with
     * every new line it jumps to the bottom once the text reaches the lower edge; the free space
     * kept under the text (a third of the view) then fills before the next jump.
     */
    private void follow() {
        if (viewTop() + scroll.getViewportBounds().getHeight() >= textEnd()) return;
        adjusting = true;
        scroll.setVvalue(1.0);
        adjusting = false;
    }

    private void refresh() {
        List<ChatTurn> turns = vm.turns();
        boolean generating = vm.generatingProperty().get();
        for (int i = 0; i < turns.size(); i++) {
            if (i == views.size()) {
                MessageView v = new MessageView(vm.generatingProperty(), vm::editAndResend);
                views.add(v);
                messages.getChildren().add(messages.getChildren().size() - 1, v);
            }
            views.get(i).show(turns.get(i), i, generating && i == turns.size() - 1);
        }
        while (views.size() > turns.size()) {
            messages.getChildren().remove(views.removeLast());
        }
        if (turns.isEmpty()) followBottom = true;
        if (!generating && followBottom) javafx.application.Platform.runLater(() -> {
            adjusting = true;
            scroll.setVvalue(1.0);
            adjusting = false;
        });
    }
}
