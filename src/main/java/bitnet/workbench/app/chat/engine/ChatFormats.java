package bitnet.workbench.app.chat.engine;

import bitnet.workbench.engine.LoadedModel;

/** Chooses the chat format for a loaded model. */
public final class ChatFormats {
    private ChatFormats() {
    }

    public static ChatFormat forModel(LoadedModel model) {
        return new PlainContinuation(model.tokenizer());
    }
}
