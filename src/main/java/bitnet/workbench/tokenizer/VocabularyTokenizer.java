package bitnet.workbench.tokenizer;

/** What the SPM and BPE tokenizers share: the vocabulary queries and llama_token_to_piece's special-token rule. */
abstract sealed class VocabularyTokenizer implements Tokenizer permits SentencePieceTokenizer, ByteLevelBpeTokenizer {
    private static final byte[] NONE = new byte[0];

    final Vocabulary vocab;
    final SpecialTokenSplitter splitter;

    VocabularyTokenizer(Vocabulary vocab) {
        this.vocab = vocab;
        this.splitter = new SpecialTokenSplitter(vocab);
    }

    /** The token's piece as llama_token_to_piece(special=true) gives it. */
    abstract byte[] piece(int token);

    @Override
    public final byte[] tokenBytes(int token, boolean special) {
        vocab.checkId(token);
        if (!special && vocab.has(token, TokenAttributes.UNKNOWN | TokenAttributes.CONTROL)) return NONE;
        return piece(token);
    }

    /** Control, unknown and user-defined tokens are their own text; other kinds without a rule give nothing. */
    final byte[] specialPiece(int token) {
        return vocab.text(token).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static boolean isSpecialKind(int attrs) {
        return (attrs & (TokenAttributes.UNKNOWN | TokenAttributes.CONTROL | TokenAttributes.USER_DEFINED)) != 0;
    }

    /** The byte a {@code <0xNN>} token stands for. */
    final byte byteOf(int token) {
        String text = vocab.text(token);
        if (text.length() != 6 || !text.startsWith("<0x") || text.charAt(5) != '>') {
            throw new TokenizerException("byte token " + token + " has text '" + text + "', expected <0xNN>");
        }
        return (byte) Integer.parseInt(text.substring(3, 5), 16);
    }

    static byte[] none() { return NONE; }

    @Override public int vocabSize() { return vocab.size(); }
    @Override public int bos() { return vocab.bos(); }
    @Override public int eos() { return vocab.eos(); }
    @Override public int eot() { return vocab.eot(); }
    @Override public boolean addsBos() { return vocab.addBos(); }
    @Override public boolean addsEos() { return vocab.addEos(); }
    @Override public boolean isEndOfGeneration(int token) { return vocab.isEndOfGeneration(token); }
    @Override public int[] endOfGenerationTokens() { return vocab.endOfGenerationIds(); }
    @Override public int findToken(String text) { return vocab.find(text); }

    @Override
    public String tokenText(int token) {
        vocab.checkId(token);
        return vocab.text(token);
    }

    @Override
    public TokenType tokenType(int token) {
        vocab.checkId(token);
        return TokenAttributes.toType(vocab.attrs(token));
    }

    /** A growable int list, to avoid boxing while encoding long texts. */
    static final class IntList {
        private int[] data = new int[32];
        private int size;

        void add(int v) {
            if (size == data.length) data = java.util.Arrays.copyOf(data, size * 2);
            data[size++] = v;
        }

        int[] toArray() { return java.util.Arrays.copyOf(data, size); }
    }
}
