package bitnet.workbench.gguf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GgufWriterTest {
    @TempDir
    Path dir;

    @Test
    void writesExactlyTheBytesSpelledOutByHand() throws IOException {
        float[] a = {0, 1, 2, 3, 4, 5, 6, 7};
        float[] b = {10, 11, 12, 13, 14, 15, 16, 17};
        GgufWriter w = new GgufWriter()
            .put("general.architecture", GgufValue.ofString("llama"))
            .put("tok", GgufValue.ofArray(GgufArray.ofStrings("a", "bc")))
            .put("flag", GgufValue.ofBool(true))
            .addTensor("a.weight", GgmlType.F32, new long[]{4, 2}, floats(a))
            .addTensor("b.weight", GgmlType.F32, new long[]{8}, floats(b));
        Path out = dir.resolve("small.gguf");
        w.write(out);
        assertThat(Files.readAllBytes(out)).isEqualTo(GgufFileErrorTest.valid().toArray());
    }

    @Test
    void aFileWithoutTensorsEndsRightAfterItsMetadata() throws IOException {
        Path out = dir.resolve("vocab.gguf");
        new GgufWriter().put("k", GgufValue.ofUint8(7)).write(out);
        byte[] expected = new GgufBytes().header(3, 0, 1).str("k").u32(GgufValueType.UINT8.id).u8(7).toArray();
        assertThat(Files.readAllBytes(out)).isEqualTo(expected);
    }

    static Map<String, GgufValue> everyValueType() {
        Map<String, GgufValue> m = new LinkedHashMap<>();
        m.put("u8", GgufValue.ofUint8(255));
        m.put("i8", GgufValue.ofInt8(-128));
        m.put("u16", GgufValue.ofUint16(65535));
        m.put("i16", GgufValue.ofInt16(-32768));
        m.put("u32", GgufValue.ofUint32(0xFFFF_FFFFL));
        m.put("i32", GgufValue.ofInt32(Integer.MIN_VALUE));
        m.put("u64", GgufValue.ofUint64(-1L));
        m.put("i64", GgufValue.ofInt64(Long.MIN_VALUE));
        m.put("f32", GgufValue.ofFloat32(-0.0f));
        m.put("f32.nan", GgufValue.ofFloat32(Float.intBitsToFloat(0x7fc0_1234)));
        m.put("f64", GgufValue.ofFloat64(Math.PI));
        m.put("bool.true", GgufValue.ofBool(true));
        m.put("bool.false", GgufValue.ofBool(false));
        m.put("string", GgufValue.ofString("Grüße, 世界 👋\n\t\"quoted\""));
        m.put("string.empty", GgufValue.ofString(""));
        m.put("arr.u8", arr(GgufValueType.UINT8, new byte[]{0, 1, (byte) 255}));
        m.put("arr.i8", arr(GgufValueType.INT8, new byte[]{-128, 127}));
        m.put("arr.u16", arr(GgufValueType.UINT16, new short[]{(short) 65535, 1}));
        m.put("arr.i16", arr(GgufValueType.INT16, new short[]{-1, 2}));
        m.put("arr.u32", arr(GgufValueType.UINT32, new int[]{-1, 3}));
        m.put("arr.i32", arr(GgufValueType.INT32, new int[]{Integer.MIN_VALUE, 4}));
        m.put("arr.u64", arr(GgufValueType.UINT64, new long[]{-1L, 5}));
        m.put("arr.i64", arr(GgufValueType.INT64, new long[]{Long.MIN_VALUE, 6}));
        m.put("arr.f32", arr(GgufValueType.FLOAT32, new float[]{1.5f, Float.NEGATIVE_INFINITY, -0.0f}));
        m.put("arr.f64", arr(GgufValueType.FLOAT64, new double[]{1e300, Double.MIN_VALUE}));
        m.put("arr.bool", arr(GgufValueType.BOOL, new boolean[]{true, false, true}));
        m.put("arr.string", GgufValue.ofArray(GgufArray.ofStrings("", "a", "ünï", "<|eot_id|>")));
        m.put("arr.empty", arr(GgufValueType.INT32, new int[0]));
        m.put("arr.nested", GgufValue.ofArray(GgufArray.ofArrays(
            GgufArray.ofStrings("x", "yz"),
            GgufArray.ofInt32s(1, 2, 3),
            GgufArray.ofArrays(GgufArray.ofFloats(0.25f), GgufArray.ofArrays()),
            new GgufArray(GgufValueType.STRING, new String[0]))));
        return m;
    }

    private static GgufValue arr(GgufValueType t, Object values) {
        return GgufValue.ofArray(new GgufArray(t, values));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 8, 32, 64, 4096})
    void everyValueTypeAndTensorReadsBackIdenticallyAtAnyAlignment(int alignment) throws IOException {
        Random rnd = new Random(alignment);
        GgufWriter w = new GgufWriter();
        if (alignment > 0) w.put("general.alignment", GgufValue.ofUint32(alignment));
        everyValueType().forEach(w::put);
        record Tensor(String name, GgmlType type, long[] shape, byte[] data) {
        }
        List<Tensor> tensors = List.of(
            new Tensor("f32", GgmlType.F32, new long[]{3, 5}, null),
            new Tensor("tq2", GgmlType.TQ2_0, new long[]{512, 2}, null),
            new Tensor("i2s", GgmlType.I2_S, new long[]{256, 3}, null),
            new Tensor("f16.4d", GgmlType.F16, new long[]{2, 3, 1, 2}, null),
            new Tensor("empty", GgmlType.Q8_0, new long[]{32, 0}, null),
            new Tensor("u8ish", GgmlType.I8, new long[]{7}, null));
        List<byte[]> data = new ArrayList<>();
        for (Tensor t : tensors) {
            long n = 1;
            for (long d : t.shape()) n *= d;
            byte[] bytes = new byte[(int) t.type().byteSize(n)];
            rnd.nextBytes(bytes);
            data.add(bytes);
            w.addTensor(t.name(), t.type(), t.shape(), bytes);
        }
        Path out = dir.resolve("all-" + alignment + ".gguf");
        w.write(out);

        long expectedAlignment = alignment == 0 ? 32 : alignment;
        try (GgufFile f = GgufFile.open(out)) {
            assertThat(f.version()).isEqualTo(3);
            assertThat(f.alignment()).isEqualTo(expectedAlignment);
            Map<String, GgufValue> expected = new LinkedHashMap<>();
            if (alignment > 0) expected.put("general.alignment", GgufValue.ofUint32(alignment));
            expected.putAll(everyValueType());
            assertThat(f.metadata().asMap()).containsExactlyEntriesOf(expected);
            assertThat(f.dataOffset() % expectedAlignment).isZero();
            assertThat(f.tensors()).isEqualTo(w.tensorInfos());
            long end = 0;
            for (int i = 0; i < tensors.size(); i++) {
                GgufTensorInfo info = f.tensors().get(i);
                assertThat(info.name()).isEqualTo(tensors.get(i).name());
                assertThat(info.type()).isEqualTo(tensors.get(i).type());
                assertThat(info.shape()).isEqualTo(tensors.get(i).shape());
                assertThat(info.offset() % expectedAlignment).isZero();
                assertThat(f.tensorData(info).toArray(ValueLayout.JAVA_BYTE)).isEqualTo(data.get(i));
                end = info.offset() + info.byteSize();
            }
            long paddedEnd = (end + expectedAlignment - 1) / expectedAlignment * expectedAlignment;
            assertThat(f.fileSize()).isEqualTo(f.dataOffset() + paddedEnd);
        }
    }

    static Stream<Path> referenceModels() {
        return ReferenceFiles.allModels().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceModels")
    void rewritingAReferenceModelFromItsParsedContentsGivesTheSameBytes(Path model) throws IOException {
        Path out = dir.resolve(model.getFileName());
        try (GgufFile f = GgufFile.open(model)) {
            GgufWriter.copyOf(f).write(out);
        }
        assertThat(Files.mismatch(model, out)).as("first differing byte").isEqualTo(-1L);
    }

    @Test
    void aStreamedTensorMayArriveInPiecesOfAnySize() throws IOException {
        int n = 5_000_000; // 20 MB of F32, more than the writer's buffer
        GgufWriter w = new GgufWriter().addTensor("big", GgmlType.F32, new long[]{n}, out -> {
            ByteBuffer small = ByteBuffer.allocate(4 * 1000).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            int i = 0;
            while (i < n / 2) { // small pieces
                small.clear();
                for (int k = 0; k < 1000; k++) small.putFloat(i++);
                small.flip();
                TensorBytes.writeFully(out, small);
            }
            ByteBuffer big = ByteBuffer.allocate(4 * (n - i)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            while (i < n) big.putFloat(i++);
            big.flip();
            TensorBytes.writeFully(out, big); // one piece larger than the buffer
        });
        Path out = dir.resolve("big.gguf");
        w.write(out);
        try (GgufFile f = GgufFile.open(out)) {
            var data = f.tensorData("big");
            var le = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i += 9973) assertThat(data.getAtIndex(le, i)).isEqualTo((float) i);
            assertThat(data.getAtIndex(le, n - 1)).isEqualTo((float) (n - 1));
        }
    }

    @Test
    void aFailingSourceLeavesTheExistingFileUntouchedAndNoTemporaryFile() throws IOException {
        Path out = dir.resolve("model.gguf");
        Files.writeString(out, "previous version");
        GgufWriter w = new GgufWriter()
            .addTensor("ok", GgmlType.F32, new long[]{4}, new byte[16])
            .addTensor("broken", GgmlType.F32, new long[]{1 << 20}, ch -> {
                TensorBytes.writeFully(ch, ByteBuffer.allocate(1000));
                throw new IOException("No space left on device");
            });
        IOException e = assertThrows(IOException.class, () -> w.write(out));
        assertThat(e).hasMessage("No space left on device");
        assertThat(Files.readString(out)).isEqualTo("previous version");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(out);
        }
    }

    @Test
    void aSourceWritingTooFewOrTooManyBytesFailsNamingTheTensor() throws IOException {
        Path out = dir.resolve("m.gguf");
        GgufWriter few = new GgufWriter().addTensor("t", GgmlType.F32, new long[]{4}, ch -> TensorBytes.writeFully(ch, ByteBuffer.allocate(12)));
        assertThat(assertThrows(IOException.class, () -> few.write(out))).hasMessage("tensor 't': its source wrote 12 bytes, expected 16");
        GgufWriter many = new GgufWriter().addTensor("t", GgmlType.F32, new long[]{4}, ch -> TensorBytes.writeFully(ch, ByteBuffer.allocate(20)));
        assertThat(assertThrows(IOException.class, () -> many.write(out))).hasMessage("tensor 't': its source wrote more than the expected 16 bytes");
        assertThat(out).doesNotExist();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void replacingAnExistingFileWorks() throws IOException {
        Path out = dir.resolve("m.gguf");
        new GgufWriter().put("v", GgufValue.ofInt32(1)).write(out);
        new GgufWriter().put("v", GgufValue.ofInt32(2)).write(out);
        try (GgufFile f = GgufFile.open(out)) {
            assertThat(f.metadata().getInt("v")).isEqualTo(2);
        }
    }

    @Test
    void puttingAKeyAgainKeepsItsPlace() {
        GgufWriter w = new GgufWriter().put("a", GgufValue.ofInt32(1)).put("b", GgufValue.ofInt32(2)).put("a", GgufValue.ofInt32(3));
        assertThat(w.metadata().asMap()).containsExactly(Map.entry("a", GgufValue.ofInt32(3)), Map.entry("b", GgufValue.ofInt32(2)));
    }

    @Test
    void tensorsThatCannotBeWrittenAreRefusedWhenAdded() {
        GgufWriter w = new GgufWriter().addTensor("t", GgmlType.F32, new long[]{4}, new byte[16]);
        assertThat(assertThrows(IllegalArgumentException.class, () -> w.addTensor("t", GgmlType.F32, new long[]{4}, new byte[16])))
            .hasMessage("tensor 't' was already added");
        assertThat(assertThrows(IllegalArgumentException.class, () -> w.addTensor("q", GgmlType.TQ2_0, new long[]{100}, new byte[66])))
            .hasMessage("tensor 'q' row length 100 is not a multiple of the TQ2_0 block size 256");
        assertThat(assertThrows(IllegalArgumentException.class, () -> w.addTensor("s", GgmlType.F32, new long[]{4}, new byte[15])))
            .hasMessage("tensor 's' F32 [4] needs 16 bytes, got 15");
        assertThat(assertThrows(IllegalArgumentException.class, () -> w.addTensor("d", GgmlType.F32, new long[]{1, 1, 1, 1, 1}, new byte[4])))
            .hasMessage("tensor 'd' has 5 dimensions, expected 1..4");
        assertThat(assertThrows(IllegalArgumentException.class, () -> w.addTensor("o", GgmlType.F32, new long[]{1L << 62, 4}, ch -> { })))
            .hasMessage("tensor 'o' shape [4611686018427387904, 4] has too many elements");
        assertThat(assertThrows(IllegalArgumentException.class, () -> w.put("general.alignment", GgufValue.ofUint32(48))))
            .hasMessageContaining("power of two");
        assertThat(w.tensorInfos()).extracting(GgufTensorInfo::name).containsExactly("t");
    }

    @Test
    void valuesOutOfRangeForTheirTypeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> GgufValue.ofUint8(256));
        assertThrows(IllegalArgumentException.class, () -> GgufValue.ofUint16(-1));
        assertThrows(IllegalArgumentException.class, () -> GgufValue.ofUint32(1L << 32));
        assertThrows(IllegalArgumentException.class, () -> new GgufValue(GgufValueType.INT32, (long) Integer.MAX_VALUE + 1));
    }

    private static byte[] floats(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float f : v) b.putFloat(f);
        return b.array();
    }
}
