package bitnet.workbench.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.PriorityQueue;

/**
 * SentencePiece-style tokenizer ({@code tokenizer.ggml.model = llama}) as llama.cpp's
 * {@code llm_tokenizer_spm}: spaces become '▁', a space is put in front of text that follows BOS or
 * a special token (add_space_prefix, default true), then adjacent symbols are merged greedily by the
 * score of the token they form; symbols that never form a token fall back to {@code <0xNN>} byte tokens.
 */
final class SentencePieceTokenizer extends VocabularyTokenizer {
    private static final char SPACE_MARK = '\u2581';

    private final boolean addSpacePrefix;

    SentencePieceTokenizer(Vocabulary vocab, boolean addSpacePrefix) {
        super(vocab);
        this.addSpacePrefix = addSpacePrefix;
    }

    @Override
    public String toString() {
        return "SentencePiece (llama, " + vocab.size() + " tokens" + (addSpacePrefix ? ", space prefix)" : ")");
    }

    @Override
    public int[] encode(String text, boolean addSpecial, boolean parseSpecial) {
        IntList out = new IntList();
        if (addSpecial && vocab.addBos()) out.add(vocab.bos());
        boolean previousSpecial = true; // text at the start also gets the space prefix
        for (SpecialTokenSplitter.Fragment f : splitter.split(text, parseSpecial)) {
            if (f.isText()) {
                String piece = text.substring(f.start(), f.end());
                if (addSpacePrefix && previousSpecial) piece = " " + piece;
                tokenize(piece.replace(' ', SPACE_MARK), out);
                previousSpecial = false;
            } else {
                out.add(f.token());
                previousSpecial = true;
            }
        }
        if (addSpecial && vocab.addEos()) out.add(vocab.eos());
        return out.toArray();
    }

    private record Bigram(int left, int right, float score, int size) {}

    private void tokenize(String text, IntList out) {
        int n = text.codePointCount(0, text.length());
        int[] start = new int[n], len = new int[n], prev = new int[n], next = new int[n];
        for (int i = 0, offset = 0; i < n; i++) {
            int chars = Character.charCount(text.codePointAt(offset));
            start[i] = offset;
            len[i] = chars;
            prev[i] = i - 1;
            next[i] = i + 1 < n ? i + 1 : -1;
            offset += chars;
        }
        // highest score first; among equal scores the leftmost pair
        PriorityQueue<Bigram> queue = new PriorityQueue<>((a, b) ->
                a.score() > b.score() ? -1 : a.score() < b.score() ? 1 : Integer.compare(a.left(), b.left()));
        for (int i = 1; i < n; i++) addBigram(text, start, len, i - 1, i, queue);
        while (!queue.isEmpty()) {
            Bigram bigram = queue.poll();
            int l = bigram.left(), r = bigram.right();
            if (len[l] == 0 || len[r] == 0 || len[l] + len[r] != bigram.size()) continue; // a side was merged since
            len[l] += len[r];
            len[r] = 0;
            next[l] = next[r];
            if (next[r] >= 0) prev[next[r]] = l;
            addBigram(text, start, len, prev[l], l, queue);
            addBigram(text, start, len, l, next[l], queue);
        }
        for (int i = 0; n > 0 && i != -1; i = next[i]) emit(text.substring(start[i], start[i] + len[i]), out);
    }

    private void addBigram(String text, int[] start, int[] len, int left, int right, PriorityQueue<Bigram> queue) {
        if (left < 0 || right < 0) return;
        int size = len[left] + len[right];
        int id = vocab.find(text.substring(start[left], start[left] + size));
        if (id < 0) return;
        queue.add(new Bigram(left, right, vocab.score(id), size));
    }

    /** A merged symbol is always a token; a single character that is not falls back to its bytes. */
    private void emit(String symbol, IntList out) {
        int id = vocab.find(symbol);
        if (id >= 0) {
            out.add(id);
            return;
        }
        for (byte b : Utf8.encode(symbol)) out.add(byteToken(b & 0xFF));
    }

    private int byteToken(int b) {
        int id = vocab.find(String.format("<0x%02X>", b));
        if (id < 0 && b < 0x80) id = vocab.find(String.valueOf((char) b));
        if (id < 0) id = vocab.unk(); // llama.cpp aborts here; the unknown token keeps the text's length visible
        if (id < 0) throw new TokenizerException(String.format("the vocabulary has no byte token <0x%02X> and no unknown token", b));
        return id;
    }

    @Override
    byte[] piece(int token) {
        int attrs = vocab.attrs(token);
        if (isSpecialKind(attrs)) return specialPiece(token);
        if ((attrs & TokenAttributes.NORMAL) != 0) {
            return vocab.text(token).replace(SPACE_MARK, ' ').getBytes(StandardCharsets.UTF_8);
        }
        if ((attrs & TokenAttributes.BYTE) != 0) return new byte[] {byteOf(token)};
        return none();
    }

}
