package bitnet.workbench.gguf;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A GGUF file that cannot be read as such. The message always names the file, the byte offset
 * where reading went wrong and what was expected there, so a user can tell a truncated download
 * from a file of another kind.
 */
public final class GgufFormatException extends IOException {
    private final transient Path file;
    private final long offset;

    public GgufFormatException(Path file, long offset, String problem) {
        super(file + ": at byte " + offset + ": " + problem);
        this.file = file;
        this.offset = offset;
    }

    public Path file() {
        return file;
    }

    public long offset() {
        return offset;
    }
}
