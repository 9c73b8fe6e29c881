package bitnet.workbench.inspect;

import bitnet.workbench.gguf.GgmlType;
import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.gguf.GgufTensorInfo;
import bitnet.workbench.tensor.TensorFormats;
import bitnet.workbench.testsupport.Reference;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TensorStatisticsTest {

    @ParameterizedTest
    @ValueSource(strings = {"bitnet-tiny-tq2_0.gguf", "bitnet-tiny-tq1_0.gguf", "bitnet-tiny-i2_s.gguf", "bitnet-b158-tiny-i2_s.gguf"})
    void ternaryCountsEqualTheSignsOfTheDequantizedValues(String model) throws Exception {
        try (GgufFile f = GgufFile.open(Reference.model(model))) {
            int ternary = 0;
            for (GgufTensorInfo t : f.tensors()) {
                if (!t.type().isTernary()) continue;
                ternary++;
                TensorStats s = TensorStatistics.compute(f, t);
                long[] expected = RawTernary.countsFromValues(f, t);
                assertThat(new long[] {s.counts().minus(), s.counts().zero(), s.counts().plus()}).as(t.name()).containsExactly(expected);
                assertThat(s.counts().other()).isZero();
                assertThat(s.counts().sparsity()).isEqualTo((double) expected[1] / t.elementCount());
                assertThat(s.projection()).isNotNull();
                assertThat(s.histogram()).isNull();
            }
            assertThat(ternary).isEqualTo(14);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bitnet-tiny-tq2_0.gguf", "bitnet-tiny-i2_s.gguf"})
    void twoBitCountsEqualCodesReadBitByBitFromTheFile(String model) throws Exception {
        try (GgufFile f = GgufFile.open(Reference.model(model))) {
            GgufTensorInfo t = f.tensor("blk.1.ffn_down.weight");
            TensorStats s = TensorStatistics.compute(f, t);
            assertThat(new long[] {s.counts().minus(), s.counts().zero(), s.counts().plus()}).containsExactly(RawTernary.countsFromBits(f, t));
        }
    }

    @Test
    void theThreeTernaryFilesOfOneModelHaveTheSameCountsAsTheSignsOfItsFloatWeights() throws Exception {
        Map<String, TernaryCounts> byFormat = new HashMap<>();
        try (GgufFile f32 = GgufFile.open(Reference.model("bitnet-tiny-f32.gguf"))) {
            for (String model : new String[] {"bitnet-tiny-tq2_0.gguf", "bitnet-tiny-tq1_0.gguf", "bitnet-tiny-i2_s.gguf"}) {
                try (GgufFile f = GgufFile.open(Reference.model(model))) {
                    for (Projection p : Projection.values()) {
                        for (int layer = 0; layer < 2; layer++) {
                            String name = p.tensorName(layer);
                            TernaryCounts c = TensorStatistics.compute(f, f.tensor(name)).counts();
                            TernaryCounts first = byFormat.putIfAbsent(name, c);
                            if (first != null) assertThat(c).as(model + " " + name).isEqualTo(first);
                            long[] signs = RawTernary.countsFromValues(f32, f32.tensor(name));
                            assertThat(new long[] {c.minus(), c.zero(), c.plus()}).as(name).containsExactly(signs);
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bitnet-tiny-tq2_0.gguf", "bitnet-tiny-tq1_0.gguf", "bitnet-tiny-i2_s.gguf"})
    void scalesAreTheOnesTheSyntheticModelWasMadeWith(String model) throws Exception {
        JsonNode scales = Reference.json("synthetic_bitnet.json").path("models").path("bitnet-tiny-f32.gguf").path("ternary_scales");
        assertThat(scales.size()).isEqualTo(14);
        try (GgufFile f = GgufFile.open(Reference.model(model))) {
            var it = scales.properties().iterator();
            while (it.hasNext()) {
                var e = it.next();
                ScaleSummary s = TensorStatistics.compute(f, f.tensor(e.getKey())).scale();
                double expected = e.getValue().asDouble();
                // The scales are fp16 values, so every format stores them exactly.
                assertThat(s.mean()).as(e.getKey()).isEqualTo(expected);
                assertThat(s.min()).isEqualTo(expected);
                assertThat(s.max()).isEqualTo(expected);
                boolean i2s = f.tensor(e.getKey()).type() == GgmlType.I2_S;
                assertThat(s.kind()).isEqualTo(i2s ? ScaleSummary.Kind.PER_TENSOR : ScaleSummary.Kind.PER_BLOCK);
                assertThat(s.count()).isEqualTo(i2s ? 1 : f.tensor(e.getKey()).elementCount() / 256);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bitnet-tiny-tq2_0.gguf", "bitnet-tiny-tq1_0.gguf", "bitnet-tiny-i2_s.gguf"})
    void theRawSampleShowsTheFirstWeightsOfRowZeroWithTheirValues(String model) throws Exception {
        try (GgufFile f = GgufFile.open(Reference.model(model))) {
            GgufTensorInfo t = f.tensor("blk.0.attn_q.weight");
            float[] values = new float[256];
            TensorFormats.of(t.type()).dequantize(f.tensorData(t), 0, 256, values, 0);
            var sample = TensorStatistics.compute(f, t).sample();
            assertThat(sample).hasSize(16);
            for (RawWeight w : sample) {
                assertThat(w.value()).as("weight %d", w.index()).isEqualTo(values[(int) w.index()]);
                assertThat(w.ternary()).isEqualTo((int) Math.signum(values[(int) w.index()]));
                assertThat(f.tensorData(t).get(java.lang.foreign.ValueLayout.JAVA_BYTE, w.byteOffset()) & 0xFF).isEqualTo(w.byteValue());
                if (t.type() != GgmlType.TQ1_0) {
                    assertThat(w.ternary()).isEqualTo(RawTernary.weightFromBits(f, t, w.index()));
                    int code = Integer.parseInt(w.codeText(), 2);
                    int shift = Integer.parseInt(w.position().replaceAll(".*-", ""));
                    assertThat((w.byteValue() >> shift) & 3).isEqualTo(code);
                }
            }
        }
    }

    @Test
    void floatTensorsGetARangeAHistogramAndTheirAbsmeanTernarization() throws Exception {
        try (GgufFile f = GgufFile.open(Reference.model("stories260K.gguf"))) {
            GgufTensorInfo t = f.tensor("blk.0.attn_q.weight");
            int n = (int) t.elementCount();
            float[] v = new float[n];
            TensorFormats.of(t.type()).dequantize(f.tensorData(t), 0, n, v, 0);
            double min = Double.MAX_VALUE, max = -Double.MAX_VALUE, sumAbs = 0;
            for (float x : v) {
                min = Math.min(min, x);
                max = Math.max(max, x);
                sumAbs += Math.abs(x);
            }
            float gamma = (float) (sumAbs / n);
            long[] codes = new long[3];
            long[] bins = new long[TensorStatistics.BINS];
            for (float x : v) {
                codes[(int) Math.max(-1, Math.min(1, Math.rint(x / gamma))) + 1]++;
                bins[Math.min(TensorStatistics.BINS - 1, (int) ((x - min) / (max - min) * TensorStatistics.BINS))]++;
            }

            TensorStats s = TensorStatistics.compute(f, t);
            assertThat(s.counts()).isNull();
            assertThat(s.values().min()).isEqualTo(min);
            assertThat(s.values().max()).isEqualTo(max);
            assertThat(s.values().meanAbs()).isCloseTo(sumAbs / n, within(1e-9));
            assertThat(s.histogram().counts()).containsExactly(bins);
            assertThat(s.histogram().total()).isEqualTo(n);
            assertThat(s.absmean().scale()).isEqualTo(gamma);
            assertThat(new long[] {s.absmean().counts().minus(), s.absmean().counts().zero(), s.absmean().counts().plus()}).containsExactly(codes);
            assertThat(s.sample()).hasSize(16).allSatisfy(w -> assertThat(w.value()).isEqualTo(v[(int) w.index()]));
            assertThat(s.sample().getFirst().codeText()).isEqualTo(String.format("%08x", Float.floatToRawIntBits(v[0])));
        }
    }

    @Test
    void normsHaveValuesButNoTernaryPreview() throws Exception {
        try (GgufFile f = GgufFile.open(Reference.model("bitnet-tiny-tq2_0.gguf"))) {
            TensorStats s = TensorStatistics.compute(f, f.tensor("blk.1.ffn_sub_norm.weight"));
            assertThat(s.layer()).isEqualTo(1);
            assertThat(s.projection()).isNull();
            assertThat(s.absmean()).isNull();
            assertThat(s.values().min()).isBetween(0.8, 1.2);
            assertThat(s.histogram().total()).isEqualTo(512);
        }
    }
}
