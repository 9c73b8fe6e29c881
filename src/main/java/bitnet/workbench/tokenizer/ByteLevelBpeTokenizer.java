package bitnet.workbench.tokenizer;

import bitnet.workbench.gguf.StringList;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.PriorityQueue;

/**
 * Byte-level BPE ({@code tokenizer.ggml.model = gpt2}) as llama.cpp's {@code llm_tokenizer_bpe}:
 * the pre-tokenizer splits text into words, each word's UTF-8 bytes are written as GPT-2's byte
 * characters, and adjacent symbols are merged lowest merge rank first ({@code tokenizer.ggml.merges}).
 * With {@code ignoreMerges} (LLaMA-3) a word that is itself a token is taken whole.
 */
final class ByteLevelBpeTokenizer extends VocabularyTokenizer {
    static final String KEY_MERGES = "tokenizer.ggml.merges";

    private final PreTokenizer preTokenizer;
    private final boolean ignoreMerges;
    /** Rank of each merge (its index), found by its "left right" text (symbols never contain a plain space). */
    private final StringIndex ranks;

    private final String preName;

    ByteLevelBpeTokenizer(Vocabulary vocab, StringList merges, PreTokenizer preTokenizer, boolean ignoreMerges, String preName) {
        super(vocab);
        this.preName = preName;
        this.preTokenizer = preTokenizer;
        this.ignoreMerges = ignoreMerges;
        // llama.cpp files a merge without a space under ("", ""), which no symbol pair can look up
        BitSet unreachable = new BitSet(merges.size());
        for (int i = 0; i < merges.size(); i++) if (merges.indexOf(i, ' ', 1) < 0) unreachable.set(i);
        this.ranks = new StringIndex(merges, unreachable); // the first of equal merges ranks
    }

    @Override
    public String toString() {
        return "byte-level BPE (gpt2, pre-tokenizer " + preName + ", " + vocab.size() + " tokens, " + ranks.size() + " merges)";
    }

    @Override
    public int[] encode(String text, boolean addSpecial, boolean parseSpecial) {
        IntList out = new IntList();
        if (addSpecial && vocab.addBos()) out.add(vocab.bos());
        for (SpecialTokenSplitter.Fragment f : splitter.split(text, parseSpecial)) {
            if (f.isText()) {
                for (String word : preTokenizer.split(text.substring(f.start(), f.end()))) {
                    mergeWord(ByteUnicode.encodeUtf8(word), out);
                }
            } else {
                out.add(f.token());
            }
        }
        if (addSpecial && vocab.addEos()) out.add(vocab.eos());
        return out.toArray();
    }

    private record Bigram(int left, int right, int rank, int size) {}

    private void mergeWord(String word, IntList out) {
        if (ignoreMerges) {
            int whole = vocab.find(word);
            if (whole >= 0) {
                out.add(whole);
                return;
            }
        }
        int n = word.length(); // byte characters are all in the BMP: one char per symbol
        int[] len = new int[n], prev = new int[n], next = new int[n];
        for (int i = 0; i < n; i++) {
            len[i] = 1;
            prev[i] = i - 1;
            next[i] = i + 1 < n ? i + 1 : -1;
        }
        // lowest rank first; among equal ranks the leftmost pair
        PriorityQueue<Bigram> queue = new PriorityQueue<>((a, b) ->
                a.rank() != b.rank() ? Integer.compare(a.rank(), b.rank()) : Integer.compare(a.left(), b.left()));
        for (int i = 1; i < n; i++) addBigram(word, len, i - 1, i, queue);
        while (!queue.isEmpty()) {
            Bigram bigram = queue.poll();
            int l = bigram.left(), r = bigram.right();
            // llama.cpp compares texts; with a fixed left start that is the same as comparing the lengths
            if (len[l] == 0 || len[r] == 0 || len[l] + len[r] != bigram.size()) continue;
            len[l] += len[r];
            len[r] = 0;
            next[l] = next[r];
            if (next[r] >= 0) prev[next[r]] = l;
            addBigram(word, len, prev[l], l, queue);
            addBigram(word, len, l, next[l], queue);
        }
        for (int i = 0; n > 0 && i != -1; i = next[i]) {
            String symbol = word.substring(i, i + len[i]);
            int id = vocab.find(symbol);
            if (id >= 0) {
                out.add(id);
                continue;
            }
            // llama.cpp then looks up each UTF-8 byte of the symbol as a one-byte token and drops misses
            for (byte b : symbol.getBytes(StandardCharsets.UTF_8)) {
                int single = b >= 0 ? vocab.find(String.valueOf((char) b)) : -1;
                if (single >= 0) out.add(single);
            }
        }
    }

    private void addBigram(String word, int[] len, int left, int right, PriorityQueue<Bigram> queue) {
        if (left < 0 || right < 0) return;
        String key = word.substring(left, left + len[left]) + ' ' + word.substring(right, right + len[right]);
        int rank = ranks.indexOf(key);
        if (rank >= 0) queue.add(new Bigram(left, right, rank, len[left] + len[right]));
    }

    @Override
    byte[] piece(int token) {
        int attrs = vocab.attrs(token);
        if (isSpecialKind(attrs)) return specialPiece(token);
        if ((attrs & TokenAttributes.NORMAL) != 0) return decodeByteCharacters(vocab.text(token));
        if ((attrs & TokenAttributes.BYTE) != 0) return new byte[] {byteOf(token)};
        return none();
    }

    /** llama_decode_text: each character back to its byte; a character outside the map is spelled out as llama.cpp does. */
    private static byte[] decodeByteCharacters(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            int b = ByteUnicode.decode(cp);
            if (b >= 0) {
                out.write(b);
            } else {
                StringBuilder unknown = new StringBuilder("[UNK_BYTE_0x");
                for (byte u : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    unknown.append(String.format("%02x", u & 0xFF));
                }
                unknown.append(text).append(']');
                out.writeBytes(unknown.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

}
