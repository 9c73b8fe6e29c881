package bitnet.workbench.cli;

import bitnet.workbench.gguf.GgufFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TrainCommandTest {
    private static final String VERSES = """
        In the beginning God created the heaven and the earth.
        And the earth was without form, and void; and darkness was upon the face of the deep.
        And the Spirit of God moved upon the face of the waters.
        And God said, Let there be light: and there was light.
        And God saw the light, that it was good: and God divided the light from the darkness.
        """;

    private static String[] tiny(Path corpus, Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--corpus", corpus.toString(), "--out", out.toString(),
            "--vocab", "300", "--layers", "1", "--dim", "128", "--ffn", "256", "--heads", "2", "--kv-heads", "1",
            "--ctx", "16", "--batch", "2", "--log-every", "2", "--eval-every", "4", "--checkpoint-every", "4",
            "--eval-batches", "1", "--held-out-every", "2", "--threads", "2"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void trainsReportsProgressWritesCheckpointLogAndGgufAndResumes(@TempDir Path dir) throws IOException {
        Path corpus = dir.resolve("corpus.txt");
        // 4 blocks of 100 lines; every 2nd block is held out
        Files.writeString(corpus, VERSES.repeat(80));
        Path out = dir.resolve("run");
        CliRun first = CliRun.of(tiny(corpus, out, "--steps", "4"));
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("tokenizer: 300 tokens", "step      2/4", "tok/s", "held-out loss", "perplexity",
            "wrote " + out.resolve("model-i2_s.gguf"), "skipped model-tq2_0.gguf");
        assertThat(out.resolve("checkpoint.bin")).exists();
        try (GgufFile f = GgufFile.open(out.resolve("model-i2_s.gguf"))) {
            assertThat(f.metadata().getString("general.architecture")).isEqualTo("bitnet-b1.58");
            assertThat(f.metadata().getInt("bitnet-b1.58.block_count")).isEqualTo(1);
        }
        List<String> csv = Files.readAllLines(out.resolve("loss.csv"));
        assertThat(csv.getFirst()).startsWith("step,tokens");
        assertThat(csv).hasSize(3);
        assertThat(csv.get(2)).startsWith("4,128,");
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(out.resolve("loss.png").toFile());
        assertThat(png.getWidth()).isEqualTo(900);
        assertThat(png.getHeight()).isEqualTo(500);

        CliRun resumed = CliRun.of(tiny(corpus, out, "--resume", out.resolve("checkpoint.bin").toString(), "--steps", "6",
            "--no-export"));
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("resuming", "at step 4 of 6", "step      6/6").doesNotContain("step      2/");
        assertThat(Files.readAllLines(out.resolve("loss.csv"))).hasSize(4);
    }

    @Test
    void badInputGivesOneLineErrors(@TempDir Path dir) throws IOException {
        CliRun missing = CliRun.of(tiny(dir.resolve("nope.txt"), dir.resolve("o"), "--steps", "1"));
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("corpus file not found");
        Path corpus = Files.writeString(dir.resolve("c.txt"), VERSES);
        CliRun badDims = CliRun.of("train", "--corpus", corpus.toString(), "--out", dir.resolve("o").toString(),
            "--vocab", "300", "--dim", "100", "--heads", "3");
        assertThat(badDims.exitCode()).isEqualTo(2);
        assertThat(badDims.err().strip()).isEqualTo("error: dim 100 is not a multiple of heads 3");
    }
}
