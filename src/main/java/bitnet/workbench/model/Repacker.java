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
    private final long windowBytes;
    private final Arena scratchArena = Arena.ofConfined();
    private MemorySegment scratch = MemorySegment.NULL;

    Repacker(GgufFile file) {
        this(file, DEFAULT_WINDOW_BYTES);
    }

    /** With a read window of about {@code windowBytes} (at least one row); tests make it tiny. */
    Repacker(GgufFile file, long windowBytes) {
        this.file = file;
        this.windowBytes = windowBytes;
        try {
            this.channel = FileChannel.open(file.path(), StandardOpenOption.READ);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file.path() + " to repack its matrices", e);
        }
    }

    /**
     * Each layer with lookup-table forms attached to its ternary matrices, allocated in {@code arena}
     * (a shared arena): the layers are packed on {@code threads} threads, each with its own window.
     */
    static List<LayerWeights> packTernary(GgufFile file, List<LayerWeights> layers, Arena arena, int threads) {
        return inParallel(layers.size(), threads, i -> {
            LayerWeights l = layers.get(i);
            try (Repacker r = new Repacker(file)) {
                return new LayerWeights(l.attnNorm(), r.lut(l.wq(), arena), r.lut(l.wk(), arena), r.lut(l.wv(), arena),
                    l.attnSubNorm(), r.lut(l.wo(), arena), l.ffnNorm(), r.lut(l.gate(), arena), r.lut(l.up(), arena),
                    l.ffnSubNorm(), r.lut(l.down(), arena));
            }
        });
    }

    /** {@code job(0 .. n-1)} on up to {@code threads} threads, results in index order; the first failure is rethrown. */
    private static <T> List<T> inParallel(int n, int threads, java.util.function.IntFunction<T> job) {
        int workers = Math.max(1, Math.min(threads, n));
        if (workers == 1) {
            List<T> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) out.add(job.apply(i));
            return out;
        }
        var executor = java.util.concurrent.Executors.newFixedThreadPool(workers, Thread.ofPlatform().daemon().name("repack-", 0).factory());
        try {
            List<java.util.concurrent.Future<T>> futures = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(executor.submit(() -> job.apply(index)));
            }
            List<T> out = new ArrayList<>(n);
            for (var f : futures) out.add(f.get());
            return out;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while repacking the model's matrices", e);
        } finally {
            executor.shutdownNow();
        }
    }


    /**
     * The output matrix with its int8 form attached ({@link Int8Head}; a float matrix is quantized
     * to Q6_K first), or {@code output} itself if it has none. Row ranges go to {@code threads}
     * threads, each reading through its own window.
     */
    static WeightMatrix packHead(GgufFile file, WeightMatrix output, Arena arena, int threads) {
        if (!Int8Head.canConvert(output)) return output;
        Int8Head head = Int8Head.allocate(output, arena);
        int parts = Math.max(1, Math.min(output.rows(), 4 * threads));
        inParallel(parts, threads, part -> {
            int from = (int) ((long) output.rows() * part / parts);
            int to = (int) ((long) output.rows() * (part + 1) / parts);
            try (Repacker r = new Repacker(file)) {
                head.fill(output, r.rows(output), from, to);
            }
            return part;
        });
        return output.withPacked(head);
    }

    WeightMatrix lut(WeightMatrix m, Arena arena) {
        if (!m.type().isTernary()) return m;
        LutMatrix packed = LutMatrix.pack(m, rows(m), arena);
        return packed == null ? m : m.withPacked(packed);
    }

    /** Window of rows read at a time: small against any tensor, large enough for few reads. */
    static final long DEFAULT_WINDOW_BYTES = 8L << 20;

    /**
     * The rows of {@code m} read through the file channel a window at a time into one scratch
     * buffer, so that neither the mapped pages nor a copy of the whole tensor become resident.
     */
    private MatrixRows rows(WeightMatrix m) {
        long rowBytes = m.rowBytes();
        int windowRows = (int) Math.max(1, Math.min(m.rows(), windowBytes / rowBytes));
        long readBytes = windowRows * rowBytes;
        if (scratch.byteSize() < readBytes) scratch = scratchArena.allocate(readBytes, 64);
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
