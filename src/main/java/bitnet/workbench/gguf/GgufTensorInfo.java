package bitnet.workbench.gguf;

import java.util.Arrays;

/**
 * One entry of the tensor table. {@code shape[0]} is the innermost dimension (the row length);
 * {@code offset} is relative to the start of the data section.
 */
public record GgufTensorInfo(String name, long[] shape, GgmlType type, long offset, long byteSize) {

    public GgufTensorInfo {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public int nDims() { return shape.length; }

    public long dim(int i) { return i < shape.length ? shape[i] : 1; }

    public long elementCount() {
        long n = 1;
        for (long d : shape) n *= d;
        return n;
    }

    /** Length of one row (dimension 0). */
    public long rowLength() { return dim(0); }

    /** Number of rows: the product of all dimensions but the first. */
    public long rowCount() {
        long n = 1;
        for (int i = 1; i < shape.length; i++) n *= shape[i];
        return n;
    }

    /** Stored bits per weight, block scales and trailers included (NaN for an empty tensor). */
    public double bitsPerWeight() {
        long n = elementCount();
        return n == 0 ? Double.NaN : 8.0 * byteSize / n;
    }

    public String shapeString() {
        return Arrays.toString(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GgufTensorInfo t && t.name.equals(name) && Arrays.equals(t.shape, shape)
            && t.type == type && t.offset == offset && t.byteSize == byteSize;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }
}
