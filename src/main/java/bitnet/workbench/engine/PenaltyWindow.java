package bitnet.workbench.engine;

/** The last N accepted tokens, kept in a ring so that accepting one costs no allocation. */
final class PenaltyWindow {
    private final int[] ring;
    private int size;
    private int next;

    PenaltyWindow(int capacity) {
        this.ring = new int[capacity];
    }

    void add(int token) {
        if (ring.length == 0) return;
        ring[next] = token;
        next = (next + 1) % ring.length;
        if (size < ring.length) size++;
    }

    void clear() {
        size = 0;
        next = 0;
    }

    /**
     * Writes the penalized logit of every token in the window into {@code target}, reading the
     * unpenalized value from {@code source}, so a token seen twice is still penalized once.
     */
    void apply(float penalty, float[] source, float[] target) {
        for (int i = 0; i < size; i++) {
            int token = ring[i];
            float logit = source[token];
            // llama.cpp: dividing a negative logit would make the token more likely, so multiply it instead
            target[token] = logit <= 0f ? logit * penalty : logit / penalty;
        }
    }
}
