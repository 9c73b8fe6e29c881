package bitnet.workbench.model;

/** {@code general.architecture} names an architecture this engine does not implement. */
public final class UnsupportedArchitectureException extends ModelFormatException {
    private final String architecture;

    public UnsupportedArchitectureException(String architecture) {
        super("unsupported model architecture '" + architecture + "' (supported: " + Architecture.supportedNames() + ")");
        this.architecture = architecture;
    }

    public String architecture() { return architecture; }
}
