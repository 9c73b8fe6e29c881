package bitnet.workbench.model;

import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.kernel.LutMatrix;
import bitnet.workbench.kernel.WeightMatrix;
import bitnet.workbench.testsupport.Reference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.foreign.Arena;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Repacking through a read window that is much smaller than a tensor (one row, a few rows, a
 * window that does not divide the row count) gives exactly the lookup-table form packed straight
 * from the mapped bytes.
 */
class RepackerTest {
    @ParameterizedTest(name = "{0}, window {1} bytes")
    @CsvSource({"bitnet-tiny-i2_s.gguf, 1", "bitnet-tiny-i2_s.gguf, 700", "bitnet-tiny-tq2_0.gguf, 1", "bitnet-tiny-tq2_0.gguf, 1000",
        "bitnet-b158-tiny-i2_s.gguf, 333"})
    void aSmallReadWindowPacksEveryMatrixExactlyAsTheWholeTensorDoes(String model, long window) throws Exception {
        try (GgufFile file = GgufFile.open(Reference.model(model));
             TransformerModel m = ModelLoader.load(file, ModelOptions.defaults());
             Arena arena = Arena.ofShared();
             Repacker repacker = new Repacker(file, window)) {
            int packed = 0;
            for (LayerWeights l : m.forward().weights().layers()) {
                for (WeightMatrix w : List.of(l.wq(), l.wk(), l.wv(), l.wo(), l.gate(), l.up(), l.down())) {
                    LutMatrix expected = LutMatrix.pack(w, w.data(), arena);
                    WeightMatrix viaWindow = repacker.lut(w, arena);
                    if (expected == null) {
                        assertThat(viaWindow.lut()).as(w.name()).isNull();
                        continue;
                    }
                    LutMatrix actual = viaWindow.lut();
                    assertThat(actual).as(w.name()).isNotNull();
                    assertThat(actual.words().toArray(java.lang.foreign.ValueLayout.JAVA_BYTE))
                        .as("packed words of %s", w.name()).isEqualTo(expected.words().toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
                    assertThat(actual.rowScales()).as("row scales of %s", w.name()).containsExactly(expected.rowScales());
                    packed++;
                }
            }
            assertThat(packed).as("matrices compared").isGreaterThan(0);
        }
    }
}
