package bitnet.workbench.gguf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a GGUF v3 file the way gguf-py and llama.cpp do: header, metadata in insertion order,
 * tensor infos in insertion order, zero padding to the alignment, then each tensor's data padded
 * to the alignment. Tensor data is pulled from {@link TensorBytes} sources one tensor at a time,
 * so a model larger than the heap can be written.
 *
 * <p>{@link #write} writes a temporary file next to the target and renames it into place, so a
 * failure (a source throwing, a full disk) leaves neither a half-written file nor a damaged
 * previous version.
 *
 * <pre>{@code
 * GgufWriter w = new GgufWriter();
 * w.putAll(source.metadata()).put("general.name", GgufValue.ofString("copy"));
 * w.addTensor("blk.0.attn_q.weight", GgmlType.TQ2_0, new long[]{2560, 2560}, out -> quantizer.writeTo(out));
 * w.write(Path.of("model.gguf"));
 * }</pre>
 */
public final class GgufWriter {
    public static final int VERSION = 3;
    private static final int BUFFER_BYTES = 1 << 20;

    private record PendingTensor(String name, GgmlType type, long[] shape, long byteSize, TensorBytes source) {
    }

    private final Map<String, GgufValue> metadata = new LinkedHashMap<>();
    private final Map<String, PendingTensor> tensors = new LinkedHashMap<>();

    /**
     * Sets a metadata value. A key already present keeps its position and gets the new value, so
     * a copied file keeps its key order. {@code general.alignment} sets the alignment of the data.
     */
    public GgufWriter put(String key, GgufValue value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (key.equals(GgufFile.ALIGNMENT_KEY)) alignmentOf(value);
        metadata.put(key, value);
        return this;
    }

    /** Every entry of {@code m}, in its order (see {@link #put}). */
    public GgufWriter putAll(GgufMetadata m) {
        m.asMap().forEach(this::put);
        return this;
    }

    public GgufWriter remove(String key) {
        metadata.remove(key);
        return this;
    }

    public GgufMetadata metadata() {
        return new GgufMetadata(metadata);
    }

    /**
     * Adds a tensor whose data {@code source} will write when the file is written: exactly
     * {@code type.byteSize(product of shape)} bytes. {@code shape[0]} is the row length and must be
     * a multiple of the type's block size.
     */
    public GgufWriter addTensor(String name, GgmlType type, long[] shape, TensorBytes source) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        if (tensors.containsKey(name)) throw new IllegalArgumentException("tensor '" + name + "' was already added");
        long[] s = shape.clone();
        if (s.length < 1 || s.length > GgufFile.MAX_DIMS) {
            throw new IllegalArgumentException("tensor '" + name + "' has " + s.length + " dimensions, expected 1.." + GgufFile.MAX_DIMS);
        }
        long elements = 1;
        for (long d : s) {
            if (d < 0) throw new IllegalArgumentException("tensor '" + name + "' has a negative dimension: " + Arrays.toString(s));
            try {
                elements = Math.multiplyExact(elements, d);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("tensor '" + name + "' shape " + Arrays.toString(s) + " has too many elements");
            }
        }
        if (s[0] % type.blockSize != 0) {
            throw new IllegalArgumentException("tensor '" + name + "' row length " + s[0] + " is not a multiple of the "
                + type + " block size " + type.blockSize);
        }
        long bytes = type.byteSize(elements);
        if (bytes < 0) throw new IllegalArgumentException("tensor '" + name + "' byte size overflows 64 bits");
        tensors.put(name, new PendingTensor(name, type, s, bytes, source));
        return this;
    }

    /** Adds a tensor held in memory; {@code data} must be exactly the tensor's byte size and is copied. */
    public GgufWriter addTensor(String name, GgmlType type, long[] shape, byte[] data) {
        addTensor(name, type, shape, TensorBytes.of(data));
        long expected = tensors.get(name).byteSize();
        if (data.length != expected) {
            tensors.remove(name);
            throw new IllegalArgumentException("tensor '" + name + "' " + type + " " + Arrays.toString(shape) + " needs "
                + expected + " bytes, got " + data.length);
        }
        return this;
    }

    /** A writer holding {@code file}'s metadata and tensors (data read from its mapping, which must stay open until written). */
    public static GgufWriter copyOf(GgufFile file) {
        GgufWriter w = new GgufWriter().putAll(file.metadata());
        for (GgufTensorInfo t : file.tensors()) {
            w.addTensor(t.name(), t.type(), t.shape(), TensorBytes.of(file.tensorData(t)));
        }
        return w;
    }

    /** The alignment the data section will use: {@code general.alignment} if set, else 32. */
    public long alignment() {
        GgufValue v = metadata.get(GgufFile.ALIGNMENT_KEY);
        return v == null ? GgufFile.DEFAULT_ALIGNMENT : alignmentOf(v);
    }

    /** The tensor table as it will be written: offsets relative to the data section, each aligned. */
    public List<GgufTensorInfo> tensorInfos() {
        long alignment = alignment();
        List<GgufTensorInfo> out = new ArrayList<>(tensors.size());
        long offset = 0;
        for (PendingTensor t : tensors.values()) {
            out.add(new GgufTensorInfo(t.name(), t.shape(), t.type(), offset, t.byteSize()));
            offset = GgufParser.alignUp(Math.addExact(offset, t.byteSize()), alignment);
        }
        return out;
    }

    /**
     * Writes the file to {@code out}, replacing any existing file only once the new one is complete.
     * A source that writes more or fewer bytes than its tensor needs is an {@link IOException}.
     */
    public void write(Path out) throws IOException {
        long alignment = alignment();
        List<GgufTensorInfo> infos = tensorInfos();
        GgufHeaderBuffer header = header(infos);

        Path target = out.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        boolean done = false;
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            BufferedOutput o = new BufferedOutput(ch);
            o.write(ByteBuffer.wrap(header.bytes(), 0, header.length()));
            if (!infos.isEmpty()) o.zeros(GgufParser.alignUp(header.length(), alignment) - header.length());
            int i = 0;
            for (PendingTensor t : tensors.values()) {
                GgufTensorInfo info = infos.get(i++);
                o.startTensor(t.name(), t.byteSize());
                t.source().writeTo(o);
                o.endTensor();
                o.zeros(GgufParser.alignUp(info.byteSize(), alignment) - info.byteSize());
            }
            o.flush();
            ch.force(true);
            done = true;
        } finally {
            if (!done) Files.deleteIfExists(tmp);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    private GgufHeaderBuffer header(List<GgufTensorInfo> infos) {
        GgufHeaderBuffer h = new GgufHeaderBuffer();
        h.u32(GgufFile.MAGIC);
        h.u32(VERSION);
        h.u64(infos.size());
        h.u64(metadata.size());
        metadata.forEach((k, v) -> {
            h.string(k);
            h.u32(v.type().id);
            h.value(v);
        });
        for (GgufTensorInfo t : infos) {
            h.string(t.name());
            h.u32(t.nDims());
            for (long d : t.shape()) h.u64(d);
            h.u32(t.type().id);
            h.u64(t.offset());
        }
        return h;
    }

    private static long alignmentOf(GgufValue v) {
        if (!v.type().isInteger()) throw new IllegalArgumentException(GgufFile.ALIGNMENT_KEY + " must be an integer (UINT32), not " + v.type());
        long a = (Long) v.value();
        if (a <= 0 || a > (1L << 30) || Long.bitCount(a) != 1) {
            throw new IllegalArgumentException(GgufFile.ALIGNMENT_KEY + " must be a power of two between 1 and 2^30, not " + v.display(1));
        }
        return a;
    }

    /**
     * The channel tensor sources write to: buffers small writes, and counts each tensor's bytes so
     * that a source writing too much is stopped at once and one writing too little is caught.
     */
    private static final class BufferedOutput implements WritableByteChannel {
        private final FileChannel ch;
        private final ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER_BYTES);
        private String tensor;
        private long expected;
        private long written;

        BufferedOutput(FileChannel ch) {
            this.ch = ch;
        }

        void startTensor(String name, long bytes) {
            tensor = name;
            expected = bytes;
            written = 0;
        }

        void endTensor() throws IOException {
            if (written != expected) {
                throw new IOException("tensor '" + tensor + "': its source wrote " + written + " bytes, expected " + expected);
            }
            tensor = null;
        }

        void zeros(long n) throws IOException {
            for (long i = 0; i < n; i++) {
                if (!buf.hasRemaining()) drain();
                buf.put((byte) 0);
            }
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            int n = src.remaining();
            if (tensor != null) {
                if (n > expected - written) {
                    throw new IOException("tensor '" + tensor + "': its source wrote more than the expected " + expected + " bytes");
                }
                written += n;
            }
            if (n >= buf.capacity()) {
                drain();
                while (src.hasRemaining()) ch.write(src);
                return n;
            }
            if (n > buf.remaining()) drain();
            buf.put(src);
            return n;
        }

        private void drain() throws IOException {
            buf.flip();
            while (buf.hasRemaining()) ch.write(buf);
            buf.clear();
        }

        void flush() throws IOException {
            drain();
        }

        @Override
        public boolean isOpen() {
            return ch.isOpen();
        }

        @Override
        public void close() {
            // The writer owns the file; a source closing the channel must not end the file early.
        }
    }
}
