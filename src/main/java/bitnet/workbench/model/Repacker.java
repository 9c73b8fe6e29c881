package bitnet.workbench.model;

import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.kernel.Int8Head;
import bitnet.workbench.kernel.LutMatrix;
import bitnet.workbench.kernel.MatrixRows;
import bitnet.workbench.kernel.WeightMatrix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies matrices into kernel-friendly layouts at load: lookup-table forms of the ternary
 * matrices ({@link LutMatrix}) and the int8 form of a Q6_K output matrix ({@link Int8Head}). The
 * source bytes are read through a file channel rather than the mapping, so the mapped pages of the
 * replaced tensors are never touched and resident memory grows by the packed size only, not by
 * both copies. The file is never written.
 */
final class Repacker implements AutoCloseable {
    private final GgufFile file;
    private final FileChannel channel;
    private final Arena scratchArena = Arena.ofConfined();
    private MemorySegment scratch = MemorySegment.NULL;

    Repacker(GgufFile file) {
        this.file = file;
        try {
            this.channel = FileChannel.open(file.path(), StandardOpenOption.READ);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file.path() + " to repack its matrices", e);
        }
    }

    /** Each layer with lookup-table forms attached to its ternary matrices, allocated in {@code arena}. */
    List<LayerWeights> packTernary(List<LayerWeights> layers, Arena arena) {
        List<LayerWeights> out = new ArrayList<>();
        for (LayerWeights l : layers) {
            out.add(new LayerWeights(l.attnNorm(), lut(l.wq(), arena), lut(l.wk(), arena), lut(l.wv(), arena),
                l.attnSubNorm(), lut(l.wo(), arena), l.ffnNorm(), lut(l.gate(), arena), lut(l.up(), arena),
                l.ffnSubNorm(), lut(l.down(), arena)));
        }
        return out;
    }

    /** The output matrix with its int8 form attached, or {@code output} itself if it is not Q6_K. */
    WeightMatrix packHead(WeightMatrix output, Arena arena) {
        Int8Head head = Int8Head.fromQ6K(output, rows(output), arena);
        return head == null ? output : output.withPacked(head);
    }

    private WeightMatrix lut(WeightMatrix m, Arena arena) {
        if (!m.type().isTernary()) return m;
        LutMatrix packed = LutMatrix.pack(m, rows(m), arena);
        return packed == null ? m : m.withPacked(packed);
    }

    /** Window of rows read at a time: small against any tensor, large enough for few reads. */
    private static final long WINDOW_BYTES = 8L << 20;

    /**
     * The rows of {@code m} read through the file channel a window at a time into one scratch
     * buffer, so that neither the mapped pages nor a copy of the whole tensor become resident.
     */
    private MatrixRows rows(WeightMatrix m) {
        long rowBytes = m.rowBytes();
        int windowRows = (int) Math.max(1, Math.min(m.rows(), WINDOW_BYTES / rowBytes));
        long windowBytes = windowRows * rowBytes;
        if (scratch.byteSize() < windowBytes) scratch = scratchArena.allocate(windowBytes, 64);
        long tensorOffset = m.data().address() - file.mapping().address();
        return new MatrixRows() {
            private int first = -1;

            @Override
            public MemorySegment row(int r) {
                if (first < 0 || r < first || r >= first + windowRows) {
                    first = r;
                    int count = Math.min(windowRows, m.rows() - r);
                    readFully(m, tensorOffset + r * rowBytes, scratch.asSlice(0, count * rowBytes));
                }
                return scratch.asSlice((r - first) * rowBytes, rowBytes);
            }
        };
    }

    private void readFully(WeightMatrix m, long offset, MemorySegment dst) {
        try {
            ByteBuffer buf = dst.asByteBuffer();
            while (buf.hasRemaining()) {
                int n = channel.read(buf, offset + buf.position());
                if (n < 0) throw new IOException("unexpected end of file reading tensor '" + m.name() + "'");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tensor '" + m.name() + "' from " + file.path(), e);
        }
    }

    /** Bytes of the repacked forms attached to the matrices of {@code w}. */
    static long packedBytes(ModelWeights w) {
        long sum = 0;
        for (LayerWeights l : w.layers()) {
            for (WeightMatrix m : List.of(l.wq(), l.wk(), l.wv(), l.wo(), l.gate(), l.up(), l.down())) if (m.packed() != null) sum += m.packed().byteSize();
        }
        if (w.output().packed() != null) sum += w.output().packed().byteSize();
        return sum;
    }

    @Override
    public void close() {
        scratchArena.close();
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
