package bitnet.workbench.tokenizer;

import bitnet.workbench.gguf.GgufMetadata;
import bitnet.workbench.gguf.GgufMetadataException;
import bitnet.workbench.gguf.StringList;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Builds the {@link Tokenizer} a GGUF file describes, with llama.cpp's defaults for each tokenizer
 * model: {@code llama} (SentencePiece: BOS 1, EOS 2, unknown 0, add BOS, space prefix) and
 * {@code gpt2} (byte-level BPE with the pre-tokenizer named by {@code tokenizer.ggml.pre}).
 *
 * <p>Pre-tokenizers: the LLaMA-3 split ({@code llama3}, {@code llama-v3}, {@code llama-bpe} and the
 * other names llama.cpp maps to it) and the GPT-2 split ({@code gpt-2}, {@code mpt}, {@code olmo} ...).
 * Any other name is a {@link TokenizerException}. A missing {@code tokenizer.ggml.pre} is an error too,
 * except for a LLaMA-3 vocabulary (it holds {@code <|begin_of_text|>} and {@code <|eot_id|>}), which
 * gets the LLaMA-3 split: some BitNet b1.58 2B4T files omit the key. llama.cpp would use its
 * "default" splitter there and warn that quality degrades; this deliberately does what the model
 * was trained with instead.
 */
public final class Tokenizers {
    private static final Logger LOG = Logger.getLogger(Tokenizers.class.getName());

    static final String KEY_MODEL = "tokenizer.ggml.model";
    static final String KEY_PRE = "tokenizer.ggml.pre";

    private static final Set<String> LLAMA3 = Set.of("llama3", "llama-v3", "llama-bpe", "falcon3", "falcon-h1", "pixtral",
            "midm-2.0", "lfm2", "jina-v5-nano");
    private static final Set<String> LLAMA3_REGEX_ONLY = Set.of("dbrx", "smaug-bpe");
    private static final Set<String> GPT2 = Set.of("gpt-2", "phi-2", "jina-es", "jina-de", "gigachat", "jina-v2-es",
            "jina-v2-de", "a.x-4.0", "mellum", "modern-bert", "exaone4", "mpt", "olmo", "jais", "trillion", "granite-docling");
    static final List<String> SUPPORTED_PRE = java.util.stream.Stream.of(LLAMA3, LLAMA3_REGEX_ONLY, GPT2)
            .flatMap(Set::stream).sorted().toList();

    private Tokenizers() {}

    /** The tokenizer of a model, from its {@code tokenizer.ggml.*} metadata. */
    public static Tokenizer fromMetadata(GgufMetadata metadata) {
        try {
            String model = metadata.findString(KEY_MODEL)
                    .orElseThrow(() -> new TokenizerException("metadata key '" + KEY_MODEL + "' is missing: the file has no tokenizer"));
            return switch (model) {
                case "llama" -> sentencePiece(metadata);
                case "gpt2" -> byteLevelBpe(metadata);
                case "no_vocab", "none" -> throw new TokenizerException("the model has no vocabulary (" + KEY_MODEL + " = " + model + ")");
                default -> throw new TokenizerException("tokenizer model '" + model + "' is not supported (supported: llama = SentencePiece, gpt2 = byte-level BPE)");
            };
        } catch (GgufMetadataException e) {
            throw new TokenizerException("bad tokenizer metadata: " + e.getMessage(), e);
        }
    }

    private static Tokenizer sentencePiece(GgufMetadata md) {
        Vocabulary vocab = Vocabulary.load(md, new Vocabulary.Defaults(1, 2, 0, true, false));
        boolean addSpacePrefix = md.getBoolean("tokenizer.ggml.add_space_prefix", true);
        return new SentencePieceTokenizer(vocab, addSpacePrefix);
    }

    private static Tokenizer byteLevelBpe(GgufMetadata md) {
        if (!md.has(ByteLevelBpeTokenizer.KEY_MERGES)) {
            throw new TokenizerException("metadata key '" + ByteLevelBpeTokenizer.KEY_MERGES + "' is missing: a gpt2 tokenizer needs its merges");
        }
        String pre = md.findString(KEY_PRE).orElse(null);
        if (pre == null) {
            Vocabulary probe = Vocabulary.load(md, new Vocabulary.Defaults(11, 11, -1, false, false));
            if (probe.find("<|begin_of_text|>") < 0 || probe.find("<|eot_id|>") < 0) {
                throw new TokenizerException("metadata key '" + KEY_PRE + "' is missing and the vocabulary is not LLaMA-3's; "
                        + "set it to one of " + SUPPORTED_PRE);
            }
            LOG.warning(KEY_PRE + " is missing; the vocabulary is LLaMA-3's, so the llama-bpe pre-tokenizer is used");
            pre = "llama-bpe";
        }
        PreTokenizer preTokenizer;
        boolean ignoreMerges = false;
        boolean addBos = false;
        if (LLAMA3.contains(pre)) {
            preTokenizer = new Llama3PreTokenizer();
            ignoreMerges = true;
            addBos = true;
        } else if (LLAMA3_REGEX_ONLY.contains(pre)) {
            preTokenizer = new Llama3PreTokenizer();
        } else if (GPT2.contains(pre)) {
            preTokenizer = new Gpt2PreTokenizer();
        } else {
            throw new TokenizerException("pre-tokenizer '" + pre + "' (" + KEY_PRE + ") is not supported; supported: " + SUPPORTED_PRE);
        }
        Vocabulary vocab = Vocabulary.load(md, new Vocabulary.Defaults(11, 11, -1, addBos, false));
        StringList merges = md.getStrings(ByteLevelBpeTokenizer.KEY_MERGES);
        return new ByteLevelBpeTokenizer(vocab, merges, preTokenizer, ignoreMerges, pre);
    }
}
