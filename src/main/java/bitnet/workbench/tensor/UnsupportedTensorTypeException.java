package bitnet.workbench.tensor;

/** A tensor type the engine can describe but not compute with. */
public final class UnsupportedTensorTypeException extends RuntimeException {
    public UnsupportedTensorTypeException(String message) {
        super(message);
    }
}
