package bitnet.workbench.convert;

import bitnet.workbench.gguf.TensorBytes;
import bitnet.workbench.tensor.TensorQuantizer;

import java.nio.ByteBuffer;
import java.util.stream.IntStream;

/**
 * A {@link TensorBytes} that produces a tensor chunk by chunk: rows are generated and quantized in
 * parallel into a bounded buffer and handed to the writer, so a tensor of any size needs only a few
 * megabytes of heap. The bytes do not depend on the number of threads.
 */
public final class QuantizedTensorStream {
    private static final int CHUNK_VALUES = 1 << 20;

    private QuantizedTensorStream() {
    }

    public static TensorBytes of(RowSource source, int rowLength, long rows, TensorQuantizer quantizer) {
        return out -> {
            int rowsPerChunk = (int) Math.max(1, Math.min(rows, CHUNK_VALUES / rowLength));
            int rowBytes = Math.toIntExact(quantizer.rowBytes(rowLength));
            float[] values = new float[rowsPerChunk * rowLength];
            byte[] bytes = new byte[rowsPerChunk * rowBytes];
            for (long first = 0; first < rows; first += rowsPerChunk) {
                int n = (int) Math.min(rowsPerChunk, rows - first);
                long base = first;
                IntStream.range(0, n).parallel().forEach(r -> {
                    source.fill(base + r, values, r * rowLength, rowLength);
                    quantizer.quantizeRows(values, r * rowLength, rowLength, 1, bytes, r * rowBytes);
                });
                TensorBytes.writeFully(out, ByteBuffer.wrap(bytes, 0, n * rowBytes));
            }
            if (quantizer.trailerBytes() > 0) {
                byte[] trailer = new byte[quantizer.trailerBytes()];
                quantizer.writeTrailer(trailer, 0);
                TensorBytes.writeFully(out, ByteBuffer.wrap(trailer));
            }
        };
    }
}
