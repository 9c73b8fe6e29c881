package bitnet.workbench.convert;

import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.gguf.GgufTensorInfo;
import bitnet.workbench.tensor.TensorFormat;
import bitnet.workbench.tensor.TensorFormats;
import bitnet.workbench.tensor.TernaryScale;

import java.lang.foreign.MemorySegment;

/** Rows of a tensor in an open file, dequantized to float on demand. */
final class TensorRows implements RowSource {
    private final MemorySegment data;
    private final TensorFormat format;
    final int rowLength;
    final long rows;

    TensorRows(GgufFile file, GgufTensorInfo info) {
        this.data = file.tensorData(info);
        this.format = TensorFormats.of(info.type());
        this.rowLength = Math.toIntExact(info.rowLength());
        this.rows = info.rowCount();
    }

    @Override
    public void fill(long row, float[] out, int offset, int n) {
        format.dequantize(data, row * rowLength, n, out, offset);
    }

    /** The first pass a per-tensor ternary rule needs. */
    TernaryScale scan() {
        TernaryScale scale = new TernaryScale();
        float[] buf = new float[rowLength];
        for (long r = 0; r < rows; r++) {
            fill(r, buf, 0, rowLength);
            scale.add(buf);
        }
        return scale;
    }
}
