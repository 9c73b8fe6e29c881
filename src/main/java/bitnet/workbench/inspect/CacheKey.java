package bitnet.workbench.inspect;

import bitnet.workbench.gguf.GgufFile;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Identifies one version of a model file: its size, modification time and a SHA-256 of its header
 * (metadata and tensor table, everything before the tensor data). Hashing the header rather than
 * the whole file keeps the key cheap for multi-gigabyte models while still telling apart two files
 * of equal size written within the clock's resolution.
 */
public record CacheKey(long size, long modifiedMillis, String headerSha256) {

    public static CacheKey of(GgufFile file) throws IOException {
        Path p = file.path();
        long modified = Files.getLastModifiedTime(p).toMillis();
        return new CacheKey(file.fileSize(), modified, sha256(file.mapping().asSlice(0, file.dataOffset())));
    }

    static String sha256(MemorySegment bytes) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (long at = 0; at < bytes.byteSize(); at += buf.length) {
                int len = (int) Math.min(buf.length, bytes.byteSize() - at);
                MemorySegment.copy(bytes, ValueLayout.JAVA_BYTE, at, buf, 0, len);
                md.update(buf, 0, len);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
