package bitnet.workbench.kernel;

import bitnet.workbench.gguf.GgmlType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every kernel against the scalar reference on random matrices: integer (ternary) paths bit for
 * bit, float paths to rounding. Shapes include odd row counts, I2_S rows with an odd number of
 * blocks (a tail after the last full vector load) and rows long enough to need 16-bit flushes.
 */
class KernelEquivalenceTest {
    private static final MatVecKernel SCALAR = Kernels.byName("scalar");

    static Stream<Arguments> ternaryCases() {
        List<Arguments> out = new ArrayList<>();
        for (String k : Kernels.names()) {
            if (k.equals("scalar") || k.equals(FloatKernel.NAME)) continue;   // float multiplies unquantized activations
            for (GgmlType t : new GgmlType[] {GgmlType.I2_S, GgmlType.TQ2_0, GgmlType.TQ1_0}) {
                for (ActivationQuantization q : ActivationQuantization.values()) out.add(Arguments.of(k, t, q));
            }
        }
        return out.stream();
    }

    static Stream<Arguments> floatCases() {
        List<Arguments> out = new ArrayList<>();
        for (String k : Kernels.names()) {
            if (k.equals("scalar")) continue;
            for (GgmlType t : new GgmlType[] {GgmlType.F32, GgmlType.F16, GgmlType.BF16, GgmlType.Q8_0, GgmlType.Q6_K}) out.add(Arguments.of(k, t));
        }
        return out.stream();
    }

