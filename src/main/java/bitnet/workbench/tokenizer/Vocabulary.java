package bitnet.workbench.tokenizer;

import bitnet.workbench.gguf.GgufArray;
import bitnet.workbench.gguf.GgufMetadata;
import bitnet.workbench.gguf.GgufMetadataException;
import bitnet.workbench.gguf.StringList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The token table of a GGUF model with the special-token bookkeeping of llama.cpp's
 * {@code llama_vocab::impl::load}: special ids with their per-model defaults, add-BOS/EOS flags,
 * end-of-turn and end-of-generation detection by token text, and the list of special tokens that
 * {@link SpecialTokenSplitter} looks for in raw text.
 */
final class Vocabulary {
    static final String KEY_TOKENS = "tokenizer.ggml.tokens";
    static final String KEY_SCORES = "tokenizer.ggml.scores";
    static final String KEY_TYPES = "tokenizer.ggml.token_type";

    /** Defaults that depend on the tokenizer model and pre-tokenizer, before the file's own keys apply. */
    record Defaults(int bos, int eos, int unk, boolean addBos, boolean addEos) {}

    private final StringList texts;
    private final float[] scores;
    private final int[] attrs;
    private final StringIndex ids;
    private final int bos, eos, eot, eom, unk;
    private final boolean addBos, addEos;
    private final boolean[] endOfGeneration;
    private final int[] endOfGenerationIds;
    private final int[] specialTokens;

    private Vocabulary(Builder b) {
        texts = b.texts;
        scores = b.scores;
        attrs = b.attrs;
        ids = b.ids;
        bos = b.slots[Slot.BOS.ordinal()];
        eos = b.slots[Slot.EOS.ordinal()];
        eot = b.slots[Slot.EOT.ordinal()];
        eom = b.slots[Slot.EOM.ordinal()];
        unk = b.slots[Slot.UNK.ordinal()];
        addBos = b.addBos;
        addEos = b.addEos;
        endOfGeneration = b.endOfGeneration;
        endOfGenerationIds = b.endOfGenerationIds;
        specialTokens = b.specialTokens;
    }

    static Vocabulary load(GgufMetadata metadata, Defaults defaults) {
        return new Builder(metadata, defaults).build();
    }

    int size() { return texts.size(); }
    String text(int id) { return texts.get(id); }
    float score(int id) { return scores[id]; }
    int attrs(int id) { return attrs[id]; }
    boolean has(int id, int attr) { return (attrs[id] & attr) != 0; }
    int bos() { return bos; }
    int eos() { return eos; }
    int eot() { return eot; }
    int eom() { return eom; }
    int unk() { return unk; }
    boolean addBos() { return addBos; }
    boolean addEos() { return addEos; }
    boolean isEndOfGeneration(int id) { return id >= 0 && id < endOfGeneration.length && endOfGeneration[id]; }
    int[] endOfGenerationIds() { return endOfGenerationIds.clone(); }
    /** Control, user-defined and unknown tokens, longest text first (ties: lower id first). */
    int[] specialTokens() { return specialTokens; }

    /** The id whose text is exactly {@code text}, or -1. */
    int find(String text) {
        return ids.indexOf(text);
    }

    void checkId(int id) {
        if (id < 0 || id >= texts.size()) {
            throw new IllegalArgumentException("token id " + id + " is outside the vocabulary (0.." + (texts.size() - 1) + ")");
        }
    }

    private enum Slot {
        BOS("bos_token_id"), EOS("eos_token_id"), EOT("eot_token_id"), EOM("eom_token_id"), UNK("unknown_token_id"),
        SEP("seperator_token_id"), PAD("padding_token_id"), MASK("mask_token_id"),
        FIM_PRE("fim_pre_token_id"), FIM_SUF("fim_suf_token_id"), FIM_MID("fim_mid_token_id"),
        FIM_PAD("fim_pad_token_id"), FIM_REP("fim_rep_token_id"), FIM_SEP("fim_sep_token_id");

        final String key;

        Slot(String key) { this.key = "tokenizer.ggml." + key; }
    }

