package bitnet.workbench.gguf;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static bitnet.workbench.gguf.GgufCursor.quote;

/**
 * Parses the structure of a GGUF image: header, metadata, tensor table, data section bounds.
 * Every count and length read from the file is compared with the bytes that remain before anything
 * is allocated for it, so memory use stays proportional to the file size, never to a number in it.
 */
final class GgufParser {
    /** The parsed structure; tensor offsets are relative to {@code dataOffset}. */
    record Layout(int version, GgufMetadata metadata, List<GgufTensorInfo> tensors, long alignment, long dataOffset) {
    }

    /** Where a tensor's info was read, to point at the offending field when its data does not fit. */
    private record Located(GgufTensorInfo info, long offsetFieldAt) {
    }

    /** Smallest tensor info: name length (8) + n_dims (4) + one dimension (8) + type (4) + offset (8). */
    private static final int MIN_TENSOR_INFO_BYTES = 32;
    /** Smallest metadata entry: key length (8) + value type (4) + one-byte value (1). */
    private static final int MIN_KV_BYTES = 13;
    private static final long MAX_ALIGNMENT = 1L << 30;

    private final GgufCursor c;
    private final Path path;

    private GgufParser(MemorySegment image, Path path) {
        this.c = new GgufCursor(image, path);
        this.path = path;
    }

    /**
     * Parses {@code image}. Anything wrong with it is a {@link GgufFormatException}; no other
     * exception or error leaves this method because of the bytes it was given. A format exception
     * has a cause only when the parser itself failed (a defect, or no heap left), which tests check.
     */
    static Layout parse(MemorySegment image, Path path) throws GgufFormatException {
        GgufParser p = new GgufParser(image, path);
        try {
            return p.parse();
        } catch (OutOfMemoryError e) {
            // Sizes were checked against the file, but a huge file can still hold more metadata than the heap.
            GgufFormatException ex = p.c.error(p.c.position(), "the file's metadata does not fit in the Java heap (file size "
                + image.byteSize() + " bytes; try a larger -Xmx)");
            ex.initCause(e);
            throw ex;
        } catch (RuntimeException | StackOverflowError e) {
            // Only a defect in this parser can get here; report it as unreadable input instead of crashing the caller.
            GgufFormatException ex = p.c.error(p.c.position(), "cannot parse the file (reader defect, please report): " + e);
            ex.initCause(e);
            throw ex;
        }
    }

    private Layout parse() throws GgufFormatException {
        int magic = c.u32("magic 'GGUF'");
        if (magic != GgufFile.MAGIC) {
            throw c.error(0, "bad magic: expected 'GGUF' (47 47 55 46) but found " + hex4(magic) + "; not a GGUF file");
        }
        int version = c.u32("version");
        if (version != 2 && version != 3) {
            String hint = Integer.reverseBytes(version) == 2 || Integer.reverseBytes(version) == 3
                ? "; this looks like a big-endian GGUF file, which is not supported" : "";
            throw c.error(4, "unsupported GGUF version " + Integer.toUnsignedString(version) + " (expected 2 or 3)" + hint);
        }
        long tensorCount = c.count("tensor count", MIN_TENSOR_INFO_BYTES);
        long kvCount = c.count("metadata entry count", MIN_KV_BYTES);

        Map<String, GgufValue> kv = new LinkedHashMap<>();
        long alignmentAt = -1;
        for (long i = 0; i < kvCount; i++) {
            long at = c.position();
            String key = c.string("metadata key #" + i);
            long typeAt = c.position();
            int typeId = c.u32("value type of " + quote(key));
            GgufValueType type = GgufValueType.byId(typeId);
            if (type == null) {
                throw c.error(typeAt, "metadata key " + quote(key) + " has unknown value type " + Integer.toUnsignedString(typeId) + " (expected 0..12)");
            }
            if (key.equals(GgufFile.ALIGNMENT_KEY)) alignmentAt = c.position();
            GgufValue value = readValue(type, key);
            if (kv.putIfAbsent(key, value) != null) throw c.error(at, "duplicate metadata key " + quote(key));
        }
        GgufMetadata metadata = new GgufMetadata(kv, path.getFileName() == null ? path.toString() : path.getFileName().toString());
        long alignment = alignment(kv.get(GgufFile.ALIGNMENT_KEY), alignmentAt);

        List<Located> infos = new ArrayList<>((int) Math.min(tensorCount, 1 << 16));
        Set<String> names = new HashSet<>();
        for (long i = 0; i < tensorCount; i++) {
            infos.add(readTensorInfo(i, alignment, names));
        }

        long headerEnd = c.position();
        long fileSize = c.size();
        long dataOffset = tensorCount == 0 ? headerEnd : alignUp(headerEnd, alignment);
        if (dataOffset > fileSize) {
            throw c.error(headerEnd, "file truncated: expected padding up to the tensor data at byte " + dataOffset
                + " (alignment " + alignment + ") but the file has " + fileSize + " bytes");
        }
        checkDataRanges(infos, dataOffset, fileSize);
        List<GgufTensorInfo> tensors = new ArrayList<>(infos.size());
        for (Located l : infos) tensors.add(l.info());
        return new Layout(version, metadata, tensors, alignment, dataOffset);
    }

