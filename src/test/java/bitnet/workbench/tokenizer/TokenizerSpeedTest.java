package bitnet.workbench.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import bitnet.workbench.gguf.GgufMetadata;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Large inputs on the 128256-token, 280147-merge LLaMA-3 vocabulary round-trip exactly. The times
 * are printed for a person to read; speed is not asserted (the machine is shared and noisy), only a
 * generous time-out guards against a pathological slowdown such as a cubic merge loop.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TokenizerSpeedTest {

    @Test
    void aTenthOfAMegabyteOfMixedTextRoundTripsThroughTheLlama3Vocabulary() {
        GgufMetadata md = ReferenceVocabularies.metadata(ReferenceVocabularies.BPE);
        Tokenizers.fromMetadata(md); // warm up class loading and the JIT a little
        long t0 = System.nanoTime();
        Tokenizer tok = Tokenizers.fromMetadata(md);
        long loadNanos = System.nanoTime() - t0;

        StringBuilder sb = new StringBuilder();
        while (sb.length() < 100_000) {
            sb.append("The year 2024 had 366 days. Здраво свете! 你好，世界 🦙 def add(a, b):\n    return a + b\n");
        }
        String text = sb.toString();
        tok.encode(text, true, false);
        long t1 = System.nanoTime();
        int[] ids = tok.encode(text, true, false);
        long encodeNanos = System.nanoTime() - t1;

        System.out.printf("llama3 vocab load %.1f ms; encode %d chars -> %d tokens in %.1f ms%n",
                loadNanos / 1e6, text.length(), ids.length, encodeNanos / 1e6);
        assertThat(tok.decode(ids)).isEqualTo(text);
    }

    @Test
    void aTwentyThousandCharacterWordRoundTrips() {
        // one pre-tokenizer word of 20000 characters: the rank queue keeps this near n log n
        Tokenizer tok = ReferenceVocabularies.bpe();
        String text = "x".repeat(20_000);
        tok.encode("x".repeat(2_000), false, false);
        long t0 = System.nanoTime();
        int[] ids = tok.encode(text, false, false);
        long nanos = System.nanoTime() - t0;
        System.out.printf("20000 x -> %d tokens in %.1f ms%n", ids.length, nanos / 1e6);
        assertThat(tok.decode(ids)).isEqualTo(text);
    }
}
