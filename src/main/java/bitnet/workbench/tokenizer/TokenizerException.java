package bitnet.workbench.tokenizer;

/** The tokenizer metadata of a model cannot be used: a key is missing, malformed or names an unsupported scheme. */
public class TokenizerException extends RuntimeException {
    public TokenizerException(String message) {
        super(message);
    }

    public TokenizerException(String message, Throwable cause) {
        super(message, cause);
    }
}
