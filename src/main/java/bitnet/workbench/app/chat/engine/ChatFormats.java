package bitnet.workbench.app.chat.engine;

import bitnet.workbench.engine.LoadedModel;

/** Chooses the chat format for a loaded model: the one its {@link LoadedModel#chatTemplate()} describes. */
public final class ChatFormats {
    private ChatFormats() {
    }

    public static ChatFormat forModel(LoadedModel model) {
        return new TemplateChatFormat(model.chatTemplate());
    }
}
