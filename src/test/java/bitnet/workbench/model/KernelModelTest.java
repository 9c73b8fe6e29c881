package bitnet.workbench.model;

import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.kernel.ActivationQuantization;
import bitnet.workbench.testsupport.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every fast kernel, at one and two threads, on the reference tiny models: the ternary (integer)
 * path must give the scalar kernel's activations bit for bit — checked through the probe's absmax
 * of every projection input of every layer and token — and the same greedy tokens; the logits
 * differ only by the float lm_head's summation order.
 */
class KernelModelTest {
    private static final int[] PROMPT = {1, 403, 407, 261, 378, 290, 301, 455, 12, 77, 310};
    private static final int DECODE = 12;

    record Run(List<Float> absMax, float[] firstLogits, int[] greedy) {
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String file : List.of("bitnet-tiny-i2_s.gguf", "bitnet-b158-tiny-i2_s.gguf", "bitnet-tiny-tq2_0.gguf", "bitnet-tiny-tq1_0.gguf")) {
            for (ActivationQuantization q : ActivationQuantization.values()) {
                for (String kernel : List.of("vector-i8", "vector-lut")) out.add(Arguments.of(file, q, kernel));
            }
        }
        return out.stream();
    }

    static Run run(TransformerModel model) {
        List<Float> absMax = new ArrayList<>();
        try (Sequence seq = model.newSequence()) {
            seq.setProbe(new ForwardProbe() {
                @Override
                public void activation(int layer, BitLinearInput input, int position, float max) {
                    absMax.add(max);
                }
            });
            float[] logits = new float[model.vocabSize()];
            seq.append(PROMPT, 0, PROMPT.length, logits);
            float[] first = logits.clone();
            int[] greedy = new int[DECODE];
            for (int i = 0; i < DECODE; i++) {
                greedy[i] = Reference.argmax(logits, model.vocabSize());
                seq.append(new int[] {greedy[i]}, 0, 1, logits);
            }
            return new Run(absMax, first, greedy);
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void fastKernelsReproduceTheScalarKernelsActivationsAtOneAndTwoThreads(String file, ActivationQuantization rule, String kernel) throws Exception {
        ModelOptions options = ModelOptions.defaults().withActivationQuantization(rule).withContextLength(64);
        try (GgufFile f = GgufFile.open(Reference.model(file)); TransformerModel model = ModelLoader.load(f, options)) {
            Run reference = run(model);
            for (int threads : new int[] {1, 2}) {
                model.reconfigure(kernel, threads);
                Run fast = run(model);
                assertThat(fast.absMax()).as("%s, %d threads: every projection input", kernel, threads).isEqualTo(reference.absMax());
                assertThat(fast.greedy()).as("greedy tokens").containsExactly(reference.greedy());
                assertThat(Reference.maxAbsDiff(fast.firstLogits(), reference.firstLogits())).as("logits").isLessThanOrEqualTo(1e-4);
            }
            if (bitnet.workbench.kernel.Kernels.byName(kernel).repacksTernary() && rule == ActivationQuantization.PER_TOKEN) {
                assertThat(model.repackedBytes()).as("lookup-table forms attached").isPositive();
            }
            model.reconfigure("scalar", 1);
            assertThat(model.repackedBytes()).as("freed when the kernel no longer needs them").isZero();
            assertThat(run(model).absMax()).isEqualTo(reference.absMax());
        }
    }

    /**
     * Without a probe, a batch's per-token steps (quantizing each input included) and its products
     * run on every thread; every token's arithmetic is the same calls, so the logits of a prompt
     * and of the tokens decoded after it are the one-thread ones bit for bit.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"vector-lut", "vector-i8"})
    void promptsWithoutAProbeGiveTheOneThreadLogitsExactlyOnTwoAndThreeThreads(String kernel) throws Exception {
        try (GgufFile file = GgufFile.open(Reference.model("bitnet-tiny-i2_s.gguf"));
             TransformerModel model = ModelLoader.load(file, ModelOptions.defaults().withContextLength(128).withKernel(kernel).withThreads(1))) {
            int[] prompt = new int[45]; // a batch of 32, then 13
            for (int i = 0; i < prompt.length; i++) prompt[i] = (50 + 11 * i) % 500;
            float[][] one = promptAndTwoTokens(model, prompt);
            for (int threads : new int[] {2, 3}) {
                model.reconfigure(kernel, threads);
                float[][] many = promptAndTwoTokens(model, prompt);
                for (int k = 0; k < one.length; k++) assertThat(many[k]).as("%d threads, logits %d", threads, k).containsExactly(one[k]);
            }
        }
    }

    private static float[][] promptAndTwoTokens(TransformerModel model, int[] prompt) {
        try (Sequence seq = model.newSequence()) {
            float[][] out = new float[3][model.vocabSize()];
            seq.append(prompt, 0, prompt.length, out[0]);
            seq.append(new int[] {Reference.argmax(out[0], model.vocabSize())}, 0, 1, out[1]);
            seq.append(new int[] {Reference.argmax(out[1], model.vocabSize())}, 0, 1, out[2]);
            return out;
        }
    }

    @Test
    void onceCompiledDecodingWithTheLookupTableKernelOnTwoThreadsAllocatesNothing() throws Exception {
        try (GgufFile file = GgufFile.open(Reference.model("bitnet-tiny-i2_s.gguf"));
             TransformerModel model = ModelLoader.load(file, ModelOptions.defaults().withContextLength(128).withKernel("vector-lut").withThreads(2));
             Sequence seq = model.newSequence()) {
            float[] logits = new float[model.vocabSize()];
            int[] token = {300};
            for (int i = 0; i < 100; i++) seq.append(token, 0, 1, logits); // warm up; the cache reaches full size
            seq.truncate(0);
            long allocated = allocatedOnceSteady(() -> {
                seq.truncate(0);
                for (int i = 0; i < 40; i++) seq.append(token, 0, 1, logits);
            });
            assertThat(allocated).as("bytes allocated by the caller and the worker over 40 decode steps").isLessThan(4096);
        }
    }

    @Test
    void onceCompiledPromptsWithTheLookupTableKernelOnTwoThreadsAllocateNothing() throws Exception {
        try (GgufFile file = GgufFile.open(Reference.model("bitnet-tiny-i2_s.gguf"));
             TransformerModel model = ModelLoader.load(file, ModelOptions.defaults().withContextLength(128).withKernel("vector-lut").withThreads(2));
             Sequence seq = model.newSequence()) {
            float[] logits = new float[model.vocabSize()];
            int[] prompt = new int[39]; // a full batch of 32, then 7: four inputs, and three that fill a pass of four
            for (int i = 0; i < prompt.length; i++) prompt[i] = 100 + 7 * i;
            long allocated = allocatedOnceSteady(() -> {
                for (int i = 0; i < 4; i++) {
                    seq.truncate(0);
                    seq.append(prompt, 0, prompt.length, logits);
                }
            });
            assertThat(allocated).as("bytes allocated by the caller and the worker over four 39-token prompts").isLessThan(4096);
        }
    }

    /**
     * Bytes the calling thread and the kernel worker allocate while {@code work} runs, repeated
     * until under 4 KB: until C2 has compiled the vector code, the interpreter boxes vectors.
     * Bounded by time, not rounds: C2 may be busy compiling what earlier tests ran.
     */
    private static long allocatedOnceSteady(Runnable work) {
        long[] ids = Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t == Thread.currentThread() || t.getName().startsWith("kernel-worker")).mapToLong(Thread::threadId).toArray();
        assertThat(ids).as("the caller and one worker").hasSize(2);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocated = Long.MAX_VALUE;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (allocated >= 4096 && System.nanoTime() < deadline) {
            long[] before = threads.getThreadAllocatedBytes(ids);
            work.run();
            long[] after = threads.getThreadAllocatedBytes(ids);
            allocated = 0;
            for (int i = 0; i < ids.length; i++) allocated += after[i] - before[i];
        }
        return allocated;
    }
}
