package bitnet.workbench.app.chat.conversation;

import bitnet.workbench.io.AtomicFiles;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Conversations as JSON files, one per conversation, in {@code conversations/} under the workbench
 * home. Every write replaces the whole file atomically ({@link AtomicFiles}), so a crash or a full
 * disk leaves the previous version of a chat intact. Unreadable files are skipped, never fatal.
 * Thread-safe for one writer thread; the chat view saves from a single background thread.
 */
public final class ConversationStore {
    public static final String FOLDER = "conversations";
    private static final Logger LOG = LoggerFactory.getLogger(ConversationStore.class);
    private static final ObjectMapper MAPPER = new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** How a file's new bytes reach the disk; tests put a failing disk here. */
    @FunctionalInterface
    public interface Disk {
        void replace(Path file, AtomicFiles.Content content) throws IOException;
    }

    private final Path dir;
    private final Disk disk;

    public ConversationStore(Path home) {
        this(home, AtomicFiles::write);
    }

    public ConversationStore(Path home, Disk disk) {
        this.dir = home.resolve(FOLDER);
        this.disk = disk;
    }

    public Path folder() {
        return dir;
    }

    public Path fileOf(String id) {
        return dir.resolve(id + ".json");
    }

    /** Every readable conversation, most recently changed first. */
    public List<Conversation> list() {
        List<Conversation> all = new ArrayList<>();
        if (!Files.isDirectory(dir)) return all;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path f : files) read(f).ifPresent(all::add);
        } catch (IOException e) {
            LOG.warn("Could not list {}: {}", dir, e.getMessage());
        }
        all.sort(Comparator.comparingLong(Conversation::updatedMillis).reversed().thenComparing(Conversation::id));
        return all;
    }

    public Optional<Conversation> load(String id) {
        return read(fileOf(id));
    }

    /** Replaces the saved copy of {@code c}; on failure the previous copy is untouched and the error says why. */
    public void save(Conversation c) throws IOException {
        disk.replace(fileOf(c.id()), out -> MAPPER.writeValue(new NonClosing(out), c));
    }

    public void delete(String id) throws IOException {
        Files.deleteIfExists(fileOf(id));
    }

    /** Writes {@code c} as Markdown to {@code target}, atomically like a save. */
    public void exportMarkdown(Conversation c, Path target) throws IOException {
        byte[] md = MarkdownExport.of(c, ZoneId.systemDefault()).getBytes(StandardCharsets.UTF_8);
        disk.replace(target, out -> out.write(md));
    }

    private static Optional<Conversation> read(Path f) {
        if (!Files.isRegularFile(f)) return Optional.empty();
        try {
            Conversation c = MAPPER.readValue(f.toFile(), Conversation.class);
            if (c == null || !f.getFileName().toString().equals(c.id() + ".json")) {
                LOG.warn("Ignoring {}: its id does not match its name", f);
                return Optional.empty();
            }
            return Optional.of(c);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Ignoring unreadable conversation {}: {}", f, e.getMessage());
            return Optional.empty();
        }
    }

    /** Jackson closes the stream it writes to; the atomic writer still needs it open to force it to disk. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
