package bitnet.workbench.engine;

/**
 * Receives each generated token on the generating thread, before the next one is computed. Keep it
 * quick (a GUI should hand the text to its own thread); an exception thrown here ends the generation
 * and propagates out of {@link GenerationSession#generate}.
 */
@FunctionalInterface
public interface TokenListener {
    TokenListener NONE = event -> { };

    void onToken(TokenEvent event);
}
