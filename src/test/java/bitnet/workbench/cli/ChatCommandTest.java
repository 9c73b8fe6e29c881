package bitnet.workbench.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ChatCommandTest {
    private static final Path STORIES = Path.of(System.getProperty("reference.dir", "../shared/reference"), "models/stories260K.gguf");

    private static CliRun chatWithInput(String input, String... args) {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            return CliRun.of(args);
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void eachTurnStreamsAReplyAndReusesTheCachedConversation() {
        Assumptions.assumeTrue(Files.isRegularFile(STORIES), "reference folder absent");
        CliRun r = chatWithInput("Once upon a time\nThe little girl\n/exit\n",
            "chat", "-m", STORIES.toString(), "--temp", "0", "-n", "8");
        assertThat(r.exitCode()).as(r.err()).isZero();
        // stories260K has no chat template: the first turn is a plain continuation, as generate gives
        assertThat(r.out()).startsWith("> , there was a little girl" + System.lineSeparator() + "> ");
        assertThat(r.err()).contains("plain text").contains("prompt: 5 tokens (0 reused)");
        // the second turn re-sends history; everything but the last evaluated token comes from the cache
        assertThat(r.err()).containsPattern("prompt: \\d+ tokens \\((1[0-9]|[2-9][0-9]) reused\\)");
    }

    @Test
    void resetForgetsTheConversation() {
        Assumptions.assumeTrue(Files.isRegularFile(STORIES), "reference folder absent");
        CliRun r = chatWithInput("Once upon a time\n/reset\nOnce upon a time\n",
            "chat", "-m", STORIES.toString(), "--temp", "0", "-n", "8");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).contains("(conversation cleared)");
        String reply = ", there was a little girl";
        assertThat(r.out().split(reply, -1)).hasSize(3);
    }
}
