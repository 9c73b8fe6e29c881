package bitnet.workbench.gguf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Spells out GGUF bytes field by field, independently of the reader and the writer, and remembers
 * named positions so a test can corrupt one field and expect an error at exactly that byte.
 */
final class GgufBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Map<String, Integer> marks = new HashMap<>();

    int position() { return out.size(); }

    GgufBytes mark(String name) {
        marks.put(name, out.size());
        return this;
    }

    int at(String name) {
        Integer p = marks.get(name);
        if (p == null) throw new IllegalArgumentException("no mark " + name);
        return p;
    }

    GgufBytes u8(int v) {
        out.write(v);
        return this;
    }

    GgufBytes u16(int v) {
        return u8(v).u8(v >>> 8);
    }

    GgufBytes u32(long v) {
        for (int i = 0; i < 4; i++) out.write((int) (v >>> (8 * i)));
        return this;
    }

    GgufBytes u64(long v) {
        for (int i = 0; i < 8; i++) out.write((int) (v >>> (8 * i)));
        return this;
    }

    GgufBytes f32(float v) { return u32(Float.floatToRawIntBits(v)); }
    GgufBytes f64(double v) { return u64(Double.doubleToRawLongBits(v)); }

    GgufBytes raw(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    GgufBytes str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return u64(b.length).raw(b);
    }

    GgufBytes zeros(int n) {
        return raw(new byte[n]);
    }

    GgufBytes padTo(int alignment) {
        while (out.size() % alignment != 0) out.write(0);
        return this;
    }

    /** Header start: magic, version, counts. */
    GgufBytes header(int version, long tensors, long kvs) {
        return raw("GGUF".getBytes(StandardCharsets.US_ASCII)).mark("version").u32(version)
            .mark("tensorCount").u64(tensors).mark("kvCount").u64(kvs);
    }

    byte[] toArray() { return out.toByteArray(); }

    static byte[] withU64(byte[] bytes, int at, long v) {
        byte[] b = bytes.clone();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(at, v);
        return b;
    }

    static byte[] withU32(byte[] bytes, int at, int v) {
        byte[] b = bytes.clone();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at, v);
        return b;
    }
}
