package bitnet.workbench.gguf;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A GGUF v2/v3 file mapped read-only into memory. Tensor data is never copied: {@link #tensorData}
 * returns a slice of the mapping. Every structural problem is a {@link GgufFormatException} that
 * names the file, the byte offset and what was expected; counts and lengths read from the file are
 * checked against the file size before anything is allocated for them.
 */
public final class GgufFile implements AutoCloseable {
    public static final int MAGIC = 0x46554747; // "GGUF" read little-endian
    public static final int DEFAULT_ALIGNMENT = 32;
    public static final String ALIGNMENT_KEY = "general.alignment";
    public static final int MAX_DIMS = 4;
    /** Nested arrays deeper than this are rejected instead of recursing without bound. */
    static final int MAX_ARRAY_DEPTH = 8;

    private final Path path;
    private final Arena arena;
    private final MemorySegment image;
    private final GgufParser.Layout layout;
    private final List<GgufTensorInfo> tensors;
    private final Map<String, GgufTensorInfo> byName;

    private GgufFile(Path path, Arena arena, MemorySegment image, GgufParser.Layout layout) {
        this.path = path;
        this.arena = arena;
        this.image = image;
        this.layout = layout;
        this.tensors = Collections.unmodifiableList(layout.tensors());
        Map<String, GgufTensorInfo> m = new LinkedHashMap<>();
        for (GgufTensorInfo t : tensors) m.put(t.name(), t);
        this.byName = Collections.unmodifiableMap(m);
    }

    /**
     * Maps and parses {@code path}; the mapping lives until {@link #close()}. A file that is not
     * valid GGUF is a {@link GgufFormatException}; other IOExceptions are about the file system.
     */
    public static GgufFile open(Path path) throws IOException {
        Arena arena = Arena.ofShared();
        boolean opened = false;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            MemorySegment image = size == 0 ? MemorySegment.ofArray(new byte[0]) : ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            GgufFile f = new GgufFile(path, arena, image, GgufParser.parse(image, path));
            opened = true;
            return f;
        } finally {
            if (!opened) arena.close();
        }
    }

    /**
     * Parses a GGUF image that is already in memory (e.g. built by a test). {@code name} is used
     * in error messages only; {@link #close()} does nothing for such a file.
     */
    public static GgufFile read(MemorySegment image, Path name) throws GgufFormatException {
        return new GgufFile(name, null, image, GgufParser.parse(image, name));
    }

    public Path path() { return path; }
    public int version() { return layout.version(); }
    public GgufMetadata metadata() { return layout.metadata(); }
    public List<GgufTensorInfo> tensors() { return tensors; }
    public long alignment() { return layout.alignment(); }
    /** Absolute byte offset of the data section in the file. */
    public long dataOffset() { return layout.dataOffset(); }
    public long fileSize() { return image.byteSize(); }
    /** The whole mapped file. */
    public MemorySegment mapping() { return image; }

    public Optional<GgufTensorInfo> findTensor(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public GgufTensorInfo tensor(String name) {
        GgufTensorInfo t = byName.get(name);
        if (t == null) throw new GgufMetadataException(path + ": tensor '" + name + "' is missing");
        return t;
    }

    /** The bytes of one tensor of this file, as a slice of the mapping (no copy). */
    public MemorySegment tensorData(GgufTensorInfo t) {
        if (byName.get(t.name()) != t && !t.equals(byName.get(t.name()))) {
            throw new IllegalArgumentException("tensor '" + t.name() + "' does not belong to " + path);
        }
        return image.asSlice(dataOffset() + t.offset(), t.byteSize());
    }

    public MemorySegment tensorData(String name) {
        return tensorData(tensor(name));
    }

    /** Unmaps the file; slices from {@link #tensorData} must not be used afterwards. Closing twice is harmless. */
    @Override
    public synchronized void close() {
        if (arena != null && arena.scope().isAlive()) arena.close();
    }
}
