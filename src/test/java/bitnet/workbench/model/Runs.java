package bitnet.workbench.model;

import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.testsupport.Reference;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Runs models the way the reference dumper did: the prompt in one append, then greedy decoding. */
final class Runs {
    private Runs() {
    }

    record Result(float[] lastLogits, int[] generated) {
    }

    /** One reference case compared with our run of it. */
    record Comparison(String prompt, double maxAbs, boolean top1Equal, int greedyEqualPrefix, int greedyLength) {
        boolean greedyEqual() { return greedyEqualPrefix == greedyLength; }
    }

    static Result greedy(LanguageModel model, int[] prompt, int newTokens) {
        try (Sequence seq = model.newSequence()) {
            float[] logits = new float[model.vocabSize()];
            seq.append(prompt, 0, prompt.length, logits);
            float[] first = logits.clone();
            int[] gen = new int[newTokens];
            for (int i = 0; i < newTokens; i++) {
                gen[i] = Reference.argmax(logits, model.vocabSize());
                if (i + 1 < newTokens) seq.append(new int[] {gen[i]}, 0, 1, logits);
            }
            return new Result(first, gen);
        }
    }

    /** The run or numpy reference named {@code id} in {@code fixture} (matched on run_id, ref_id or config_name). */
    static JsonNode reference(String fixture, String section, String id) {
        for (JsonNode r : Reference.json(fixture).get(section)) {
            for (String key : new String[] {"run_id", "ref_id", "config_name"}) {
                if (r.has(key) && r.get(key).asText().equals(id)) return r;
            }
        }
        throw new IllegalArgumentException("no " + section + " entry '" + id + "' in " + fixture);
    }

    /** Loads {@code modelFile} with {@code options} and compares every case of {@code ref}. */
    static List<Comparison> compare(String modelFile, ModelOptions options, JsonNode ref) throws IOException {
        List<Comparison> out = new ArrayList<>();
        try (GgufFile file = GgufFile.open(Reference.model(modelFile)); TransformerModel model = ModelLoader.load(file, options)) {
            for (JsonNode c : ref.get("cases")) {
                int[] expectedGen = Reference.ints(c.get("gen_ids"));
                float[] expectedLogits = Reference.floats(c.get("last_logits"));
                Result r = greedy(model, Reference.ints(c.get("prompt_ids")), expectedGen.length);
                int prefix = 0;
                while (prefix < expectedGen.length && expectedGen[prefix] == r.generated()[prefix]) prefix++;
                boolean top1 = Reference.argmax(r.lastLogits(), expectedLogits.length) == Reference.argmax(expectedLogits, expectedLogits.length);
                out.add(new Comparison(c.get("prompt").asText(), Reference.maxAbsDiff(r.lastLogits(), expectedLogits), top1, prefix, expectedGen.length));
            }
        }
        // Kept in the surefire output so the measured differences can be quoted.
        System.out.printf("%s %s/%s vs %s: max abs %s%n", modelFile, options.activationQuantization(), options.lmHeadInput(),
            ref.has("run_id") ? ref.get("run_id").asText() : ref.has("ref_id") ? ref.get("ref_id").asText() : ref.get("config_name").asText(),
            out.stream().map(c -> String.format("%.3g(greedy %d/%d)", c.maxAbs(), c.greedyEqualPrefix(), c.greedyLength())).toList());
        return out;
    }
}
