package bitnet.workbench.tensor;

import bitnet.workbench.gguf.GgmlType;
import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.gguf.GgufTensorInfo;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our readers against the values llama.cpp (and bitnet.cpp for I2_S) produced for the format fixtures
 * in reference/quant_formats.json (README §4), for every type and tensor listed there.
 */
class ReferenceDequantizationTest {

    static Stream<Arguments> typesAndTensors() {
        if (!ReferenceFixtures.available()) {
            // one case that each test skips with the reason, so the report says why nothing ran
            return Stream.of(Arguments.of("reference data missing", "-", null, null));
        }
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode type : ReferenceFixtures.quantFormats().get("types")) {
            for (JsonNode tensor : type.get("tensors")) {
                cases.add(Arguments.of(type.get("type").asText(), tensor.get("name").asText(), type, tensor));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("typesAndTensors")
    void firstTwoRowsDequantizeBitForBitLikeTheReferenceEngine(String typeName, String tensorName, JsonNode type, JsonNode tensor) throws IOException {
        ReferenceFixtures.dir();
        try (GgufFile file = GgufFile.open(ReferenceFixtures.formatFile(type.get("file").asText()))) {
            GgufTensorInfo info = file.tensor(tensor.get("name").asText());
            assertThat(info.type()).isEqualTo(GgmlType.valueOf(typeName));
            assertThat(info.type().id).isEqualTo(type.get("ggml_type_id").asInt());
            TensorFormat format = TensorFormats.of(info.type());
            int ne0 = tensor.get("ne0").asInt();
            float[] row = new float[ne0];
            for (int r = 0; r < 2; r++) {
                format.dequantize(file.tensorData(info), (long) r * ne0, ne0, row, 0);
                JsonNode expected = tensor.get("dequant_rows_0_1_first64").get(r);
                assertThat(expected.size()).isEqualTo(64);
                for (int i = 0; i < 64; i++) {
                    float want = expected.get(i).floatValue();
                    assertThat(Float.floatToRawIntBits(row[i]))
                        .as("%s %s row %d element %d: got %s, reference %s", typeName, info.name(), r, i, row[i], want)
                        .isEqualTo(Float.floatToRawIntBits(want));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("typesAndTensors")
    void firstBlockOfRowZeroHasTheReferenceBytesAndLayout(String typeName, String tensorName, JsonNode type, JsonNode tensor) throws IOException {
        ReferenceFixtures.dir();
        try (GgufFile file = GgufFile.open(ReferenceFixtures.formatFile(type.get("file").asText()))) {
            GgufTensorInfo info = file.tensor(tensor.get("name").asText());
            TensorFormat format = TensorFormats.of(info.type());
            assertThat(format.blockSize()).isEqualTo(type.get("block_elements").asInt());
            assertThat(format.bytesPerBlock()).isEqualTo(type.get("block_bytes").asInt());
            byte[] expected = ReferenceFixtures.hex(tensor.get("first_block_row0_hex").asText());
            byte[] actual = file.tensorData(info).asSlice(0, format.bytesPerBlock()).toArray(ValueLayout.JAVA_BYTE);
            assertThat(actual).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("typesAndTensors")
    void everyValueIsAsFarFromTheSourceAsTheReferenceMeasured(String typeName, String tensorName, JsonNode type, JsonNode tensor) throws IOException {
        ReferenceFixtures.dir();
        String name = tensor.get("name").asText();
        float[] source = ReferenceFixtures.source(name);
        try (GgufFile file = GgufFile.open(ReferenceFixtures.formatFile(type.get("file").asText()))) {
            float[] values = ReferenceFixtures.dequantizeAll(file, file.tensor(name));
            assertThat(values).hasSameSizeAs(source);
            float maxAbs = 0;
            for (int i = 0; i < values.length; i++) maxAbs = Math.max(maxAbs, Math.abs(values[i] - source[i]));
            assertThat(maxAbs).isEqualTo(tensor.get("max_abs_dequant_vs_source").floatValue());
            for (int r = 0; r < 2; r++) {
                JsonNode src = tensor.get("source_rows_0_1_first64").get(r);
                for (int i = 0; i < 64; i++) assertThat(source[r * tensor.get("ne0").asInt() + i]).isEqualTo(src.get(i).floatValue());
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("typesAndTensors")
    void tensorByteSizeFollowsTheFormat(String typeName, String tensorName, JsonNode type, JsonNode tensor) throws IOException {
        ReferenceFixtures.dir();
        try (GgufFile file = GgufFile.open(ReferenceFixtures.formatFile(type.get("file").asText()))) {
            GgufTensorInfo info = file.tensor(tensor.get("name").asText());
            TensorFormat format = TensorFormats.of(info.type());
            long elements = tensor.get("ne0").asLong() * tensor.get("ne1").asLong();
            assertThat(info.elementCount()).isEqualTo(elements);
            assertThat(format.byteSize(elements)).isEqualTo(info.byteSize());
            long next = file.tensors().stream().mapToLong(GgufTensorInfo::offset).filter(o -> o > info.offset()).min().orElse(Long.MAX_VALUE);
            assertThat(info.offset() + format.byteSize(elements)).isLessThanOrEqualTo(next);
            if (info.type() == GgmlType.I2_S) {
                assertThat(format.byteSize(elements)).isEqualTo(tensor.get("i2s_nbytes").asLong()).isEqualTo(elements / 4 + 32);
            } else {
                assertThat(format.byteSize(elements)).isEqualTo(tensor.get("ne1").asLong() * format.rowBytes(tensor.get("ne0").asLong()));
            }
        }
    }

    static Stream<Arguments> i2sTensors() {
        return typesAndTensors().filter(a -> !ReferenceFixtures.available() || a.get()[0].equals("I2_S"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("i2sTensors")
    void i2sTensorScaleIsTheFloatAfterThePackedCodes(String typeName, String tensorName, JsonNode type, JsonNode tensor) throws IOException {
        ReferenceFixtures.dir();
        try (GgufFile file = GgufFile.open(ReferenceFixtures.formatFile(type.get("file").asText()))) {
            GgufTensorInfo info = file.tensor(tensor.get("name").asText());
            MemorySegment data = file.tensorData(info);
            float scale = TensorFormats.i2sTensorScale(data);
            assertThat(scale).isEqualTo(tensor.get("i2s_tensor_scale_f32").floatValue());
            byte[] scaleBytes = data.asSlice(info.elementCount() / 4, 4).toArray(ValueLayout.JAVA_BYTE);
            assertThat(scaleBytes).isEqualTo(ReferenceFixtures.hex(tensor.get("i2s_scale_hex").asText()));
        }
    }
}
