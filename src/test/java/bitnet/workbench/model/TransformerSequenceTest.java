package bitnet.workbench.model;

import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.testsupport.Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransformerSequenceTest {
    private static final int[] PROMPT = {1, 403, 407, 261, 378, 300, 310, 320, 330, 340};
    private static GgufFile file;
    private static TransformerModel model;

    @BeforeAll
    static void load() throws Exception {
        file = GgufFile.open(Reference.model("bitnet-tiny-i2_s.gguf"));
        model = ModelLoader.load(file, ModelOptions.defaults().withContextLength(12));
    }

    @AfterAll
    static void close() {
        if (model != null) model.close();
        if (file != null) file.close();
    }

    private static float[] fresh(int[] tokens) {
        try (Sequence s = model.newSequence()) {
            float[] logits = new float[model.vocabSize()];
            s.append(tokens, 0, tokens.length, logits);
            return logits;
        }
    }

    @Test
    void truncatingAndAppendingAgainGivesTheLogitsOfAFreshRun() {
        int[] other = PROMPT.clone();
        other[7] = 111;
        other[8] = 222;
        try (Sequence s = model.newSequence()) {
            float[] logits = new float[model.vocabSize()];
            s.append(PROMPT, 0, PROMPT.length, logits);
            s.truncate(6);
            assertThat(s.position()).isEqualTo(6);
            s.append(other, 6, other.length - 6, logits);
            assertThat(logits).containsExactly(fresh(other));
        }
    }

    @Test
    void appendingTokenByTokenEqualsOneAppend() {
        try (Sequence s = model.newSequence()) {
            float[] logits = new float[model.vocabSize()];
            for (int i = 0; i < PROMPT.length; i++) s.append(PROMPT, i, 1, logits);
            assertThat(logits).containsExactly(fresh(PROMPT));
        }
    }

    @Test
    void overflowingTheContextFailsBeforeAnyWork() {
        try (Sequence s = model.newSequence()) {
            float[] logits = new float[model.vocabSize()];
            s.append(PROMPT, 0, 10, logits);
            float[] before = logits.clone();
            assertThatThrownBy(() -> s.append(new int[] {5, 6, 7}, 0, 3, logits))
                .isInstanceOf(ContextOverflowException.class)
                .satisfies(e -> {
                    ContextOverflowException c = (ContextOverflowException) e;
                    assertThat(c.requested()).isEqualTo(3);
                    assertThat(c.available()).isEqualTo(2);
                })
                .hasMessageContaining("12");
            assertThat(s.position()).isEqualTo(10);
            assertThat(logits).containsExactly(before);
            // the sequence is intact: filling it to the limit matches a fresh run
            s.append(new int[] {5, 6}, 0, 2, logits);
            int[] all = Arrays.copyOf(PROMPT, 12);
            all[10] = 5;
            all[11] = 6;
            assertThat(logits).containsExactly(fresh(all));
        }
    }

    @Test
    void badTokenIdsAndPositionsAreRejectedWithoutChangingTheSequence() {
        try (Sequence s = model.newSequence()) {
            s.append(PROMPT, 0, 3, null);
            assertThatThrownBy(() -> s.append(new int[] {7, 512}, 0, 2, null)).hasMessageContaining("token id 512").hasMessageContaining("vocabulary of 512");
            assertThatThrownBy(() -> s.append(new int[] {-1}, 0, 1, null)).hasMessageContaining("token id -1");
            assertThatThrownBy(() -> s.truncate(4)).hasMessageContaining("holds 3 positions");
            assertThatThrownBy(() -> s.append(new int[] {7}, 0, 1, new float[10])).hasMessageContaining("logits array");
            assertThat(s.position()).isEqualTo(3);
        }
    }

    @Test
    void aClosedModelRefusesNewWork() throws Exception {
        try (GgufFile f = GgufFile.open(Reference.model("bitnet-tiny-tq2_0.gguf"))) {
            TransformerModel m = ModelLoader.load(f, ModelOptions.defaults());
            Sequence s = m.newSequence();
            m.close();
            assertThatThrownBy(() -> s.append(new int[] {1}, 0, 1, null)).hasMessageContaining("closed");
        }
    }
}
