package bitnet.workbench.tokenizer;

/** A chat template cannot be rendered: a syntax error, or the template itself refused the conversation (raise_exception). */
public class ChatTemplateException extends RuntimeException {
    public ChatTemplateException(String message) {
        super(message);
    }

    public ChatTemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
