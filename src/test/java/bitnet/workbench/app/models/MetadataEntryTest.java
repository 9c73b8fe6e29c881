package bitnet.workbench.app.models;

import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.gguf.GgufValue;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MetadataEntryTest {

    @Test
    void longArraysShowTheirFirstItemsAndTheirLength() throws Exception {
        try (GgufFile f = GgufFile.open(ReferenceModels.path("bitnet-tiny-tq2_0.gguf"))) {
            List<MetadataEntry> entries = MetadataEntry.listOf(f.metadata());
            assertThat(entries).hasSize(f.metadata().size());
            MetadataEntry tokens = entries.stream().filter(e -> e.key().equals("tokenizer.ggml.tokens")).findFirst().orElseThrow();
            assertThat(tokens.category()).isEqualTo("tokenizer");
            assertThat(tokens.type()).isEqualTo("string[512]");
            assertThat(tokens.value()).startsWith("[\"<unk>\", \"<s>\", \"</s>\"").endsWith(", ... (512 items)]");
            assertThat(entries.getFirst()).isEqualTo(new MetadataEntry("general.architecture", "general", "string", "bitnet"));
        }
    }

    @Test
    void longStringsSuchAsChatTemplatesAreCut() {
        MetadataEntry e = MetadataEntry.of("tokenizer.chat_template", GgufValue.ofString("x".repeat(5000)));
        assertThat(e.value()).isEqualTo("x".repeat(MetadataEntry.MAX_STRING) + "… (5000 characters)");
    }

    @Test
    void keysWithoutADotGoToOther() {
        assertThat(MetadataEntry.of("odd", GgufValue.ofUint32(7)).category()).isEqualTo("other");
        assertThat(MetadataEntry.of("odd", GgufValue.ofUint32(7)).value()).isEqualTo("7");
    }
}
