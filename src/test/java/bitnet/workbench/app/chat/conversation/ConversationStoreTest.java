package bitnet.workbench.app.chat.conversation;

import bitnet.workbench.io.AtomicFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConversationStoreTest {
    @TempDir
    Path home;

    private static Conversation chat(String id, long updated, String... texts) {
        List<ChatTurn> turns = new java.util.ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            turns.add(i % 2 == 0 ? ChatTurn.user(texts[i])
                : ChatTurn.assistant(texts[i], new ReplyStats(12, 3, 41.5, i == 1 ? Double.NaN : 250.25, "end of text")));
        }
        return new Conversation(id, "", 1_000, updated, "Be brief.", turns, "stories260K.gguf");
    }

    /** A disk that accepts {@code room} bytes of a write and then fails as a full disk does. */
    private static ConversationStore.Disk fullAfter(int room) {
        return (file, content) -> AtomicFiles.write(file, out -> content.writeTo(new FilterOutputStream(out) {
            int written;

            @Override
            public void write(int b) throws IOException {
                if (++written > room) throw new IOException("No space left on device");
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                for (int i = 0; i < len; i++) write(b[off + i]);
            }
        }));
    }

    @Test
    void aSavedConversationLoadsBackEqualIncludingStatisticsThatAreNotANumber() throws IOException {
        ConversationStore store = new ConversationStore(home);
        Conversation c = chat("c1", 5_000, "Once upon a time", ", there was", "Then", " she smiled");
        store.save(c);
        Conversation back = store.load("c1").orElseThrow();
        assertThat(back).isEqualTo(c);
        assertThat(back.turns().get(1).stats().decodeTokensPerSecond()).isNaN();
        assertThat(back.turns().get(3).stats().decodeTokensPerSecond()).isEqualTo(250.25);
        assertThat(Files.readString(store.fileOf("c1"))).contains("\"systemPrompt\" : \"Be brief.\"").doesNotContain("\"empty\"");
    }

    @Test
    void theListIsNewestFirstAndSkipsFilesThatAreNotConversations() throws IOException {
        ConversationStore store = new ConversationStore(home);
        store.save(chat("old", 1_000, "a"));
        store.save(chat("new", 9_000, "b"));
        store.save(chat("mid", 5_000, "c"));
        Files.writeString(store.folder().resolve("broken.json"), "{ not json");
        Files.writeString(store.folder().resolve("renamed.json"), Files.readString(store.fileOf("old")));
        assertThat(store.list()).extracting(Conversation::id).containsExactly("new", "mid", "old");
    }

    @Test
    void aSaveThatRunsOutOfDiskSpaceLeavesThePreviousCopyIntact() throws IOException {
        Conversation before = chat("c1", 5_000, "Once upon a time", ", there was a girl");
        new ConversationStore(home).save(before);
        byte[] onDisk = Files.readAllBytes(new ConversationStore(home).fileOf("c1"));

        ConversationStore full = new ConversationStore(home, fullAfter(100));
        Conversation longer = before.append(ChatTurn.user("And then?".repeat(50)), 6_000);
        assertThatThrownBy(() -> full.save(longer)).hasMessageContaining("No space left on device");

        assertThat(Files.readAllBytes(full.fileOf("c1"))).isEqualTo(onDisk);
        assertThat(full.load("c1")).contains(before);
        try (Stream<Path> files = Files.list(full.folder())) {
            assertThat(files).containsExactly(full.fileOf("c1"));
        }
    }

    @Test
    void deletingRemovesTheFile() throws IOException {
        ConversationStore store = new ConversationStore(home);
        store.save(chat("c1", 1, "x"));
        store.delete("c1");
        assertThat(store.list()).isEmpty();
        assertThat(store.load("c1")).isEmpty();
    }

    @Test
    void exportWritesReadableMarkdownAndAFailedExportKeepsTheOldFile() throws IOException {
        Conversation c = chat("c1", 5_000, "Once upon a time", ", there was a **girl**");
        Path target = home.resolve("story.md");
        new ConversationStore(home).exportMarkdown(c, target);
        String md = Files.readString(target, StandardCharsets.UTF_8);
        assertThat(md).startsWith("# Once upon a time\n\n")
            .contains("> **System:** Be brief.\n\n")
            .contains("## You\n\nOnce upon a time\n\n## Assistant\n\n, there was a **girl**\n\n_3 tokens · first token 42 ms · end of text_\n");

        assertThatThrownBy(() -> new ConversationStore(home, fullAfter(10)).exportMarkdown(c.withTitle("Other", 6_000), target))
            .isInstanceOf(IOException.class);
        assertThat(Files.readString(target)).isEqualTo(md);
    }
}
