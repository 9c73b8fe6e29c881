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
    private boolean followBottom = true;

    public ConversationView(ChatViewModel vm) {
        this.vm = vm;
        messages.getStyleClass().add("messages");
        messages.setFillWidth(true);
        scroll.setFitToWidth(true);
        scroll.setId("conversation-scroll");
        scroll.getStyleClass().add("conversation-scroll");
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        // wheel events re-fired by the messages' text areas: scroll by the same amount a ScrollPane would
        messages.addEventHandler(ScrollEvent.SCROLL, e -> {
            double range = messages.getHeight() - scroll.getViewportBounds().getHeight();
            if (range > 0) scroll.setVvalue(Math.clamp(scroll.getVvalue() - e.getDeltaY() / range, 0, 1));
            e.consume();
        });
        scroll.vvalueProperty().addListener((o, a, b) -> followBottom = b.doubleValue() >= scroll.getVmax() - 0.01);
        messages.heightProperty().addListener((o, a, b) -> {
            if (followBottom) scroll.setVvalue(scroll.getVmax());
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

    private void refresh() {
        List<ChatTurn> turns = vm.turns();
        boolean generating = vm.generatingProperty().get();
        for (int i = 0; i < turns.size(); i++) {
            if (i == views.size()) {
                MessageView v = new MessageView(vm.generatingProperty(), vm::editAndResend);
                views.add(v);
                messages.getChildren().add(v);
            }
            views.get(i).show(turns.get(i), i, generating && i == turns.size() - 1);
        }
        while (views.size() > turns.size()) {
            views.removeLast();
            messages.getChildren().removeLast();
        }
        if (turns.isEmpty()) followBottom = true;
    }
}