    private long alignment(GgufValue value, long at) throws GgufFormatException {
        if (value == null) return GgufFile.DEFAULT_ALIGNMENT;
        if (!value.type().isInteger()) {
            throw c.error(at, GgufFile.ALIGNMENT_KEY + " is " + value.type() + ", expected an unsigned integer (UINT32)");
        }
        long a = (Long) value.value();
        if (a <= 0 || a > MAX_ALIGNMENT || Long.bitCount(a) != 1) {
            throw c.error(at, GgufFile.ALIGNMENT_KEY + " = " + value.display(1) + ", expected a power of two between 1 and 2^30");
        }
        return a;
    }

    private Located readTensorInfo(long i, long alignment, Set<String> names) throws GgufFormatException {
        long at = c.position();
        String name = c.string("name of tensor #" + i);
        if (!names.add(name)) throw c.error(at, "duplicate tensor name " + quote(name));
        long dimsAt = c.position();
        int nDims = c.u32("dimension count of tensor " + quote(name));
        if (nDims < 1 || nDims > GgufFile.MAX_DIMS) {
            throw c.error(dimsAt, "tensor " + quote(name) + " has " + Integer.toUnsignedString(nDims) + " dimensions, expected 1.." + GgufFile.MAX_DIMS);
        }
        long[] shape = new long[nDims];
        long elements = 1;
        for (int d = 0; d < nDims; d++) {
            long dimAt = c.position();
            shape[d] = c.u64("dimension " + d + " of tensor " + quote(name));
            if (shape[d] < 0) {
                throw c.error(dimAt, "tensor " + quote(name) + " dimension " + d + " = " + Long.toUnsignedString(shape[d]) + ", expected at most 2^63-1");
            }
            try {
                elements = Math.multiplyExact(elements, shape[d]);
            } catch (ArithmeticException e) {
                throw c.error(dimAt, "tensor " + quote(name) + " shape " + Arrays.toString(Arrays.copyOf(shape, d + 1))
                    + " has more elements than fit in 64 bits");
            }
        }
        long typeAt = c.position();
        int typeId = c.u32("type of tensor " + quote(name));
        GgmlType type = GgmlType.byId(typeId).orElse(null);
        if (type == null) throw c.error(typeAt, "tensor " + quote(name) + " has " + GgmlType.describeUnknownId(typeId));
        if (shape[0] % type.blockSize != 0) {
            throw c.error(dimsAt, "tensor " + quote(name) + " row length " + shape[0] + " is not a multiple of the " + type
                + " block size " + type.blockSize);
        }
        long bytes = type.byteSize(elements);
        if (bytes < 0) {
            throw c.error(dimsAt, "tensor " + quote(name) + " " + type + " " + Arrays.toString(shape) + " needs more bytes than fit in 64 bits");
        }
        long offAt = c.position();
        long offset = c.u64("data offset of tensor " + quote(name));
        if (offset < 0 || offset % alignment != 0) {
            throw c.error(offAt, "tensor " + quote(name) + " data offset " + Long.toUnsignedString(offset)
                + " is not a multiple of the alignment " + alignment);
        }
        return new Located(new GgufTensorInfo(name, shape, type, offset, bytes), offAt);
    }

