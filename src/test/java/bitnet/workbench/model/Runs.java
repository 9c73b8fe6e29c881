package bitnet.workbench.model;

import bitnet.workbench.testsupport.Reference;

/** Runs a model the way the reference dumper did: the prompt in one append, then greedy decoding. */
final class Runs {
    private Runs() {
    }

    record Result(float[] lastLogits, int[] generated) {
    }

    static Result greedy(LanguageModel model, int[] prompt, int newTokens) {
        try (Sequence seq = model.newSequence()) {
            float[] logits = new float[model.vocabSize()];
            float[] first = null;
            seq.append(prompt, 0, prompt.length, logits);
            first = logits.clone();
            int[] gen = new int[newTokens];
            for (int i = 0; i < newTokens; i++) {
                gen[i] = Reference.argmax(logits, model.vocabSize());
                if (i + 1 < newTokens) seq.append(new int[] {gen[i]}, 0, 1, logits);
            }
            return new Result(first, gen);
        }
    }
}
