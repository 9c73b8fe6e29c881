package bitnet.workbench.kernel;

import bitnet.workbench.gguf.GgmlType;
import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.gguf.GgufTensorInfo;
import bitnet.workbench.tensor.LittleEndian;

import java.lang.foreign.MemorySegment;
import java.util.EnumSet;
import java.util.Set;

/**
 * A 2-D weight tensor as stored in the model file: {@code rows} output rows of {@code cols} values
 * each, in {@code type}'s layout, read in place from {@code data} (a slice of the mapped file, never
 * a copy). {@code tensorScale} is the I2_S per-tensor scale (read from the tensor's trailer) and 1
 * for every other type, whose scales live in their blocks. {@code packed} is the same matrix repacked
 * at load for a faster kernel path ({@link LutMatrix}, {@link Int8Head}), or null.
 */
public record WeightMatrix(String name, GgmlType type, int rows, int cols, MemorySegment data, float tensorScale, Repacked packed) {

    /** The storage types a {@link MatVecKernel} may be asked to handle. */
    public static final Set<GgmlType> MATRIX_TYPES =
        EnumSet.of(GgmlType.F32, GgmlType.F16, GgmlType.BF16, GgmlType.Q8_0, GgmlType.Q6_K, GgmlType.TQ1_0, GgmlType.TQ2_0, GgmlType.I2_S);

    public WeightMatrix {
        if (!MATRIX_TYPES.contains(type)) {
            throw new IllegalArgumentException("tensor '" + name + "' has type " + type + ", which no kernel multiplies (supported: " + MATRIX_TYPES + ")");
        }
        if (rows <= 0 || cols <= 0) throw new IllegalArgumentException("tensor '" + name + "' has shape " + cols + " x " + rows);
        if (cols % type.blockSize != 0) {
            throw new IllegalArgumentException("tensor '" + name + "' row length " + cols + " is not a multiple of the " + type + " block size " + type.blockSize);
        }
        long need = type.byteSize((long) rows * cols);
        if (data.byteSize() < need) {
            throw new IllegalArgumentException("tensor '" + name + "' (" + type + ", " + cols + " x " + rows + ") needs " + need + " bytes but has " + data.byteSize());
        }
    }

    public WeightMatrix(String name, GgmlType type, int rows, int cols, MemorySegment data, float tensorScale) {
        this(name, type, rows, cols, data, tensorScale, null);
    }

    /** This matrix with a repacked form attached (null detaches it). */
    public WeightMatrix withPacked(Repacked packed) {
        return new WeightMatrix(name, type, rows, cols, data, tensorScale, packed);
    }

    /** The lookup-table form, or null. */
    public LutMatrix lut() {
        return packed instanceof LutMatrix l ? l : null;
    }

    /** The int8 head form, or null. */
    public Int8Head int8Head() {
        return packed instanceof Int8Head h ? h : null;
    }

    /** A view of tensor {@code name} of {@code file}; a 1-D tensor is one row. */
    public static WeightMatrix of(GgufFile file, String name) {
        GgufTensorInfo info = file.tensor(name);
        if (info.nDims() > 2) throw new IllegalArgumentException("tensor '" + name + "' has shape " + info.shapeString() + "; a matrix has at most 2 dimensions");
        long cols = info.rowLength();
        long rows = info.rowCount();
        if (cols > Integer.MAX_VALUE || rows > Integer.MAX_VALUE) throw new IllegalArgumentException("tensor '" + name + "' shape " + info.shapeString() + " is too large");
        return of(name, info.type(), (int) rows, (int) cols, file.tensorData(info));
    }

    /** A view of raw tensor bytes; for I2_S the tensor scale is read from after the packed codes. */
    public static WeightMatrix of(String name, GgmlType type, int rows, int cols, MemorySegment data) {
        float scale = 1f;
        if (type == GgmlType.I2_S) {
            long at = (long) rows * cols / 4;
            if (data.byteSize() < at + 4) throw new IllegalArgumentException("I2_S tensor '" + name + "' has no room for its scale at byte " + at);
            scale = data.get(LittleEndian.FLOAT, at);
        }
        return new WeightMatrix(name, type, rows, cols, data, scale);
    }

    /** Bytes from one row's start to the next. */
    public long rowBytes() {
        return type == GgmlType.I2_S ? cols / 4 : (long) cols / type.blockSize * type.bytesPerBlock;
    }

    /** Whether this matrix multiplies int8-quantized activations (ternary types) rather than floats. */
    public boolean takesQuantizedInput() {
        return type.isTernary();
    }
}
