package bitnet.workbench.model;

import bitnet.workbench.gguf.GgufFile;
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
 * Attaches a {@link LutMatrix} to every ternary matrix of a model, for the {@code vector-lut}
 * kernel. The codes are read through a file channel rather than the mapping, so the mapped pages
 * of the replaced tensors are never touched and resident memory grows by the packed size only
 * (about 0.9× the ternary bytes), not by both copies. The file is never written.
 */
final class LutRepacker {
    private LutRepacker() {
    }

    /** The weights with lookup-table forms attached, allocated in {@code arena}. */
    static ModelWeights pack(ModelWeights w, GgufFile file, Arena arena) {
        try (FileChannel ch = FileChannel.open(file.path(), StandardOpenOption.READ); Arena scratchArena = Arena.ofConfined()) {
            Reader reader = new Reader(file, ch, scratchArena);
            List<LayerWeights> layers = new ArrayList<>();
            for (LayerWeights l : w.layers()) {
                layers.add(new LayerWeights(l.attnNorm(), reader.pack(l.wq(), arena), reader.pack(l.wk(), arena), reader.pack(l.wv(), arena),
                    l.attnSubNorm(), reader.pack(l.wo(), arena), l.ffnNorm(), reader.pack(l.gate(), arena), reader.pack(l.up(), arena),
                    l.ffnSubNorm(), reader.pack(l.down(), arena)));
            }
            WeightMatrix output = w.tiedEmbedding() ? w.tokenEmbedding() : w.output();
            return new ModelWeights(w.tokenEmbedding(), layers, w.outputNorm(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.path() + " to repack its ternary matrices", e);
        }
    }

    /** Bytes of the lookup-table forms attached to {@code w}. */
    static long packedBytes(ModelWeights w) {
        long sum = 0;
        for (LayerWeights l : w.layers()) {
            for (WeightMatrix m : List.of(l.wq(), l.wk(), l.wv(), l.wo(), l.gate(), l.up(), l.down())) if (m.lut() != null) sum += m.lut().byteSize();
        }
        return sum;
    }

    private static final class Reader {
        private final GgufFile file;
        private final FileChannel channel;
        private final Arena scratchArena;
        private MemorySegment scratch = MemorySegment.NULL;

        Reader(GgufFile file, FileChannel channel, Arena scratchArena) {
            this.file = file;
            this.channel = channel;
            this.scratchArena = scratchArena;
        }

        WeightMatrix pack(WeightMatrix m, Arena arena) throws IOException {
            if (!m.type().isTernary()) return m;
            long size = (long) m.rows() * m.rowBytes();
            long offset = m.data().address() - file.mapping().address();
            if (scratch.byteSize() < size) scratch = scratchArena.allocate(size, 64);
            MemorySegment dst = scratch.asSlice(0, size);
            ByteBuffer buf = dst.asByteBuffer();
            while (buf.hasRemaining()) {
                int n = channel.read(buf, offset + buf.position());
                if (n < 0) throw new IOException("unexpected end of file reading tensor '" + m.name() + "'");
            }
            LutMatrix packed = LutMatrix.pack(m, dst, arena);
            return packed == null ? m : m.withPacked(packed);
        }
    }
}
