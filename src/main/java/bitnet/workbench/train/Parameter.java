package bitnet.workbench.train;

import java.util.Arrays;

/**
 * One trainable tensor: latent float values, their gradient, and how the optimizer treats it.
 * {@code rows × cols} row-major; a matrix of a linear layer has one row per output, which is the
 * GGUF layout {@code [cols, rows]} (dimension 0 innermost).
 */
public final class Parameter {
    private final String name;
    private final int rows;
    private final int cols;
    private final float[] values;
    private final float[] gradient;
    private final boolean decayed;

    public Parameter(String name, int rows, int cols, boolean decayed) {
        this.name = name;
        this.rows = rows;
        this.cols = cols;
        this.values = new float[Math.multiplyExact(rows, cols)];
        this.gradient = new float[values.length];
        this.decayed = decayed;
    }

    /** The GGUF tensor name, e.g. {@code blk.0.attn_q.weight}. */
    public String name() {
        return name;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public int size() {
        return values.length;
    }

    public float[] values() {
        return values;
    }

    public float[] gradient() {
        return gradient;
    }

    /** Whether AdamW applies weight decay (matrices yes, norm gains no). */
    public boolean decayed() {
        return decayed;
    }

    /** Whether this is a vector (a norm gain) rather than a matrix. */
    public boolean isVector() {
        return rows == 1;
    }

    public void zeroGradient() {
        Arrays.fill(gradient, 0f);
    }

    @Override
    public String toString() {
        return name + (isVector() ? "[" + cols + "]" : "[" + rows + "x" + cols + "]");
    }
}