    private static int[] columnChoices(GgmlType type, ActivationQuantization q) {
        if (type == GgmlType.I2_S && q == ActivationQuantization.PER_TOKEN) return new int[] {128, 384, 640, 2560, 6912, 4224};
        return new int[] {256, 768, 2560, 6912};
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("ternaryCases")
    void ternaryProductsEqualTheScalarKernelBitForBit(String kernelName, GgmlType type, ActivationQuantization rule) {
        MatVecKernel kernel = Kernels.byName(kernelName);
        Random rnd = new Random(kernelName.hashCode() * 31L + type.id * 7L + rule.ordinal());
        try (Arena arena = Arena.ofConfined()) {
            for (int cols : columnChoices(type, rule)) {
                int rows = 1 + 2 * rnd.nextInt(20);
                WeightMatrix w = ScalarKernelTest.randomMatrix(type, rows, cols, rnd, arena);
                if (rnd.nextBoolean()) w = uniformScales(w, arena);
                if (kernel.repacksTernary()) {
                    w = withPacked(w, rnd, arena);
                    if (type == GgmlType.I2_S || type == GgmlType.TQ1_0 && w.cols() % 256 == 0 && isUniform(w)) {
                        assertThat(w.lut()).as("the lookup-table form of a plain ternary matrix").isNotNull();
                    }
                }
                QuantizedActivations x = new QuantizedActivations(cols);
                x.quantize(ScalarKernelTest.randomVector(cols, rnd), 0, cols, rule);
                float[] expected = new float[rows];
                SCALAR.matVec(w, x, expected, 0, rows);
                float[] actual = new float[rows];
                kernel.prepare(w, x);
                kernel.matVec(w, x, actual, 0, rows);
                assertThat(actual).as("%s %dx%d", type, rows, cols).containsExactly(expected);

                // A batch gives each input's own result, whatever the row range.
                int count = 1 + rnd.nextInt(9);
                QuantizedActivations[] xs = new QuantizedActivations[count];
                float[][] outs = new float[count][rows];
                for (int i = 0; i < count; i++) {
                    xs[i] = new QuantizedActivations(cols);
                    xs[i].quantize(ScalarKernelTest.randomVector(cols, rnd), 0, cols, rule);
                    kernel.prepareForBatch(w, xs[i]);
                }
                int split = rnd.nextInt(rows + 1);
                kernel.matMul(w, xs, outs, count, 0, split);
                kernel.matMul(w, xs, outs, count, split, rows);
                for (int i = 0; i < count; i++) {
                    float[] one = new float[rows];
                    SCALAR.matVec(w, xs[i], one, 0, rows);
                    assertThat(outs[i]).as("batch input %d of %d, %s %dx%d", i, count, type, rows, cols).containsExactly(one);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("floatCases")
    void floatProductsEqualTheScalarKernelToRounding(String kernelName, GgmlType type) {
        MatVecKernel kernel = Kernels.byName(kernelName);
        Random rnd = new Random(kernelName.hashCode() * 17L + type.id);
        try (Arena arena = Arena.ofConfined()) {
            for (int cols : new int[] {256, 512, 2560}) {
                int rows = 1 + 2 * rnd.nextInt(20);
                WeightMatrix w = ScalarKernelTest.randomMatrix(type, rows, cols, rnd, arena);
                float[] xf = ScalarKernelTest.randomVector(cols, rnd);
                QuantizedActivations x = new QuantizedActivations(cols);
                x.loadFloat(xf, 0, cols);
                float[] expected = new float[rows];
                SCALAR.matVec(w, x, expected, 0, rows);
                float[] actual = new float[rows];
                kernel.prepare(w, x);
                kernel.matVec(w, x, actual, 0, rows);
                float[] row = new float[cols];
                for (int r = 0; r < rows; r++) {
                    RowReader.read(w, r, row, 0);
                    double magnitude = 0;
                    for (int c = 0; c < cols; c++) magnitude += Math.abs((double) row[c] * xf[c]);
                    assertThat((double) actual[r]).as("row %d of %s %dx%d", r, type, rows, cols)
                        .isCloseTo(expected[r], within(2e-6 * magnitude + 1e-6));
                }
            }
        }
    }

    /**
     * The lookup kernel reads eight 32-row tiles side by side, then four, then one at a time: row
     * counts that end in each of these (and a row range cut inside a tile) give the scalar result.
     */
    @ParameterizedTest(name = "{0} rows")
    @org.junit.jupiter.params.provider.ValueSource(ints = {7, 100, 287, 417, 800})
    void theLookupKernelCoversEveryTileRunBitForBit(int rows) {
        org.junit.jupiter.api.Assumptions.assumeTrue(LutKernel.AVAILABLE, "the lookup kernel needs 512-bit vectors");
        MatVecKernel kernel = Kernels.byName(LutKernel.NAME);
        Random rnd = new Random(rows);
        try (Arena arena = Arena.ofConfined()) {
            int cols = 2560;
            WeightMatrix w = withPacked(ScalarKernelTest.randomMatrix(GgmlType.I2_S, rows, cols, rnd, arena), rnd, arena);
            assertThat(w.lut()).isNotNull();
            int count = 7;
            QuantizedActivations[] xs = new QuantizedActivations[count];
            float[][] expected = new float[count][rows];
            for (int i = 0; i < count; i++) {
                xs[i] = new QuantizedActivations(cols);
                xs[i].quantize(ScalarKernelTest.randomVector(cols, rnd), 0, cols, ActivationQuantization.PER_TOKEN);
                SCALAR.matVec(w, xs[i], expected[i], 0, rows);
                kernel.prepareForBatch(w, xs[i]);
            }
            float[] one = new float[rows];
            kernel.matVec(w, xs[0], one, 0, rows);
            assertThat(one).containsExactly(expected[0]);
            int cut = Math.min(rows, LutMatrix.GROUP_ROWS);
            int odd = rnd.nextInt(rows + 1);
            float[] parts = new float[rows];
            kernel.matVec(w, xs[1], parts, 0, cut);
            kernel.matVec(w, xs[1], parts, cut, rows);
            assertThat(parts).as("split at %d", cut).containsExactly(expected[1]);
            float[][] outs = new float[count][rows];
            kernel.matMul(w, xs, outs, count, 0, odd);
            kernel.matMul(w, xs, outs, count, odd, rows);
            for (int i = 0; i < count; i++) assertThat(outs[i]).as("batch input %d, split at %d", i, odd).containsExactly(expected[i]);
        }
    }

    private static boolean isUniform(WeightMatrix w) {
        var le16 = java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < w.rows(); r++) {
            for (int b = 1; b < w.cols() / 256; b++) {
                if (w.data().get(le16, r * w.rowBytes() + b * 54L + 52) != w.data().get(le16, r * w.rowBytes() + 52)) return false;
            }
        }
        return true;
    }

    /** Attaches the lookup-table form; TQ2_0 codes of 3 (not ternary) are first replaced so that most matrices pack. */
    private static WeightMatrix withPacked(WeightMatrix w, Random rnd, Arena arena) {
        if (w.type() == GgmlType.TQ2_0 && rnd.nextInt(4) != 0) {
            var seg = w.data();
            for (long b = 0; b < (long) w.rows() * w.cols() / 256; b++) {
                for (int k = 0; k < 64; k++) {
                    long at = b * 66 + k;
                    int v = seg.get(java.lang.foreign.ValueLayout.JAVA_BYTE, at) & 0xFF;
                    int clean = v & ~((v & 0x55) << 1 & (v & 0xAA));   // code 3 -> 1
                    seg.set(java.lang.foreign.ValueLayout.JAVA_BYTE, at, (byte) clean);
                }
            }
        }
        LutMatrix packed = LutMatrix.pack(w, w.data(), arena);
        return packed == null ? w : w.withPacked(packed);
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(value = GgmlType.class, names = {"I2_S", "TQ1_0", "TQ2_0"})
    void theFloatKernelMultipliesTernaryWeightsByUnquantizedActivations(GgmlType type) {
        MatVecKernel kernel = Kernels.byName(FloatKernel.NAME);
        Random rnd = new Random(91 + type.id);
        try (Arena arena = Arena.ofConfined()) {
            for (int cols : new int[] {256, 2560}) {
                int rows = 1 + 2 * rnd.nextInt(20);
                WeightMatrix w = uniformScales(ScalarKernelTest.randomMatrix(type, rows, cols, rnd, arena), arena);
                TernaryReference.Decoded dec = TernaryReference.decode(w);
                float[] xf = ScalarKernelTest.randomVector(cols, rnd);
                QuantizedActivations x = new QuantizedActivations(cols);
                x.quantize(xf, 0, cols, ActivationQuantization.PER_TOKEN);
                float[] actual = new float[rows];
                kernel.matVec(w, x, actual, 0, rows);
                for (int r = 0; r < rows; r++) {
                    double expected = 0, magnitude = 0;
                    for (int c = 0; c < cols; c++) {
                        double p = (double) dec.value(r, c) * xf[c];
                        expected += p;
                        magnitude += Math.abs(p);
                    }
                    assertThat((double) actual[r]).as("row %d of %s %dx%d", r, type, rows, cols).isCloseTo(expected, within(2e-6 * magnitude + 1e-6));
                }
            }
        }
    }

    /** The kernels that multiply an attached {@link Int8Head} (scalar and float keep the reference float head). */
    static Stream<String> vectorKernels() {
        return Kernels.names().stream().filter(k -> !k.equals("scalar") && !k.equals(FloatKernel.NAME));
    }

    /** A tied embedding's lookups read the int8 copy: every value must be the Q6_K dequantizer's, bit for bit. */
    @org.junit.jupiter.api.Test
    void anInt8HeadReadsBackEachRowExactlyAsTheQ6kDecoder() {
        Random rnd = new Random(78);
        try (Arena arena = Arena.ofConfined()) {
            int rows = 41, cols = 768;
            WeightMatrix q6 = ScalarKernelTest.randomMatrix(GgmlType.Q6_K, rows, cols, rnd, arena);
            Int8Head head = Int8Head.fromQ6K(q6, q6.data(), arena);
            float[] expected = new float[cols + 3];
            float[] actual = new float[cols + 3];
            for (int r = 0; r < rows; r++) {
                java.util.Arrays.fill(actual, Float.NaN);
                RowReader.read(q6, r, expected, 3);
                head.readRow(r, actual, 3);
                assertThat(java.util.Arrays.copyOfRange(actual, 3, cols + 3)).as("row %d", r).containsExactly(java.util.Arrays.copyOfRange(expected, 3, cols + 3));
            }
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> head.readRow(rows, actual, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectorKernels")
    void anInt8HeadGivesTheQ8kProductOfTheQ6kWeights(String kernelName) {
        org.junit.jupiter.api.Assumptions.assumeTrue(jdk.incubator.vector.ShortVector.SPECIES_PREFERRED.vectorBitSize() >= 512, "the int8 head path needs 512-bit vectors");
        MatVecKernel kernel = Kernels.byName(kernelName);
        Random rnd = new Random(77);
        try (Arena arena = Arena.ofConfined()) {
            int rows = 37, cols = 2560;
            WeightMatrix q6 = ScalarKernelTest.randomMatrix(GgmlType.Q6_K, rows, cols, rnd, arena);
            WeightMatrix head = q6.withPacked(Int8Head.fromQ6K(q6, q6.data(), arena));
            float[] xf = ScalarKernelTest.randomVector(cols, rnd);
            QuantizedActivations x = new QuantizedActivations(cols);
            x.loadFloat(xf, 0, cols);
            float[] actual = new float[rows];
            kernel.prepare(head, x);
            kernel.matVec(head, x, actual, 0, rows);
            // The reference: Q8_K codes from QuantizedActivations, weights from the Q6_K dequantizer, in double.
            QuantizedActivations q8 = new QuantizedActivations(cols);
            q8.quantize(xf, 0, cols, ActivationQuantization.Q8K_BLOCKS);
            float[] floatHead = new float[rows];
            SCALAR.matVec(q6, x, floatHead, 0, rows);
            float[] row = new float[cols];
            double worst = 0;
            for (int r = 0; r < rows; r++) {
                RowReader.read(q6, r, row, 0);
                double expected = 0, magnitude = 0;
                for (int c = 0; c < cols; c++) {
                    double p = (double) row[c] * q8.codes()[c] * q8.blockStep(c / 256);
                    expected += p;
                    magnitude += Math.abs(p);
                }
                assertThat((double) actual[r]).as("row %d", r).isCloseTo(expected, within(1e-6 * magnitude + 1e-6));
                worst = Math.max(worst, Math.abs(actual[r] - floatHead[r]));
            }
            System.out.printf("int8 head vs float head on random Q6_K %dx%d: max abs diff %.3g%n", rows, cols, worst);
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(value = GgmlType.class, names = {"F16", "BF16", "F32"})
    void aFloatHeadsInt8FormIsTheInt8FormOfItsQ6kQuantization(GgmlType type) {
        Random rnd = new Random(5 + type.id);
        try (Arena arena = Arena.ofConfined()) {
            int rows = 29, cols = 512;
            WeightMatrix f = ScalarKernelTest.randomMatrix(type, rows, cols, rnd, arena);
            assertThat(Int8Head.canConvert(f)).isTrue();
            Int8Head converted = Int8Head.allocate(f, arena);
            // Two row ranges, as two loading threads would fill them.
            converted.fill(f, MatrixRows.of(f, f.data()), 0, 11);
            converted.fill(f, MatrixRows.of(f, f.data()), 11, rows);

            float[] values = new float[rows * cols];
            for (int r = 0; r < rows; r++) RowReader.read(f, r, values, r * cols);
            var q6bytes = arena.allocate((long) rows * cols / 256 * 210, 64);
            bitnet.workbench.tensor.TensorQuantizers.of(GgmlType.Q6_K).quantizeRows(values, 0, cols, rows, q6bytes, 0);
            WeightMatrix q6 = WeightMatrix.of("q6", GgmlType.Q6_K, rows, cols, q6bytes);
            Int8Head expected = Int8Head.fromQ6K(q6, q6.data(), arena);
            assertThat(converted.data().toArray(java.lang.foreign.ValueLayout.JAVA_BYTE))
                .isEqualTo(expected.data().toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));

            // And the product stays close to the float head's: Q6_K weights and Q8_K activations, both about 1 % steps.
            org.junit.jupiter.api.Assumptions.assumeTrue(jdk.incubator.vector.ShortVector.SPECIES_PREFERRED.vectorBitSize() >= 512, "the int8 head path needs 512-bit vectors");
            MatVecKernel kernel = Kernels.byName("vector-i8");
            WeightMatrix head = f.withPacked(converted);
            float[] xf = ScalarKernelTest.randomVector(cols, rnd);
            QuantizedActivations x = new QuantizedActivations(cols);
            x.loadFloat(xf, 0, cols);
            float[] int8 = new float[rows];
            kernel.prepare(head, x);
            kernel.matVec(head, x, int8, 0, rows);
            float[] exact = new float[rows];
            SCALAR.matVec(f, x, exact, 0, rows);
            for (int r = 0; r < rows; r++) {
                double magnitude = 0;
                for (int c = 0; c < cols; c++) magnitude += Math.abs((double) values[r * cols + c] * xf[c]);
                assertThat((double) int8[r]).as("row %d", r).isCloseTo(exact[r], within(0.03 * magnitude));
            }
        }
    }

    /** The same codes with every block scale of a row equal to its first (as in every BitNet tensor). */
    private static WeightMatrix uniformScales(WeightMatrix w, Arena arena) {
        if (w.type() == GgmlType.I2_S) return w;
        var seg = arena.allocate(w.data().byteSize(), 64);
        seg.copyFrom(w.data());
        int blockBytes = w.type().bytesPerBlock;
        int scaleAt = blockBytes - 2;
        var le16 = java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < w.rows(); r++) {
            long base = r * w.rowBytes();
            short first = seg.get(le16, base + scaleAt);
            for (int b = 1; b < w.cols() / 256; b++) seg.set(le16, base + (long) b * blockBytes + scaleAt, first);
        }
        return WeightMatrix.of(w.name(), w.type(), w.rows(), w.cols(), seg);
    }
}
