package bitnet.workbench.train;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes text with a {@link BpeVocabulary} the way llama.cpp's BPE tokenizer does: pre-tokenize,
 * spell each piece in bytes, then repeatedly merge the adjacent pair of lowest merge rank (leftmost
 * first). Used to tokenize the training corpus, so the model trains on the ids the engine will produce.
 */
public final class BpeEncoder {
    private final BpeVocabulary vocabulary;
    private final Map<String, Integer> ids;
    /** (left id, right id) to {rank, merged id}. */
    private final Map<Long, int[]> merges = new HashMap<>();
    private final int[] byteIds = new int[256];

    public BpeEncoder(BpeVocabulary vocabulary) {
        this.vocabulary = vocabulary;
        this.ids = vocabulary.ids();
        for (int b = 0; b < 256; b++) {
            Integer id = ids.get(String.valueOf(ByteUnicode.charOf(b)));
            if (id == null) throw new IllegalArgumentException("vocabulary lacks the token for byte " + b);
            byteIds[b] = id;
        }
        List<String> ms = vocabulary.merges();
        for (int r = 0; r < ms.size(); r++) {
            String m = ms.get(r);
            int sp = m.indexOf(' ');
            if (sp <= 0 || sp == m.length() - 1 || m.indexOf(' ', sp + 1) >= 0) {
                throw new IllegalArgumentException("merge " + r + " is not 'left right': " + m);
            }
            String left = m.substring(0, sp), right = m.substring(sp + 1);
            Integer a = ids.get(left), b = ids.get(right), ab = ids.get(left + right);
            if (a == null || b == null || ab == null) throw new IllegalArgumentException("merge " + r + " uses unknown tokens: " + m);
            merges.putIfAbsent(key(a, b), new int[]{r, ab});
        }
    }

    public BpeVocabulary vocabulary() {
        return vocabulary;
    }

    /** Token ids of {@code text} (no BOS/EOS; special-token text is encoded as plain text). */
    public int[] encode(String text) {
        List<Integer> out = new ArrayList<>();
        for (String piece : vocabulary.preTokenizer().split(text)) encodePiece(piece, out);
        int[] r = new int[out.size()];
        for (int i = 0; i < r.length; i++) r[i] = out.get(i);
        return r;
    }

    /** The text of {@code ids}; control tokens are written as their names. Invalid UTF-8 becomes U+FFFD. */
    public String decode(int[] tokens) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int id : tokens) {
            if (id < 0 || id >= vocabulary.size()) throw new IllegalArgumentException("token id " + id + " outside the vocabulary");
            String t = vocabulary.tokens().get(id);
            byte[] b = vocabulary.tokenTypes()[id] == BpeVocabulary.TYPE_CONTROL
                ? t.getBytes(StandardCharsets.UTF_8) : ByteUnicode.decodeBytes(t);
            bytes.write(b, 0, b.length);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private void encodePiece(String piece, List<Integer> out) {
        String spelled = ByteUnicode.encode(piece);
        if (vocabulary.preTokenizer().ignoresMerges()) {
            Integer whole = ids.get(spelled);
            if (whole != null && vocabulary.tokenTypes()[whole] != BpeVocabulary.TYPE_CONTROL) {
                out.add(whole);
                return;
            }
        }
        int[] s = new int[spelled.length()];
        byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) s[i] = byteIds[bytes[i] & 0xFF];
        int n = s.length;
        while (n > 1) {
            int bestRank = Integer.MAX_VALUE, bestAt = -1, bestId = -1;
            for (int i = 0; i + 1 < n; i++) {
                int[] m = merges.get(key(s[i], s[i + 1]));
                if (m != null && m[0] < bestRank) {
                    bestRank = m[0];
                    bestAt = i;
                    bestId = m[1];
                }
            }
            if (bestAt < 0) break;
            s[bestAt] = bestId;
            System.arraycopy(s, bestAt + 2, s, bestAt + 1, n - bestAt - 2);
            n--;
        }
        for (int i = 0; i < n; i++) out.add(s[i]);
    }

    private static long key(int a, int b) {
        return ((long) a << 32) | (b & 0xFFFFFFFFL);
    }
}
