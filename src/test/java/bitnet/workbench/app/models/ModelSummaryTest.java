package bitnet.workbench.app.models;

import bitnet.workbench.gguf.GgufFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ModelSummaryTest {
    // The synthetic model (reference README section 3): n_embd 256, n_ff 512, 2 layers, 4 heads of 64,
    // 2 KV heads, vocabulary 512, tied embeddings.
    private static final long TERNARY_PER_LAYER = 256 * 256 + 2 * 256 * 128 + 256 * 256 + 3 * 256 * 512;
    private static final long NORMS_PER_LAYER = 256 + 256 + 256 + 512;
    private static final long TERNARY = 2 * TERNARY_PER_LAYER;
    private static final long PARAMETERS = TERNARY + 2 * NORMS_PER_LAYER + 256 + 512 * 256;

    @ParameterizedTest
    @ValueSource(strings = {"bitnet-tiny-tq2_0.gguf", "bitnet-tiny-tq1_0.gguf", "bitnet-tiny-i2_s.gguf"})
    void ternaryFilesCountTheSevenProjectionsPerLayerAsTernary(String name) throws Exception {
        Path p = ReferenceModels.path(name);
        try (GgufFile f = GgufFile.open(p)) {
            ModelSummary s = ModelSummary.of(f);
            assertThat(s.parameters()).isEqualTo(PARAMETERS).isEqualTo(1_313_536);
            assertThat(s.ternaryParameters()).isEqualTo(TERNARY);
            assertThat(s.ternaryShare()).isCloseTo((double) TERNARY / PARAMETERS, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(s.fileSize()).isEqualTo(Files.size(p));
            assertThat(s.tensorCount()).isEqualTo(24);
            assertThat(s.architecture()).isEqualTo("bitnet");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bitnet-tiny-f32.gguf"})
    void aFloatFileHasNoTernaryShare(String name) throws Exception {
        try (GgufFile f = GgufFile.open(ReferenceModels.path(name))) {
            ModelSummary s = ModelSummary.of(f);
            assertThat(s.parameters()).isEqualTo(PARAMETERS);
            assertThat(s.ternaryShare()).isZero();
        }
    }
}
