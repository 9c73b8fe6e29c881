package bitnet.workbench.model;

import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.kernel.Int8Head;
import bitnet.workbench.kernel.LutMatrix;
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
        Int8Head head = Int8Head.fromQ6K(output, read(output), arena);
        return head == null ? output : output.withPacked(head);
    }

    private WeightMatrix lut(WeightMatrix m, Arena arena) {
        if (!m.type().isTernary()) return m;
        LutMatrix packed = LutMatrix.pack(m, read(m), arena);
        return packed == null ? m : m.withPacked(packed);
    }

    /** The codes of {@code m} (its rows, without any trailer) in a scratch buffer valid until the next read. */
    private MemorySegment read(WeightMatrix m) {
        long size = (long) m.rows() * m.rowBytes();
        long offset = m.data().address() - file.mapping().address();
        if (scratch.byteSize() < size) scratch = scratchArena.allocate(size, 64);
        MemorySegment dst = scratch.asSlice(0, size);
        try {
            long done = 0;
            while (done < size) {
                ByteBuffer buf = dst.asSlice(done, Math.min(size - done, 1 << 30)).asByteBuffer();
                while (buf.hasRemaining()) {
                    int n = channel.read(buf, offset + done + buf.position());
                    if (n < 0) throw new IOException("unexpected end of file reading tensor '" + m.name() + "'");
                }
                done += buf.capacity();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tensor '" + m.name() + "' from " + file.path(), e);
        }
        return dst;
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
