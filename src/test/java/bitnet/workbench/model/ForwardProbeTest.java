package bitnet.workbench.model;

import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.tensor.TensorFormats;
import bitnet.workbench.testsupport.Reference;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ForwardProbeTest {
    private static final int[] PROMPT = {1, 403, 407, 261, 378};

    record Activation(int layer, BitLinearInput input, int position, float absMax) {
    }

    @Test
    void theProbeSeesEveryProjectionInputOfEveryLayerAndToken() throws Exception {
        try (GgufFile file = GgufFile.open(Reference.model("bitnet-tiny-i2_s.gguf"));
             TransformerModel model = ModelLoader.load(file, ModelOptions.defaults());
             Sequence seq = model.newSequence()) {
            List<Activation> seen = new ArrayList<>();
            Set<ForwardOp> timed = EnumSet.noneOf(ForwardOp.class);
            long[] nanos = {0};
            seq.setProbe(new ForwardProbe() {
                @Override
                public void activation(int layer, BitLinearInput input, int position, float absMax) {
                    seen.add(new Activation(layer, input, position, absMax));
                }

                @Override
                public void time(int layer, ForwardOp op, int tokens, long n) {
                    assertThat(layer == -1).isEqualTo(op.outsideBlocks());
                    timed.add(op);
                    nanos[0] += n;
                }
            });
            seq.append(PROMPT, 0, PROMPT.length, new float[model.vocabSize()]);

            assertThat(seen).hasSize(PROMPT.length * 2 * 4);
            assertThat(timed).isEqualTo(EnumSet.allOf(ForwardOp.class));
            assertThat(nanos[0]).isPositive();
            assertThat(seen).allSatisfy(a -> assertThat(a.absMax()).isPositive().isFinite());

            // Layer 0's first input is rmsnorm(embedding)·attn_norm, computed here independently in double.
            for (int pos = 0; pos < PROMPT.length; pos++) {
                float[] emb = new float[256];
                TensorFormats.of(file.tensor("token_embd.weight").type()).dequantize(file.tensorData("token_embd.weight"), 256L * PROMPT[pos], 256, emb, 0);
                float[] norm = new float[256];
                TensorFormats.of(file.tensor("blk.0.attn_norm.weight").type()).dequantize(file.tensorData("blk.0.attn_norm.weight"), 0, 256, norm, 0);
                double ss = 0;
                for (float v : emb) ss += (double) v * v;
                double inv = 1 / Math.sqrt(ss / 256 + 1e-5);
                double max = 0;
                for (int i = 0; i < 256; i++) max = Math.max(max, Math.abs(emb[i] * inv * norm[i]));
                int p = pos;
                Activation a = seen.stream().filter(x -> x.layer() == 0 && x.input() == BitLinearInput.ATTN_QKV && x.position() == p).findFirst().orElseThrow();
                assertThat((double) a.absMax()).isCloseTo(max, within(1e-6 * max));
            }
        }
    }

    @Test
    void withoutAProbeDecodingAllocatesNothing() throws Exception {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (GgufFile file = GgufFile.open(Reference.model("bitnet-tiny-i2_s.gguf"));
             TransformerModel model = ModelLoader.load(file, ModelOptions.defaults().withContextLength(64));
             Sequence seq = model.newSequence()) {
            float[] logits = new float[model.vocabSize()];
            int[] token = {300};
            // Vector code allocates until C2 compiles it: measure rounds of 40 steps until one is
            // clean or the JIT has had ample time. A steady-state allocation fails every round.
            long allocated = Long.MAX_VALUE;
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (allocated >= 1024 && System.nanoTime() < deadline) {
                seq.truncate(0);
                long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 40; i++) seq.append(token, 0, 1, logits);
                allocated = threads.getCurrentThreadAllocatedBytes() - before;
            }
            assertThat(allocated).as("bytes allocated by 40 decode steps once compiled").isLessThan(1024);
        }
    }
}
