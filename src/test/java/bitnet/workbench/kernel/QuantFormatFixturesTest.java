package bitnet.workbench.kernel;

import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.testsupport.Reference;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The kernels and the test's own decoders against bytes written by llama.cpp and bitnet.cpp
 * (reference/quant_formats.json, §4): dequantized values and each engine's own matmul output.
 */
class QuantFormatFixturesTest {

    private static JsonNode type(String name) {
        for (JsonNode t : Reference.json("quant_formats.json").get("types")) if (t.get("type").asText().equals(name)) return t;
        throw new IllegalArgumentException(name);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"TQ1_0", "TQ2_0", "I2_S", "Q8_0"})
    void decodedValuesEqualTheEnginesDequantizationBitForBit(String typeName) throws Exception {
        JsonNode t = type(typeName);
        try (GgufFile file = GgufFile.open(Reference.dir().resolve("models/formats").resolve(t.get("file").asText()))) {
            for (JsonNode tensor : t.get("tensors")) {
                WeightMatrix w = WeightMatrix.of(file, tensor.get("name").asText());
                for (int r = 0; r < 2; r++) {
                    float[] expected = Reference.floats(tensor.get("dequant_rows_0_1_first64").get(r));
                    float[] row = new float[w.cols()];
                    if (typeName.equals("Q8_0")) RowReader.read(w, r, row, 0);
                    else {
                        TernaryReference.Decoded d = TernaryReference.decode(w);
                        for (int c = 0; c < w.cols(); c++) row[c] = d.value(r, c);
                    }
                    for (int c = 0; c < expected.length; c++) {
                        assertThat(row[c]).as("%s %s row %d col %d", typeName, w.name(), r, c).isEqualTo(expected[c]);
                    }
                }
                if (typeName.equals("I2_S")) {
                    assertThat(w.tensorScale()).isEqualTo((float) tensor.get("i2s_tensor_scale_f32").asDouble());
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({"TQ1_0, q8k-blocks, 2e-6", "TQ2_0, q8k-blocks, 2e-6", "I2_S, per-token, 2e-6"})
    void ternaryKernelsReproduceTheEnginesOwnMatmul(String typeName, String rule, double relTolerance) throws Exception {
        JsonNode t = type(typeName);
        JsonNode activations = Reference.json("quant_formats.json").get("matmul_activations");
        MatVecKernel kernel = Kernels.byName("scalar");
        try (GgufFile file = GgufFile.open(Reference.dir().resolve("models/formats").resolve(t.get("file").asText()))) {
            for (JsonNode tensor : t.get("tensors")) {
                WeightMatrix w = WeightMatrix.of(file, tensor.get("name").asText());
                for (int i = 0; i < 2; i++) {
                    float[] x = Reference.floats(activations.get(w.name()).get(i));
                    QuantizedActivations a = new QuantizedActivations(x.length);
                    a.quantize(x, 0, x.length, ActivationQuantization.parse(rule));
                    float[] out = new float[w.rows()];
                    kernel.matVec(w, a, out, 0, w.rows());
                    float[] expected = Reference.floats(tensor.get("engine_matmul_out").get(i));
                    double scale = 0;
                    for (float e : expected) scale = Math.max(scale, Math.abs(e));
                    for (int r = 0; r < w.rows(); r++) {
                        assertThat((double) out[r]).as("%s %s input %d row %d", typeName, w.name(), i, r)
                            .isCloseTo(expected[r], within(relTolerance * scale));
                    }
                }
            }
        }
    }
}
