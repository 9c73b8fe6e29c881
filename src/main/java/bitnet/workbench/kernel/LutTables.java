package bitnet.workbench.kernel;

import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The lookup tables of one input for {@link LutMatrix} products: for every 3-column triple, the 27
 * sums {@code Σ (w_k)·q_k} over all ternary (w0, w1, w2), at the triple's 5-bit index (entries 27..31
 * are 0), 32 shorts per triple. Exact integers: |entry| ≤ 3·128.
 */
final class LutTables {
    static final VectorSpecies<Short> S = ShortVector.SPECIES_512;
    /** Digit k of each index, minus one: the weight the index assigns to column k of the triple. */
    private static final short[][] DIGITS = new short[3][32];

    static {
        for (int e = 0; e < 32; e++) {
            for (int k = 0; k < 3; k++) DIGITS[k][e] = (short) (e < 27 ? (e / (int) Math.pow(3, k)) % 3 - 1 : 0);
        }
    }

    int cols = -1;
    short[] tables = new short[0];
    private static final ThreadLocal<LutTables> OWN = ThreadLocal.withInitial(LutTables::new);
    private QuantizedActivations owner;
    private int ownerVersion;

    /**
     * This thread's own copy of the tables of {@code x} (built unless this thread's last call was for
     * the same input, unchanged since, and width), so that no thread reads tables another built.
     */
    static LutTables ofThisThread(QuantizedActivations x, int cols) {
        LutTables t = OWN.get();
        if (t.owner == x && t.cols == cols && t.ownerVersion == x.version()) return t;
        t.fill(x.codes(), cols);
        t.owner = x;
        t.ownerVersion = x.version();
        return t;
    }

    static LutTables of(QuantizedActivations x, int cols) {
        LutTables in = x.tables instanceof LutTables p ? p : new LutTables();
        if (in.cols == cols && x.tablesVersion == x.version()) return in;
        in.fill(x.codes(), cols);
        x.tables = in;
        x.tablesVersion = x.version();
        return in;
    }

    private void fill(byte[] q, int cols) {
        int chunks = (cols + LutMatrix.CHUNK_COLS - 1) / LutMatrix.CHUNK_COLS;
        int n = chunks * 3 * 32;
        if (tables.length < n) tables = new short[n];
        ShortVector d0 = ShortVector.fromArray(S, DIGITS[0], 0);
        ShortVector d1 = ShortVector.fromArray(S, DIGITS[1], 0);
        ShortVector d2 = ShortVector.fromArray(S, DIGITS[2], 0);
        for (int triple = 0; triple < chunks * 3; triple++) {
            int c = 3 * triple;
            short x0 = c < cols ? q[c] : 0;
            short x1 = c + 1 < cols ? q[c + 1] : 0;
            short x2 = c + 2 < cols ? q[c + 2] : 0;
            d0.mul(x0).add(d1.mul(x1)).add(d2.mul(x2)).intoArray(tables, triple * 32);
        }
        this.cols = cols;
    }
}
