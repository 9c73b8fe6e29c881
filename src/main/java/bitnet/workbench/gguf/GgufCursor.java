package bitnet.workbench.gguf;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Little-endian reads from a file image that check every length against the bytes that remain,
 * so that a number read from the file is never trusted before it has been compared with the file size.
 */
final class GgufCursor {
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** Java arrays and strings cannot be longer than this (a little below Integer.MAX_VALUE on HotSpot). */
    static final int MAX_JAVA_ARRAY = Integer.MAX_VALUE - 8;

    private final MemorySegment seg;
    private final Path file;
    private final long size;
    private long pos;

    GgufCursor(MemorySegment seg, Path file) {
        this.seg = seg;
        this.file = file;
        this.size = seg.byteSize();
    }

    long position() { return pos; }
    long remaining() { return size - pos; }
    long size() { return size; }

    /** Longest piece of a file-supplied name shown in a message. */
    private static final int MAX_QUOTED = 80;

    /**
     * A name read from the file, quoted for an error message: control and quote characters escaped
     * so that the message stays one printable line, and long names cut short.
     */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_QUOTED) + 8).append('\'');
        int shown = 0;
        int i = 0;
        while (i < s.length() && shown < MAX_QUOTED) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            shown++;
            int type = Character.getType(cp);
            if (cp == '\'' || cp == '\\' || type == Character.CONTROL || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.FORMAT) {
                b.append(cp <= 0xFF ? String.format("\\x%02x", cp) : String.format("\\u%04x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        }
        if (i < s.length()) b.append("...");
        return b.append('\'').toString();
    }

    GgufFormatException error(long at, String problem) {
        return new GgufFormatException(file, at, problem);
    }

    private void need(long n, String what) throws GgufFormatException {
        if (n < 0 || n > size - pos) {
            throw error(pos, "file truncated: expected " + what + " (" + n + " bytes) but only " + (size - pos) + " bytes remain");
        }
    }

    byte u8(String what) throws GgufFormatException {
        need(1, what);
        return seg.get(ValueLayout.JAVA_BYTE, pos++);
    }

    short u16(String what) throws GgufFormatException {
        need(2, what);
        short v = seg.get(U16, pos);
        pos += 2;
        return v;
    }

    int u32(String what) throws GgufFormatException {
        need(4, what);
        int v = seg.get(U32, pos);
        pos += 4;
        return v;
    }

    long u64(String what) throws GgufFormatException {
        need(8, what);
        long v = seg.get(U64, pos);
        pos += 8;
        return v;
    }

    float f32(String what) throws GgufFormatException {
        need(4, what);
        float v = seg.get(F32, pos);
        pos += 4;
        return v;
    }

    double f64(String what) throws GgufFormatException {
        need(8, what);
        double v = seg.get(F64, pos);
        pos += 8;
        return v;
    }

    /**
     * A uint64 count read from the file, checked so that {@code count * minBytesEach} still fits in
     * the rest of the file before anything is allocated for it.
     */
    long count(String what, long minBytesEach) throws GgufFormatException {
        long at = pos;
        long n = u64(what);
        long room = remaining() / minBytesEach;
        if (n < 0 || n > room) {
            throw error(at, what + " is " + Long.toUnsignedString(n) + ", but the " + remaining()
                + " bytes left in the file can hold at most " + room + " (" + minBytesEach + " bytes each at least); file truncated or corrupt");
        }
        return n;
    }

    /** A GGUF string: uint64 byte length, then UTF-8 bytes (malformed sequences become U+FFFD, as llama.cpp does not validate them). */
    String string(String what) throws GgufFormatException {
        long at = pos;
        long len = u64("length of " + what);
        if (len < 0 || len > remaining()) {
            throw error(at, "length of " + what + " is " + Long.toUnsignedString(len) + " bytes, beyond the end of the file ("
                + remaining() + " bytes remain)");
        }
        if (len == 0) return "";
        if (len > MAX_JAVA_ARRAY) throw error(at, "length of " + what + " is " + len + " bytes, more than a Java string can hold");
        byte[] bytes = seg.asSlice(pos, len).toArray(ValueLayout.JAVA_BYTE);
        pos += len;
        return new String(bytes, StandardCharsets.UTF_8);
    }

    void bytes(byte[] dst, String what) throws GgufFormatException {
        need(dst.length, what);
        MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, pos, dst, 0, dst.length);
        pos += dst.length;
    }
}