    /** Texts that llama.cpp recognises as a slot when the file leaves it unset, in llama.cpp's order. */
    private static final Map<Slot, List<String>> DETECTED_BY_TEXT = Map.of(
            Slot.EOT, List.of("<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>", "<|endoftext|>", "<|end_of_text|>",
                    "<EOT>", "_<EOT>", "[EOT]", "<｜end▁of▁sentence｜>", "<end_of_utterance>"),
            Slot.EOM, List.of("<|eom_id|>"),
            Slot.FIM_PRE, List.of("<|fim_prefix|>", "<fim-prefix>", "<fim_prefix>", "<｜fim▁begin｜>", "<PRE>", "▁<PRE>",
                    "<|code_prefix|>", "<|prefix|>"),
            Slot.FIM_SUF, List.of("<|fim_suffix|>", "<fim-suffix>", "<fim_suffix>", "<｜fim▁hole｜>", "<SUF>", "▁<SUF>",
                    "<|code_suffix|>", "<|suffix|>"),
            Slot.FIM_MID, List.of("<|fim_middle|>", "<fim-middle>", "<fim_middle>", "<｜fim▁end｜>", "<MID>", "▁<MID>",
                    "<|code_middle|>", "<|middle|>"),
            Slot.FIM_PAD, List.of("<|fim_pad|>", "<fim-pad>", "<fim_pad>", "<PAD>", "[PAD]"),
            Slot.FIM_REP, List.of("<|fim_repo|>", "<|repo_name|>", "<fim-repo>", "<REPO>", "<reponame>"),
            Slot.FIM_SEP, List.of("<|file_sep|>"));

    private static final List<Slot> DETECTION_ORDER =
            List.of(Slot.EOT, Slot.EOM, Slot.FIM_PRE, Slot.FIM_SUF, Slot.FIM_MID, Slot.FIM_PAD, Slot.FIM_REP, Slot.FIM_SEP);

    /** Texts that end generation whatever the file says (llama.cpp's list, "this is obviously not ideal" included). */
    private static final List<String> END_OF_GENERATION_TEXTS = List.of(
            "<|eot_id|>", "<|im_end|>", "<|end|>", "<|return|>", "<|call|>", "<|flush|>", "<|calls|>", "<end_of_turn>",
            "<|endoftext|>", "</s>", "<|eom_id|>", "<EOT>", "_<EOT>", "[EOT]", "[EOS]", "<|end_of_text|>",
            "<end_of_utterance>", "<eos>", "<turn|>", "<|tool_response>", "<｜end▁of▁sentence｜>", "[e~[");

    private static final class Builder {
        final GgufMetadata md;
        StringList texts;
        float[] scores;
        int[] attrs;
        StringIndex ids;
        final int[] slots = new int[Slot.values().length];
        boolean addBos, addEos;
        boolean[] endOfGeneration;
        int[] endOfGenerationIds;
        int[] specialTokens;

        Builder(GgufMetadata md, Defaults defaults) {
            this.md = md;
            Arrays.fill(slots, -1);
            slots[Slot.BOS.ordinal()] = defaults.bos();
            slots[Slot.EOS.ordinal()] = defaults.eos();
            slots[Slot.UNK.ordinal()] = defaults.unk();
            addBos = defaults.addBos();
            addEos = defaults.addEos();
        }

        Vocabulary build() {
            try {
                readTokens();
                readSpecialIds();
                detectByText();
                markUnused();
                collectEndOfGeneration();
                collectSpecialTokens();
                applyModelSpecificAttributes();
            } catch (GgufMetadataException e) {
                throw new TokenizerException("bad tokenizer metadata: " + e.getMessage(), e);
            }
            return new Vocabulary(this);
        }

        /** The id of {@code text}, or null. */
        private Integer idOf(String text) {
            int id = ids.indexOf(text);
            return id < 0 ? null : id;
        }

