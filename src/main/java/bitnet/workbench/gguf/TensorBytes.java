package bitnet.workbench.gguf;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * The data of one tensor for {@link GgufWriter}, produced only when the file is written so that a
 * large tensor can be streamed (quantized block by block, copied from a mapping) instead of held
 * in one Java array. {@link #writeTo} must write exactly the tensor's byte size; the writer checks.
 */
@FunctionalInterface
public interface TensorBytes {
    /** Largest piece handed to the channel at once; a ByteBuffer cannot exceed 2 GiB. */
    int CHUNK = 1 << 24;

    void writeTo(WritableByteChannel out) throws IOException;

    static TensorBytes of(byte[] data) {
        byte[] copy = data.clone();
        return out -> writeFully(out, ByteBuffer.wrap(copy));
    }

    /** Copies the segment (e.g. {@link GgufFile#tensorData} of a mapped file) in chunks; it must stay alive until written. */
    static TensorBytes of(MemorySegment data) {
        return out -> {
            long size = data.byteSize();
            for (long off = 0; off < size; off += CHUNK) {
                writeFully(out, data.asSlice(off, Math.min(CHUNK, size - off)).asByteBuffer());
            }
        };
    }

    /** Writes all of {@code buf}; a WritableByteChannel may write less per call. */
    static void writeFully(WritableByteChannel out, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) out.write(buf);
    }
}