    private void checkDataRanges(List<Located> infos, long dataOffset, long fileSize) throws GgufFormatException {
        long dataSize = fileSize - dataOffset;
        List<Located> sorted = new ArrayList<>(infos);
        sorted.sort(Comparator.comparingLong((Located l) -> l.info().offset()).thenComparingLong(l -> l.info().byteSize()));
        long end = 0;
        GgufTensorInfo prev = null;
        for (Located l : sorted) {
            GgufTensorInfo t = l.info();
            if (t.offset() > dataSize || t.byteSize() > dataSize - t.offset()) {
                throw c.error(l.offsetFieldAt(), "tensor " + quote(t.name()) + " (" + t.type() + " " + t.shapeString() + ", " + t.byteSize()
                    + " bytes at data offset " + t.offset() + ") extends beyond the end of the file: expected at most "
                    + dataSize + " bytes of tensor data after byte " + dataOffset + "; file truncated?");
            }
            if (t.offset() < end) {
                throw c.error(l.offsetFieldAt(), "tensor " + quote(t.name()) + " data [" + t.offset() + ", " + (t.offset() + t.byteSize())
                    + ") overlaps tensor " + quote(prev.name()) + " [" + prev.offset() + ", " + end + "); expected disjoint tensor data");
            }
            end = t.offset() + t.byteSize();
            prev = t;
        }
    }

    private GgufValue readValue(GgufValueType type, String key) throws GgufFormatException {
        String what = "value of " + quote(key);
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
            case BOOL -> new GgufValue(type, bool(what));
            case STRING -> new GgufValue(type, c.string(what));
            case ARRAY -> new GgufValue(type, readArray(key, 1));
        };
    }

    private boolean bool(String what) throws GgufFormatException {
        long at = c.position();
        byte b = c.u8(what);
        if (b != 0 && b != 1) throw c.error(at, "bool " + what + " is " + (b & 0xFF) + ", expected 0 or 1");
        return b == 1;
    }

    private GgufArray readArray(String key, int depth) throws GgufFormatException {
        long at = c.position();
        if (depth > GgufFile.MAX_ARRAY_DEPTH) {
            throw c.error(at, "array " + quote(key) + " is nested deeper than " + GgufFile.MAX_ARRAY_DEPTH + " levels");
        }
        int typeId = c.u32("element type of array " + quote(key));
        GgufValueType et = GgufValueType.byId(typeId);
        if (et == null) {
            throw c.error(at, "array " + quote(key) + " has unknown element type " + Integer.toUnsignedString(typeId) + ", expected 0..12");
        }
        long countAt = c.position();
        long n = c.count("element count of array " + quote(key), et.minBytes);
        if (n > GgufCursor.MAX_JAVA_ARRAY) {
            throw c.error(countAt, "array " + quote(key) + " has " + n + " elements, more than a Java array can hold");
        }
        int len = (int) n;
        String what = "element of array " + quote(key);
        Object values = switch (et) {
            case UINT8, INT8 -> {
                byte[] a = new byte[len];
                c.bytes(a, what);
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
                for (int i = 0; i < len; i++) a[i] = bool(what);
                yield a;
            }
            case STRING -> {
                StringList.Builder a = new StringList.Builder(len);
                for (int i = 0; i < len; i++) a.add(c.string(what));
                yield a.build();
            }
            case ARRAY -> {
                GgufArray[] a = new GgufArray[len];
                for (int i = 0; i < len; i++) a[i] = readArray(key, depth + 1);
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
}