        private void readTokens() {
            if (!md.has(KEY_TOKENS)) throw new TokenizerException("metadata key '" + KEY_TOKENS + "' is missing: the file has no vocabulary");
            StringList raw = md.getStrings(KEY_TOKENS);
            int n = raw.size();
            if (n == 0) throw new TokenizerException("metadata key '" + KEY_TOKENS + "' is an empty array");
            texts = raw;
            scores = new float[n];
            attrs = new int[n];
            if (md.has(KEY_SCORES)) {
                GgufArray a = md.getArray(KEY_SCORES);
                if (a.size() < n) throw new TokenizerException("'" + KEY_SCORES + "' has " + a.size() + " entries for " + n + " tokens");
                if (a.elementType().isInteger()) {
                    int[] s = md.getIntArray(KEY_SCORES);
                    for (int i = 0; i < n; i++) scores[i] = s[i];
                } else {
                    System.arraycopy(md.getFloatArray(KEY_SCORES), 0, scores, 0, n);
                }
            }
            int[] types = null;
            if (md.has(KEY_TYPES)) {
                types = md.getIntArray(KEY_TYPES);
                if (types.length < n) throw new TokenizerException("'" + KEY_TYPES + "' has " + types.length + " entries for " + n + " tokens");
            }
            boolean anyEmpty = false;
            for (int i = 0; i < n; i++) {
                anyEmpty |= raw.lengthAt(i) == 0;
                attrs[i] = types == null ? TokenAttributes.NORMAL : TokenAttributes.fromGgufType(types[i]);
            }
            if (anyEmpty) {
                StringList.Builder named = new StringList.Builder(n);
                for (int i = 0; i < n; i++) named.add(raw.lengthAt(i) == 0 ? "[EMPTY_" + i + "]" : raw.get(i));
                texts = named.build();
            }
            ids = new StringIndex(texts);
            if (ids.size() != n) {
                for (int i = 0; i < n; i++) {
                    String text = texts.get(i);
                    int first = ids.indexOf(text);
                    if (first != i) throw new TokenizerException("duplicate token in vocabulary: '" + text + "' has ids " + first + " and " + i);
                }
            }
        }

        private void readSpecialIds() {
            int n = texts.size();
            for (Slot slot : Slot.values()) {
                int id = slots[slot.ordinal()];
                if (id >= n) slots[slot.ordinal()] = -1; // a default outside a small vocabulary is disabled
                if (md.has(slot.key)) {
                    long v = md.getLong(slot.key) & 0xFFFF_FFFFL; // read as uint32, like llama.cpp
                    if (v < n) slots[slot.ordinal()] = (int) v; // an out-of-range value keeps the default
                }
            }
            // llama.cpp's deprecated aliases fill the same slots
            readAlias("tokenizer.ggml.prefix_token_id", Slot.FIM_PRE);
            readAlias("tokenizer.ggml.suffix_token_id", Slot.FIM_SUF);
            readAlias("tokenizer.ggml.middle_token_id", Slot.FIM_MID);
            addBos = md.getBoolean("tokenizer.ggml.add_bos_token", addBos);
            addEos = md.getBoolean("tokenizer.ggml.add_eos_token", addEos);
            if (addBos && slots[Slot.BOS.ordinal()] < 0) {
                throw new TokenizerException("tokenizer.ggml.add_bos_token is true, but tokenizer.ggml.bos_token_id is not set");
            }
            if (addEos && slots[Slot.EOS.ordinal()] < 0) {
                throw new TokenizerException("tokenizer.ggml.add_eos_token is true, but tokenizer.ggml.eos_token_id is not set");
            }
        }

        private void readAlias(String key, Slot slot) {
            if (!md.has(key)) return;
            long v = md.getLong(key) & 0xFFFF_FFFFL;
            if (v < texts.size()) slots[slot.ordinal()] = (int) v;
        }

        private void detectByText() {
            for (Slot slot : DETECTION_ORDER) {
                if (slots[slot.ordinal()] >= 0) continue;
                for (String text : DETECTED_BY_TEXT.get(slot)) {
                    Integer id = idOf(text);
                    if (id != null) {
                        slots[slot.ordinal()] = id;
                        attrs[id] |= TokenAttributes.CONTROL;
                        break;
                    }
                }
            }
        }

