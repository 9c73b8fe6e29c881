package bitnet.workbench.convert;

/** Produces the float values of one row of a tensor on demand; must be safe to call from several threads. */
@FunctionalInterface
public interface RowSource {
    void fill(long row, float[] out, int offset, int rowLength);
}
