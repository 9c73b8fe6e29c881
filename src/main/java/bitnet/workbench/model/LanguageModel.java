package bitnet.workbench.model;

/**
 * A loaded model ready to run. The engine drives it through {@link Sequence}s, each of which owns
 * its KV cache, so a chat and a benchmark never share state.
 */
public interface LanguageModel extends AutoCloseable {
    int vocabSize();

    /** The most positions one sequence can hold. */
    int contextLength();

    /** A new, empty sequence (position 0) with its own KV cache. */
    Sequence newSequence();

    @Override
    void close();
}
