package bitnet.workbench.gguf;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GgufMetadataTest {
    private static GgufMetadata metadata() {
        Map<String, GgufValue> m = new LinkedHashMap<>();
        m.put("name", GgufValue.ofString("tiny"));
        m.put("layers", GgufValue.ofUint32(30));
        m.put("big", GgufValue.ofUint32(0xFFFF_FFFFL));
        m.put("huge", GgufValue.ofUint64(-1L));
        m.put("eps", GgufValue.ofFloat32(1e-5f));
        m.put("theta", GgufValue.ofFloat64(500000.0));
        m.put("flag", GgufValue.ofBool(true));
        m.put("tokens", GgufValue.ofArray(GgufArray.ofStrings("a", "b")));
        m.put("ids", GgufValue.ofArray(new GgufArray(GgufValueType.UINT64, new long[]{1, -1L})));
        m.put("scores", GgufValue.ofArray(new GgufArray(GgufValueType.FLOAT64, new double[]{0.5, -1})));
        return new GgufMetadata(m, "model.gguf");
    }

    @Test
    void typedAccessorsReturnTheValuesAndWidenCompatibleTypes() {
        GgufMetadata m = metadata();
        assertThat(m.getString("name")).isEqualTo("tiny");
        assertThat(m.getInt("layers")).isEqualTo(30);
        assertThat(m.getLong("big")).isEqualTo(4294967295L);
        assertThat(m.getDouble("huge")).isEqualTo(1.8446744073709552E19);
        assertThat(m.getFloat("eps")).isEqualTo(1e-5f);
        assertThat(m.getFloat("layers")).isEqualTo(30f);
        assertThat(m.getDouble("theta")).isEqualTo(500000.0);
        assertThat(m.getBoolean("flag")).isTrue();
        assertThat(m.getStringArray("tokens")).containsExactly("a", "b");
        assertThat(m.getFloatArray("scores")).containsExactly(0.5f, -1f);
        assertThat(m.getInt("missing", 7)).isEqualTo(7);
        assertThat(m.getFloat("missing", 2.5f)).isEqualTo(2.5f);
        assertThat(m.findString("missing")).isEmpty();
    }

    @Test
    void missingKeysAndWrongTypesNameTheFileTheKeyAndBothTypes() {
        GgufMetadata m = metadata();
        assertThatThrownBy(() -> m.getString("general.architecture")).isInstanceOf(GgufMetadataException.class)
            .hasMessage("model.gguf: metadata key 'general.architecture' is missing");
        assertThatThrownBy(() -> m.getString("layers")).hasMessage("model.gguf: metadata key 'layers' is UINT32, expected STRING");
        assertThatThrownBy(() -> m.getInt("name")).hasMessage("model.gguf: metadata key 'name' is STRING, expected an integer");
        assertThatThrownBy(() -> m.getFloat("flag")).hasMessage("model.gguf: metadata key 'flag' is BOOL, expected a number");
        assertThatThrownBy(() -> m.getInt("big")).hasMessage("model.gguf: metadata key 'big' = 4294967295 does not fit in an int");
        assertThatThrownBy(() -> m.getInt("huge")).hasMessage("model.gguf: metadata key 'huge' = 18446744073709551615 does not fit in an int");
        assertThatThrownBy(() -> m.getStringArray("scores"))
            .hasMessage("model.gguf: metadata key 'scores' is an array of FLOAT64, expected an array of strings");
        assertThatThrownBy(() -> m.getIntArray("ids"))
            .hasMessage("model.gguf: metadata key 'ids' element 1 = 18446744073709551615 does not fit in an int");
        assertThatThrownBy(() -> m.getArray("name")).hasMessage("model.gguf: metadata key 'name' is STRING, expected ARRAY");
    }
}
