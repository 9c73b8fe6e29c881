package bitnet.workbench.model;

/** The file's metadata or tensors do not describe a model this engine can run; the message says why. */
public class ModelFormatException extends RuntimeException {
    public ModelFormatException(String message) {
        super(message);
    }
}
