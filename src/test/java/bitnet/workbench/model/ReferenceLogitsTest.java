package bitnet.workbench.model;

import bitnet.workbench.kernel.ActivationQuantization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The forward pass against the reference engines and the numpy model (reference/README.md §1, §3),
 * each compared only under the numerics of the thing it is compared with.
 */
class ReferenceLogitsTest {
    private static final String SYNTH = "synthetic_bitnet.json";

    /** llama.cpp numerics: Q8_K activation blocks, F16-rounded lm_head input. */
    private static final ModelOptions UPSTREAM = ModelOptions.defaults().withActivationQuantization(ActivationQuantization.Q8K_BLOCKS);
    /** bitnet.cpp `precise` numerics: per-token int8, F16-rounded lm_head input, F32 keys and F16 values. */
    private static final ModelOptions FORK_PRECISE = ModelOptions.defaults().withLmHeadInput(LmHeadInput.F16).withKvCache(KvCacheType.F32, KvCacheType.F16);

    @Test
    void stories260kMatchesUpstreamPreciseLogitsAndItsWhole64TokenGreedyContinuations() throws Exception {
        List<Runs.Comparison> cases = Runs.compare("stories260K.gguf", ModelOptions.defaults(),
            Runs.reference("stories260k_generation.json", "runs", "precise"));
        assertThat(cases).hasSize(6).allSatisfy(c -> {
            assertThat(c.maxAbs()).as(c.prompt()).isLessThanOrEqualTo(1e-2);
            assertThat(c.greedyEqualPrefix()).as(c.prompt()).isEqualTo(64);
        });
    }

    @Test
    void floatBitnetMatchesUpstreamPreciseWithinOneThousandth() throws Exception {
        assertClose("bitnet-tiny-f32.gguf", UPSTREAM, Runs.reference(SYNTH, "runs", "tiny_f32_up/precise"), 1e-3);
    }

    @ParameterizedTest(name = "{0} vs {1}")
    @CsvSource({"bitnet-tiny-f32.gguf, tiny_f32_fork/precise", "bitnet-b158-tiny-f32.gguf, tiny158_f32_fork/precise"})
    void floatBitnetMatchesBitnetCppPreciseWithinOneThousandth(String file, String run) throws Exception {
        assertClose(file, FORK_PRECISE, Runs.reference(SYNTH, "runs", run), 1e-3);
    }

    @ParameterizedTest(name = "{0} vs {1}")
    @CsvSource({"bitnet-tiny-f32.gguf, tiny/silu/float", "bitnet-b158-tiny-f32.gguf, tiny/relu2/float"})
    void floatBitnetMatchesTheNumpyFloatModelWithinOneTenThousandth(String file, String ref) throws Exception {
        assertClose(file, ModelOptions.defaults(), Runs.reference(SYNTH, "numpy_reference", ref), 1e-4);
    }

    @ParameterizedTest(name = "{0} vs {1}")
    @CsvSource({"bitnet-tiny-tq2_0.gguf, tiny_tq2_0_up/precise", "bitnet-tiny-tq1_0.gguf, tiny_tq1_0_up/precise"})
    void ternaryTqFilesWithQ8kBlocksMatchUpstreamPreciseWithinOneTenThousandth(String file, String run) throws Exception {
        assertClose(file, UPSTREAM, Runs.reference(SYNTH, "runs", run), 1e-4);
    }

    @ParameterizedTest(name = "{0} vs {1}")
    @CsvSource({
        "bitnet-tiny-i2_s.gguf, tiny/silu/spec_i8_per_token",
        "bitnet-b158-tiny-i2_s.gguf, tiny/relu2/spec_i8_per_token",
        "bitnet-tiny-tq2_0.gguf, tiny/silu/spec_i8_per_token",
        "bitnet-tiny-tq1_0.gguf, tiny/silu/spec_i8_per_token"})
    void perTokenInt8MatchesTheNumpySpecWithAtMostOneRoundingFlip(String file, String ref) throws Exception {
        List<Runs.Comparison> cases = Runs.compare(file, ModelOptions.defaults(), Runs.reference(SYNTH, "numpy_reference", ref));
        // One int8 code sitting on a rounding boundary may flip under float-ulp differences (README §3).
        List<Runs.Comparison> over = cases.stream().filter(c -> c.maxAbs() > 1e-4).toList();
        assertThat(over).as("prompts over 1e-4").hasSizeLessThanOrEqualTo(1);
        over.forEach(c -> assertThat(c.maxAbs()).as(c.prompt()).isLessThanOrEqualTo(0.1));
        assertThat(cases).allSatisfy(c -> assertThat(c.greedyEqualPrefix()).as(c.prompt()).isEqualTo(32));
    }

    @ParameterizedTest(name = "{0} vs {1}")
    @CsvSource({
        "bitnet-tiny-i2_s.gguf, tiny_i2_s_fork/precise",
        "bitnet-tiny-i2_s.gguf, tiny_i2_s_fork/default",
        "bitnet-b158-tiny-i2_s.gguf, tiny158_i2_s_fork/precise",
        "bitnet-b158-tiny-i2_s.gguf, tiny158_i2_s_fork/default"})
    void i2sAgreesWithBitnetCppToCrossEngineTolerance(String file, String run) throws Exception {
        // bitnet.cpp rounds K/V/Q to F16 on these runs, which moves int8 codes: agreement is ~0.2 abs, top-1 equal.
        List<Runs.Comparison> cases = Runs.compare(file, ModelOptions.defaults(), Runs.reference(SYNTH, "runs", run));
        assertThat(cases).hasSize(4).allSatisfy(c -> {
            assertThat(c.maxAbs()).as(c.prompt()).isLessThanOrEqualTo(0.2);
            assertThat(c.top1Equal()).as(c.prompt()).isTrue();
        });
    }

    private static void assertClose(String file, ModelOptions options, com.fasterxml.jackson.databind.JsonNode ref, double tolerance) throws Exception {
        List<Runs.Comparison> cases = Runs.compare(file, options, ref);
        assertThat(cases).hasSize(4).allSatisfy(c -> {
            assertThat(c.maxAbs()).as(c.prompt()).isLessThanOrEqualTo(tolerance);
            assertThat(c.greedyEqualPrefix()).as(c.prompt()).isEqualTo(32);
        });
    }
}
