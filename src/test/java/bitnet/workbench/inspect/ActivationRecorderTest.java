package bitnet.workbench.inspect;

import bitnet.workbench.engine.LoadedModel;
import bitnet.workbench.model.BitLinearInput;
import bitnet.workbench.model.ModelOptions;
import bitnet.workbench.testsupport.Reference;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActivationRecorderTest {
    private static final String PROMPT = "Once upon a time";

    @Test
    void aRecordingHasOneFiniteAbsmaxPerLayerInputAndToken() throws Exception {
        try (LoadedModel m = LoadedModel.open(Reference.model("bitnet-tiny-i2_s.gguf"), ModelOptions.defaults())) {
            ActivationRecording r = ActivationRun.record(m.model(), m.tokenizer(), PROMPT).recording();
            int[] tokens = m.tokenizer().encode(PROMPT, true, false);
            assertThat(r.tokens()).containsExactly(tokens);
            assertThat(r.tokens()).startsWith(1, 403, 407, 261, 378); // the reference prompt ids
            assertThat(r.tokenTexts()).containsExactly("<s>", "▁Once", "▁upon", "▁a", "▁time");
            assertThat(r.layers()).isEqualTo(2);
            assertThat(r.absMax()).hasSize(2 * 4 * tokens.length);
            for (float v : r.absMax()) assertThat(v).isPositive().isFinite();
            assertThat(r.scale(1, BitLinearInput.FFN_DOWN, 2)).isEqualTo((float) (127.0 / r.absMax(1, BitLinearInput.FFN_DOWN, 2)));
        }
    }

    @Test
    void theAbsmaxOfEveryInputIsTheLargestMagnitudeOfTheCapturedVector() throws Exception {
        try (LoadedModel m = LoadedModel.open(Reference.model("bitnet-tiny-tq2_0.gguf"), ModelOptions.defaults())) {
            for (int layer = 0; layer < 2; layer++) {
                for (BitLinearInput in : BitLinearInput.values()) {
                    ActivationRun.Result r = ActivationRun.record(m.model(), m.tokenizer(), PROMPT, layer, in);
                    assertThat(r.captures()).hasSize(5);
                    for (ActivationCapture c : r.captures()) {
                        float[] x = c.values();
                        assertThat(x).hasSize(in == BitLinearInput.FFN_DOWN ? 512 : 256);
                        float max = 0;
                        for (float v : x) max = Math.max(max, Math.abs(v));
                        assertThat(r.recording().absMax(layer, in, c.token())).isEqualTo(max);
                        assertThat(c.absMax()).isEqualTo(max);
                        // bitnet.cpp's rule, recomputed: s = (float)(127 / max(1e-5, max)), q = clamp(rint(x·s)).
                        float s = (float) (127.0 / Math.max(1e-5, max));
                        assertThat(c.scale()).isEqualTo(s);
                        byte[] q = c.codes();
                        for (int i = 0; i < x.length; i++) assertThat((int) q[i]).isEqualTo((int) Math.max(-128, Math.min(127, Math.rint(x[i] * s))));
                        long[] counts = c.codeCounts();
                        assertThat(counts[127 + 128] + counts[-127 + 128]).isPositive(); // the largest value maps to ±127
                    }
                }
            }
        }
    }

    @Test
    void recordingLeavesTheModelsOtherSequencesWithoutAProbe() throws Exception {
        try (LoadedModel m = LoadedModel.open(Reference.model("bitnet-tiny-i2_s.gguf"), ModelOptions.defaults());
             var chat = m.model().newSequence()) {
            float[] before = new float[m.model().vocabSize()];
            chat.append(new int[] {1, 403}, 0, 2, before);
            ActivationRun.record(m.model(), m.tokenizer(), PROMPT);
            float[] after = new float[m.model().vocabSize()];
            chat.append(new int[] {407}, 0, 1, after);
            try (var fresh = m.model().newSequence()) {
                float[] expected = new float[m.model().vocabSize()];
                fresh.append(new int[] {1, 403, 407}, 0, 3, expected);
                assertThat(after).containsExactly(expected);
            }
        }
    }

    @Test
    void aPromptLongerThanTheRecordingLimitIsRefusedWithAPlainMessage() throws Exception {
        try (LoadedModel m = LoadedModel.open(Reference.model("stories260K.gguf"), ModelOptions.defaults())) {
            String tooLong = "a ".repeat(ActivationRun.MAX_TOKENS + 10);
            assertThatThrownBy(() -> ActivationRun.record(m.model(), m.tokenizer(), tooLong))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most " + ActivationRun.MAX_TOKENS);
        }
    }
}
