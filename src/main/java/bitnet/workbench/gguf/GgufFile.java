package bitnet.workbench.gguf;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
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
    public static final int MAX_DIMS = 4;
    /** Nested arrays deeper than this are rejected instead of recursing without bound. */
    static final int MAX_ARRAY_DEPTH = 8;

    private final Path path;
    private final Arena arena;
    private final MemorySegment mapping;
    private final int version;
    private final GgufMetadata metadata;
    private final List<GgufTensorInfo> tensors;
    private final Map<String, GgufTensorInfo> byName;
    private final long alignment;
    private final long dataOffset;

    private GgufFile(Path path, Arena arena, MemorySegment mapping, int version, GgufMetadata metadata,
                     List<GgufTensorInfo> tensors, long alignment, long dataOffset) {
        this.path = path;
        this.arena = arena;
        this.mapping = mapping;
        this.version = version;
        this.metadata = metadata;
        this.tensors = Collections.unmodifiableList(tensors);
        Map<String, GgufTensorInfo> m = new LinkedHashMap<>();
        for (GgufTensorInfo t : tensors) m.put(t.name(), t);
        this.byName = Collections.unmodifiableMap(m);
        this.alignment = alignment;
        this.dataOffset = dataOffset;
    }

    /** Maps and parses {@code path}. The mapping lives until {@link #close()}. */
    public static GgufFile open(Path path) throws IOException {
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            MemorySegment seg = size == 0 ? MemorySegment.NULL.reinterpret(0) : ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            return parse(path, arena, seg);
        } catch (IOException | RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    private static GgufFile parse(Path path, Arena arena, MemorySegment seg) throws GgufFormatException {
        GgufCursor c = new GgufCursor(seg, path);
        int magic = c.u32("magic 'GGUF'");
        if (magic != MAGIC) {
            throw c.error(0, "bad magic: expected 'GGUF' (47 47 55 46) but found " + hex4(magic) + "; not a GGUF file");
        }
        int version = c.u32("version");
        if (version != 2 && version != 3) {
            throw c.error(4, "unsupported GGUF version " + Integer.toUnsignedString(version) + " (expected 2 or 3)");
        }
        // A tensor info takes at least 8 (name length) + 4 (n_dims) + 4 (type) + 8 (offset) bytes.
        long tensorCount = c.count("tensor count", 24);
        // A metadata entry takes at least 8 (key length) + 4 (type) + 1 (smallest value) bytes.
        long kvCount = c.count("metadata entry count", 13);

        Map<String, GgufValue> kv = new LinkedHashMap<>();
        for (long i = 0; i < kvCount; i++) {
            long at = c.position();
            String key = c.string("metadata key #" + i);
            int typeId = c.u32("value type of '" + key + "'");
            GgufValueType type = GgufValueType.byId(typeId);
            if (type == null) throw c.error(at, "metadata key '" + key + "' has unknown value type " + Integer.toUnsignedString(typeId) + " (expected 0..12)");
            GgufValue value = readValue(c, type, key, 0);
            if (kv.putIfAbsent(key, value) != null) throw c.error(at, "duplicate metadata key '" + key + "'");
        }
        GgufMetadata metadata = new GgufMetadata(kv);

        long alignment = DEFAULT_ALIGNMENT;
        GgufValue alignValue = kv.get("general.alignment");
        if (alignValue != null) {
            if (!alignValue.type().isInteger()) throw c.error(0, "general.alignment must be an integer, found " + alignValue.type());
            alignment = (Long) alignValue.value();
            if (alignment <= 0 || alignment > (1 << 20) || Long.bitCount(alignment) != 1) {
                throw c.error(0, "general.alignment = " + Long.toUnsignedString(alignment) + " is not a power of two between 1 and 2^20");
            }
        }

        List<GgufTensorInfo> infos = new ArrayList<>((int) Math.min(tensorCount, 1 << 16));
        Map<String, Boolean> names = new java.util.HashMap<>();
        for (long i = 0; i < tensorCount; i++) {
            long at = c.position();
            String name = c.string("name of tensor #" + i);
            if (names.put(name, Boolean.TRUE) != null) throw c.error(at, "duplicate tensor name '" + name + "'");
            long dimsAt = c.position();
            int nDims = c.u32("dimension count of tensor '" + name + "'");
            if (nDims < 1 || nDims > MAX_DIMS) {
                throw c.error(dimsAt, "tensor '" + name + "' has " + Integer.toUnsignedString(nDims) + " dimensions (expected 1.." + MAX_DIMS + ")");
            }
            long[] shape = new long[nDims];
            long elements = 1;
            for (int d = 0; d < nDims; d++) {
                long dimAt = c.position();
                shape[d] = c.u64("dimension " + d + " of tensor '" + name + "'");
                if (shape[d] < 0) throw c.error(dimAt, "tensor '" + name + "' dimension " + d + " = " + Long.toUnsignedString(shape[d]) + " is negative or too large");
                try {
                    elements = Math.multiplyExact(elements, shape[d]);
                } catch (ArithmeticException e) {
                    throw c.error(dimAt, "tensor '" + name + "' shape " + java.util.Arrays.toString(shape) + " has more elements than fit in 64 bits");
                }
            }
            long typeAt = c.position();
            int typeId = c.u32("type of tensor '" + name + "'");
            GgmlType type = GgmlType.byId(typeId).orElseThrow(() -> c.error(typeAt, "tensor '" + name + "' has " + GgmlType.describeUnknownId(typeId)));
            if (shape[0] % type.blockSize != 0) {
                throw c.error(dimsAt, "tensor '" + name + "' row length " + shape[0] + " is not a multiple of the " + type + " block size " + type.blockSize);
            }
            long bytes = type.byteSize(elements);
            if (bytes < 0) throw c.error(dimsAt, "tensor '" + name + "' byte size overflows: " + elements + " elements of " + type);
            long offAt = c.position();
            long offset = c.u64("data offset of tensor '" + name + "'");
            if (offset < 0 || offset % alignment != 0) {
                throw c.error(offAt, "tensor '" + name + "' data offset " + Long.toUnsignedString(offset) + " is not a multiple of the alignment " + alignment);
            }
            infos.add(new GgufTensorInfo(name, shape, type, offset, bytes));
        }

        long headerEnd = c.position();
        long dataOffset = alignUp(headerEnd, alignment);
        long fileSize = seg.byteSize();
        if (tensorCount > 0 && dataOffset > fileSize) {
            throw c.error(headerEnd, "file truncated: tensor data should start at byte " + dataOffset + " but the file has " + fileSize + " bytes");
        }
        long dataSize = Math.max(0, fileSize - dataOffset);
        List<GgufTensorInfo> sorted = new ArrayList<>(infos);
        sorted.sort(Comparator.comparingLong(GgufTensorInfo::offset));
        long end = 0;
        String prev = null;
        for (GgufTensorInfo t : sorted) {
            if (t.offset() > dataSize || t.byteSize() > dataSize - t.offset()) {
                throw c.error(dataOffset + t.offset(), "tensor '" + t.name() + "' (" + t.type() + " " + t.shapeString() + ", " + t.byteSize()
                    + " bytes) extends beyond the end of the file (" + fileSize + " bytes); file truncated?");
            }
            if (t.offset() < end) {
                throw c.error(dataOffset + t.offset(), "tensor '" + t.name() + "' overlaps tensor '" + prev + "' in the data section");
            }
            end = t.offset() + t.byteSize();
            prev = t.name();
        }
        return new GgufFile(path, arena, seg, version, metadata, infos, alignment, dataOffset);
    }

    private static GgufValue readValue(GgufCursor c, GgufValueType type, String key, int depth) throws GgufFormatException {
        String what = "value of '" + key + "'";
        return switch (type) {
            case UINT8 -> new GgufValue(type, (long) (c.u8(what) & 0xFF));
            case INT8 -> new GgufValue(type, (long) c.u8(what));
            case UINT16 -> new GgufValue(type, (long) (c.u16(what) & 0xFFFF));
            case INT16 -> new GgufValue(type, (long) c.u16(what));
            case UINT32 -> new GgufValue(type, c.u32(what) & 0xFFFF_FFFFL);
            case INT32 -> new GgufValue(type, (long) c.u32(what));
            case UINT64, INT64 -> new GgufValue(type, c.u64(what));
            case FLOAT32 -> new GgufValue(type, c.f32(what));
            case FLOAT64 -> new GgufValue(type, c.f64(what));
            case BOOL -> {
                long at = c.position();
                byte b = c.u8(what);
                if (b != 0 && b != 1) throw c.error(at, "bool " + what + " is " + (b & 0xFF) + " (expected 0 or 1)");
                yield new GgufValue(type, b == 1);
            }
            case STRING -> new GgufValue(type, c.string(what));
            case ARRAY -> new GgufValue(type, readArray(c, key, depth + 1));
        };
    }

    private static GgufArray readArray(GgufCursor c, String key, int depth) throws GgufFormatException {
        long at = c.position();
        if (depth > MAX_ARRAY_DEPTH) throw c.error(at, "array '" + key + "' is nested deeper than " + MAX_ARRAY_DEPTH + " levels");
        int typeId = c.u32("element type of array '" + key + "'");
        GgufValueType et = GgufValueType.byId(typeId);
        if (et == null) throw c.error(at, "array '" + key + "' has unknown element type " + Integer.toUnsignedString(typeId) + " (expected 0..12)");
        long n = c.count("element count of array '" + key + "'", et.minBytes);
        if (n > Integer.MAX_VALUE - 8) throw c.error(at, "array '" + key + "' has " + n + " elements, more than an array can hold");
        int len = (int) n;
        String what = "element of array '" + key + "'";
        Object values = switch (et) {
            case UINT8, INT8 -> {
                byte[] a = new byte[len];
                c.bytes(a, len);
                yield a;
            }
            case UINT16, INT16 -> {
                short[] a = new short[len];
                for (int i = 0; i < len; i++) a[i] = c.u16(what);
                yield a;
            }
            case UINT32, INT32 -> {
                int[] a = new int[len];
                for (int i = 0; i < len; i++) a[i] = c.u32(what);
                yield a;
            }
            case UINT64, INT64 -> {
                long[] a = new long[len];
                for (int i = 0; i < len; i++) a[i] = c.u64(what);
                yield a;
            }
            case FLOAT32 -> {
                float[] a = new float[len];
                for (int i = 0; i < len; i++) a[i] = c.f32(what);
                yield a;
            }
            case FLOAT64 -> {
                double[] a = new double[len];
                for (int i = 0; i < len; i++) a[i] = c.f64(what);
                yield a;
            }
            case BOOL -> {
                boolean[] a = new boolean[len];
                for (int i = 0; i < len; i++) {
                    long bat = c.position();
                    byte b = c.u8(what);
                    if (b != 0 && b != 1) throw c.error(bat, "bool " + what + " is " + (b & 0xFF) + " (expected 0 or 1)");
                    a[i] = b == 1;
                }
                yield a;
            }
            case STRING -> {
                String[] a = new String[len];
                for (int i = 0; i < len; i++) a[i] = c.string(what);
                yield a;
            }
            case ARRAY -> {
                GgufArray[] a = new GgufArray[len];
                for (int i = 0; i < len; i++) a[i] = readArray(c, key, depth + 1);
                yield a;
            }
        };
        return new GgufArray(et, values);
    }

    static long alignUp(long x, long alignment) {
        return (x + alignment - 1) / alignment * alignment;
    }

    private static String hex4(int v) {
        return String.format("%02x %02x %02x %02x", v & 0xFF, (v >>> 8) & 0xFF, (v >>> 16) & 0xFF, (v >>> 24) & 0xFF);
    }

    public Path path() { return path; }
    public int version() { return version; }
    public GgufMetadata metadata() { return metadata; }
    public List<GgufTensorInfo> tensors() { return tensors; }
    public long alignment() { return alignment; }
    /** Absolute byte offset of the data section in the file. */
    public long dataOffset() { return dataOffset; }
    public long fileSize() { return mapping.byteSize(); }
    /** The whole mapped file. */
    public MemorySegment mapping() { return mapping; }

    public Optional<GgufTensorInfo> findTensor(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public GgufTensorInfo tensor(String name) {
        GgufTensorInfo t = byName.get(name);
        if (t == null) throw new GgufMetadataException(path + ": tensor '" + name + "' is missing");
        return t;
    }

    /** The bytes of one tensor, as a slice of the mapping (no copy). */
    public MemorySegment tensorData(GgufTensorInfo t) {
        return mapping.asSlice(dataOffset + t.offset(), t.byteSize());
    }

    public MemorySegment tensorData(String name) {
        return tensorData(tensor(name));
    }

    @Override
    public void close() {
        arena.close();
    }
}
