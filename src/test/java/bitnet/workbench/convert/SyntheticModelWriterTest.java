package bitnet.workbench.convert;

import bitnet.workbench.gguf.GgmlType;
import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.gguf.GgufTensorInfo;
import bitnet.workbench.tensor.TensorFormats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyntheticModelWriterTest {
    @TempDir
    Path tmp;

    private static SyntheticModelSpec tiny(String arch, GgmlType type, long seed) {
        return new SyntheticModelSpec(arch, 2, 256, 512, 4, 2, type, GgmlType.F16, seed, 256, 10000f, 1e-5f);
    }

    private Path write(SyntheticModelSpec spec, String name) throws Exception {
        Path out = tmp.resolve(name);
        try (GgufFile vocab = GgufFile.open(ReferenceFiles.model("stories260K.gguf"))) {
            new SyntheticModelWriter(spec, vocab.metadata()).write(out);
        }
        return out;
    }

    @Test
    void tinyShapeHasTheSameSizeAndTensorTableAsTheReferenceEnginesFiles() throws Exception {
        Path tq2 = write(tiny(null, GgmlType.TQ2_0, 1), "tq2.gguf");
        Path i2s = write(tiny(null, GgmlType.I2_S, 1), "i2s.gguf");
        assertThat(Files.size(tq2)).isEqualTo(Files.size(ReferenceFiles.model("bitnet-tiny-tq2_0.gguf")));
        assertThat(Files.size(i2s)).isEqualTo(Files.size(ReferenceFiles.model("bitnet-b158-tiny-i2_s.gguf")));
        try (GgufFile ours = GgufFile.open(i2s); GgufFile ref = GgufFile.open(ReferenceFiles.model("bitnet-b158-tiny-i2_s.gguf"))) {
            assertThat(ours.metadata().getString("general.architecture")).isEqualTo("bitnet-b1.58");
            assertThat(names(ours)).isEqualTo(names(ref));
            for (GgufTensorInfo t : ref.tensors()) {
                GgufTensorInfo o = ours.tensor(t.name());
                assertThat(o.type()).as(t.name()).isEqualTo(t.type());
                assertThat(o.shape()).as(t.name()).isEqualTo(t.shape());
            }
            for (String key : ref.metadata().keys()) {
                if (key.startsWith("tokenizer.")) assertThat(ours.metadata().get(key)).as(key).isEqualTo(ref.metadata().get(key));
            }
        }
        try (GgufFile f = GgufFile.open(tq2)) {
            assertThat(f.metadata().getString("general.architecture")).isEqualTo("bitnet");
            assertThat(f.metadata().getInt("general.file_type")).isEqualTo(37);
        }
    }

    private static Set<String> names(GgufFile f) {
        Set<String> s = new HashSet<>();
        f.tensors().forEach(t -> s.add(t.name()));
        return s;
    }

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"I2_S", "TQ2_0", "TQ1_0", "F16", "F32"})
    void everyWeightTypeStoresTheSameTernaryValuesLosslessly(GgmlType type) throws Exception {
        SyntheticModelSpec spec = tiny("bitnet", type, 7);
        Path p = write(spec, type + ".gguf");
        SyntheticModelWriter w = new SyntheticModelWriter(spec, vocabMetadata());
        try (GgufFile f = GgufFile.open(p)) {
            for (GgufTensorInfo t : f.tensors()) {
                if (!BitnetTensorNames.isProjection(t.name())) continue;
                float s = w.ternaryScale(t.name());
                float[] v = dequantize(f, t);
                int[] counts = new int[3];
                for (float x : v) {
                    int code = x == 0 ? 0 : x == s ? 1 : x == -s ? -1 : 99;
                    assertThat(code).as("%s value %s with scale %s", t.name(), x, s).isNotEqualTo(99);
                    counts[code + 1]++;
                }
                // uniform over three codes: each share is within 5 points of a third on >= 32k values
                for (int c : counts) assertThat(c / (double) v.length).as(t.name()).isBetween(0.28, 0.39);
            }
        }
    }

    private static bitnet.workbench.gguf.GgufMetadata vocabMetadata() throws Exception {
        try (GgufFile vocab = GgufFile.open(ReferenceFiles.model("stories260K.gguf"))) {
            return vocab.metadata();
        }
    }

    static float[] dequantize(GgufFile f, GgufTensorInfo t) {
        float[] v = new float[Math.toIntExact(t.elementCount())];
        TensorFormats.of(t.type()).dequantize(f.tensorData(t), 0, v.length, v, 0);
        return v;
    }

    @Test
    void theSameSeedWritesTheSameBytesAndAnotherSeedDiffers() throws Exception {
        byte[] a = Files.readAllBytes(write(tiny(null, GgmlType.TQ1_0, 3), "a.gguf"));
        byte[] b = Files.readAllBytes(write(tiny(null, GgmlType.TQ1_0, 3), "b.gguf"));
        byte[] c = Files.readAllBytes(write(tiny(null, GgmlType.TQ1_0, 4), "c.gguf"));
        assertThat(Arrays.equals(a, b)).isTrue();
        assertThat(Arrays.equals(a, c)).isFalse();
    }

    @Test
    void llamaArchitectureHasNoSubNorms() throws Exception {
        try (GgufFile f = GgufFile.open(write(tiny("llama", GgmlType.TQ2_0, 1), "l.gguf"))) {
            assertThat(f.tensors()).hasSize(2 + 2 * 9);
            assertThat(f.findTensor("blk.0.attn_sub_norm.weight")).isEmpty();
            assertThat(f.metadata().getInt("llama.block_count")).isEqualTo(2);
        }
    }

    @Test
    void shapesThatNoBlockFitsAreRejectedWithTheReason() {
        assertThatThrownBy(() -> new SyntheticModelSpec(null, 1, 64, 512, 4, 2, GgmlType.TQ2_0, GgmlType.F16, 1, 64, 1e4f, 1e-5f))
            .hasMessageContaining("dim 64 must be a multiple of the TQ2_0 block size 256");
        assertThatThrownBy(() -> new SyntheticModelSpec("gpt2", 1, 256, 512, 4, 2, GgmlType.TQ2_0, GgmlType.F16, 1, 64, 1e4f, 1e-5f))
            .hasMessageContaining("unknown architecture 'gpt2'");
        assertThatThrownBy(() -> new SyntheticModelSpec(null, 1, 256, 512, 4, 3, GgmlType.TQ2_0, GgmlType.F16, 1, 64, 1e4f, 1e-5f))
            .hasMessageContaining("not divisible by kv-heads 3");
    }
}
