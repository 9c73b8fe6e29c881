package bitnet.workbench.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every case of tokenizer_cases.json (ids from upstream llama-tokenize) reproduced exactly. */
class ReferenceTokenizationTest {

    record Case(String text, String vocabKey, String file, boolean parseSpecial, int[] expected) {}

    static List<Case> cases() throws IOException {
        JsonNode root = new ObjectMapper().readTree(ReferenceVocabularies.referenceDir().resolve("tokenizer_cases.json").toFile());
        List<Case> out = new ArrayList<>();
        for (JsonNode c : root.get("cases")) {
            // the hex is the ground truth for the exact bytes
            String text = new String(HexFormat.of().parseHex(c.get("utf8_hex").asText()), StandardCharsets.UTF_8);
            for (String[] vocab : new String[][] {{"stories260K_spm", ReferenceVocabularies.SPM}, {"llama3_bpe", ReferenceVocabularies.BPE}}) {
                for (boolean parse : new boolean[] {true, false}) {
                    JsonNode ids = c.get(vocab[0]).get(parse ? "ids_parse_special" : "ids_no_parse_special");
                    int[] expected = new int[ids.size()];
                    for (int i = 0; i < expected.length; i++) expected[i] = ids.get(i).asInt();
                    out.add(new Case(text, vocab[0], vocab[1], parse, expected));
                }
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> encodingMatchesLlamaTokenizeForEveryReferenceCase() throws IOException {
        List<Case> cases = cases();
        assertThat(cases).hasSize(33 * 4);
        return cases.stream().map(c -> DynamicTest.dynamicTest(
                c.vocabKey() + (c.parseSpecial() ? " parse-special " : " plain ") + escape(c.text()),
                () -> assertThat(ReferenceVocabularies.tokenizer(c.file()).encode(c.text(), true, c.parseSpecial()))
                        .as("ids of %s", escape(c.text()))
                        .containsExactly(c.expected())));
    }

    static String escape(String s) {
        return '"' + s.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + '"';
    }
}
