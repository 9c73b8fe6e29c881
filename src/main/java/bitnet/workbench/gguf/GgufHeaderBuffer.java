package bitnet.workbench.gguf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable little-endian byte buffer for the GGUF header (everything before the tensor data). */
final class GgufHeaderBuffer {
    private byte[] buf = new byte[4096];
    private int len;

    int length() { return len; }

    byte[] bytes() { return buf; }

    private void ensure(int more) {
        if (more > Integer.MAX_VALUE - 8 - len) throw new IllegalStateException("GGUF header larger than 2 GiB");
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 8L, Math.max(len + (long) more, 2L * buf.length)));
        }
    }

    void u8(int v) {
        ensure(1);
        buf[len++] = (byte) v;
    }

    void u16(int v) {
        ensure(2);
        buf[len++] = (byte) v;
        buf[len++] = (byte) (v >>> 8);
    }

    void u32(int v) {
        ensure(4);
        for (int i = 0; i < 4; i++) buf[len++] = (byte) (v >>> (8 * i));
    }

    void u64(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) buf[len++] = (byte) (v >>> (8 * i));
    }

    void raw(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    void string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        u64(b.length);
        raw(b);
    }

    void value(GgufValue v) {
        switch (v.type()) {
            case UINT8, INT8 -> u8((int) (long) (Long) v.value());
            case UINT16, INT16 -> u16((int) (long) (Long) v.value());
            case UINT32, INT32 -> u32((int) (long) (Long) v.value());
            case UINT64, INT64 -> u64((Long) v.value());
            case FLOAT32 -> u32(Float.floatToRawIntBits((Float) v.value()));
            case FLOAT64 -> u64(Double.doubleToRawLongBits((Double) v.value()));
            case BOOL -> u8((Boolean) v.value() ? 1 : 0);
            case STRING -> string((String) v.value());
            case ARRAY -> array((GgufArray) v.value());
        }
    }

    void array(GgufArray a) {
        u32(a.elementType().id);
        int n = a.size();
        u64(n);
        switch (a.elementType()) {
            case UINT8, INT8 -> raw((byte[]) a.values());
            case UINT16, INT16 -> { for (short x : (short[]) a.values()) u16(x); }
            case UINT32, INT32 -> { for (int x : (int[]) a.values()) u32(x); }
            case UINT64, INT64 -> { for (long x : (long[]) a.values()) u64(x); }
            case FLOAT32 -> { for (float x : (float[]) a.values()) u32(Float.floatToRawIntBits(x)); }
            case FLOAT64 -> { for (double x : (double[]) a.values()) u64(Double.doubleToRawLongBits(x)); }
            case BOOL -> { for (boolean x : (boolean[]) a.values()) u8(x ? 1 : 0); }
            case STRING -> { for (String x : a.strings()) string(x); }
            case ARRAY -> { for (GgufArray x : (GgufArray[]) a.values()) array(x); }
        }
    }
}
