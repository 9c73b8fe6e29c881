package bitnet.workbench.app.chat;

import bitnet.workbench.app.page.Page;
import bitnet.workbench.app.page.PageId;
import bitnet.workbench.app.page.PlaceholderView;
import javafx.scene.Node;

/**
 * Chat with the open model. A placeholder until the engine lands; the real page will bind the
 * NEW_CHAT, SEND and STOP actions and publish TokensPerSecondMeasured.
 */
public final class ChatPage implements Page {
    private final Node view = PlaceholderView.create(PageId.CHAT,
        "Chat with the open model: streamed answers, the model's chat template, stop and regenerate, "
            + "with time to first token and tokens per second for every reply.");

    @Override
    public PageId id() {
        return PageId.CHAT;
    }

    @Override
    public Node view() {
        return view;
    }
}