        private void markUnused() {
            for (int i = 0; i < texts.size(); i++) {
                if ((attrs[i] & TokenAttributes.CONTROL) != 0 && texts.get(i).contains("unused")) attrs[i] |= TokenAttributes.UNUSED;
            }
        }

        private void collectEndOfGeneration() {
            boolean[] eog = new boolean[texts.size()];
            for (Slot slot : List.of(Slot.FIM_PAD, Slot.FIM_REP, Slot.FIM_SEP)) {
                if (slots[slot.ordinal()] >= 0) eog[slots[slot.ordinal()]] = true;
            }
            for (String text : END_OF_GENERATION_TEXTS) {
                Integer id = idOf(text);
                if (id != null) {
                    eog[id] = true;
                    attrs[id] |= TokenAttributes.CONTROL;
                }
            }
            // gpt-oss: these structure tokens are always rendered
            for (String text : List.of("<|channel|>", "<|message|>", "<|start|>", "<|constrain|>")) {
                Integer id = idOf(text);
                if (id != null) attrs[id] = TokenAttributes.USER_DEFINED;
            }
            for (Slot slot : List.of(Slot.EOS, Slot.EOT, Slot.EOM)) {
                if (slots[slot.ordinal()] >= 0) eog[slots[slot.ordinal()]] = true;
            }
            // o200k_harmony / solar-open: "<|end|>" ends a message, not the generation
            int end = eogId(eog, "<|end|>");
            boolean hasReturn = eogId(eog, "<|return|>") >= 0;
            boolean hasCall = eogId(eog, "<|call|>") >= 0 || eogId(eog, "<|calls|>") >= 0;
            boolean hasFlush = eogId(eog, "<|flush|>") >= 0;
            if (end >= 0 && hasCall && (hasReturn || hasFlush)) {
                eog[end] = false;
                attrs[end] = TokenAttributes.USER_DEFINED;
            }
            // gemma4 / paddleocr: "</s>" is not an end of generation when "<|tool_response>" is
            int s = eogId(eog, "</s>");
            if (s >= 0 && eogId(eog, "<|tool_response>") >= 0) {
                eog[s] = false;
                attrs[s] = TokenAttributes.NORMAL;
            }
            endOfGeneration = eog;
            List<Integer> list = new ArrayList<>();
            for (int i = 0; i < eog.length; i++) if (eog[i]) list.add(i);
            endOfGenerationIds = list.stream().mapToInt(Integer::intValue).toArray();
        }

        private int eogId(boolean[] eog, String text) {
            Integer id = idOf(text);
            return id != null && eog[id] ? id : -1;
        }

        private void collectSpecialTokens() {
            int mask = TokenAttributes.CONTROL | TokenAttributes.USER_DEFINED | TokenAttributes.UNKNOWN;
            List<int[]> found = new ArrayList<>(); // {id, utf8 length}
            for (int i = 0; i < texts.size(); i++) {
                if ((attrs[i] & mask) != 0) found.add(new int[] {i, utf8Length(texts.get(i))});
            }
            // llama.cpp sorts by byte length with an unstable sort; ties go to the lower id here, which is deterministic
            found.sort((a, b) -> a[1] != b[1] ? Integer.compare(b[1], a[1]) : Integer.compare(a[0], b[0]));
            specialTokens = found.stream().mapToInt(e -> e[0]).toArray();
        }

        private void applyModelSpecificAttributes() {
            String name = md.findString("general.name").orElse("").toLowerCase(Locale.ROOT);
            if (name.contains("phi-3") || name.contains("phi3")) {
                for (int id : specialTokens) attrs[id] |= TokenAttributes.RSTRIP;
                setAttr("</s>", TokenAttributes.RSTRIP, true);
                for (String t : List.of("<unk>", "<s>", "<|endoftext|>")) setAttr(t, TokenAttributes.RSTRIP, false);
            }
        }

        private void setAttr(String text, int attr, boolean on) {
            Integer id = idOf(text);
            if (id == null) return;
            attrs[id] = on ? attrs[id] | attr : attrs[id] & ~attr;
        }
    }

    static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) n += 1;
            else if (c < 0x800) n += 2;
            else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) { n += 4; i++; }
            else n += 3;
        }
        return n;
    }
}
