package bitnet.workbench.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Trains a byte-level BPE vocabulary: the 256 byte tokens, then repeatedly the most frequent
 * adjacent pair inside pre-tokenized pieces becomes a new token, until the vocabulary (including
 * the two special tokens at its end) has the requested size or no pair occurs twice. Ties go to the
 * pair with the smaller left id, then the smaller right id, so training is deterministic.
 */
public final class BpeTrainer {
    /** Enough for 256 bytes, one merge and the two special tokens. */
    public static final int MIN_VOCABULARY = 259;

    private final PreTokenizer preTokenizer;
    private final Map<String, Long> pieceCounts = new HashMap<>();

    public BpeTrainer(PreTokenizer preTokenizer) {
        this.preTokenizer = preTokenizer;
    }

    /** Adds a stretch of training text (pieces never span two calls). */
    public void add(String text) {
        for (String piece : preTokenizer.split(text)) pieceCounts.merge(piece, 1L, Long::sum);
    }

    public BpeVocabulary train(int vocabularySize) {
        if (vocabularySize < MIN_VOCABULARY) {
            throw new IllegalArgumentException("vocabulary size must be at least " + MIN_VOCABULARY + ", was " + vocabularySize);
        }
        List<String> tokens = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        for (int b = 0; b < 256; b++) {
            String s = String.valueOf(ByteUnicode.charOf(b));
            ids.put(s, tokens.size());
            tokens.add(s);
        }
        Words words = new Words(pieceCounts);
        List<String> merges = new ArrayList<>();
        int target = vocabularySize - 2;
        while (tokens.size() < target) {
            long[] best = words.mostFrequentPair();
            if (best == null) break;
            int a = (int) best[1], b = (int) best[2];
            String merged = tokens.get(a) + tokens.get(b);
            Integer id = ids.get(merged);
            if (id == null) {
                id = tokens.size();
                ids.put(merged, id);
                tokens.add(merged);
            }
            merges.add(tokens.get(a) + " " + tokens.get(b));
            words.merge(a, b, id);
        }
        int bos = tokens.size();
        tokens.add(BpeVocabulary.BOS);
        int eos = tokens.size();
        tokens.add(BpeVocabulary.EOS);
        int[] types = new int[tokens.size()];
        java.util.Arrays.fill(types, BpeVocabulary.TYPE_NORMAL);
        types[bos] = BpeVocabulary.TYPE_CONTROL;
        types[eos] = BpeVocabulary.TYPE_CONTROL;
        return new BpeVocabulary(tokens, types, merges, preTokenizer, bos, eos);
    }

    /** The distinct pieces as symbol sequences, with pair counts kept up to date across merges. */
    private static final class Words {
        private final int[][] symbols;
        private final long[] counts;
        private final Map<Long, Long> pairCounts = new HashMap<>();
        private final Map<Long, Set<Integer>> pairWords = new HashMap<>();
        /** Entries {count, left, right}; stale entries are skipped when popped. */
        private final PriorityQueue<long[]> queue = new PriorityQueue<>((x, y) -> {
            if (x[0] != y[0]) return Long.compare(y[0], x[0]);
            if (x[1] != y[1]) return Long.compare(x[1], y[1]);
            return Long.compare(x[2], y[2]);
        });

        Words(Map<String, Long> pieceCounts) {
            Map<String, Long> sorted = new LinkedHashMap<>();
            pieceCounts.keySet().stream().sorted().forEach(k -> sorted.put(k, pieceCounts.get(k)));
            symbols = new int[sorted.size()][];
            counts = new long[sorted.size()];
            int w = 0;
            for (Map.Entry<String, Long> e : sorted.entrySet()) {
                byte[] bytes = e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                int[] s = new int[bytes.length];
                for (int i = 0; i < bytes.length; i++) s[i] = bytes[i] & 0xFF;
                symbols[w] = s;
                counts[w] = e.getValue();
                addPairs(w, null);
                w++;
            }
            for (Map.Entry<Long, Long> e : pairCounts.entrySet()) push(e.getKey(), e.getValue());
        }

        long[] mostFrequentPair() {
            while (!queue.isEmpty()) {
                long[] top = queue.poll();
                Long current = pairCounts.get(key((int) top[1], (int) top[2]));
                if (current != null && current == top[0]) return top;
            }
            return null;
        }

        void merge(int a, int b, int id) {
            long k = key(a, b);
            Set<Integer> where = pairWords.remove(k);
            Set<Long> touched = new HashSet<>();
            for (int w : where) {
                removePairs(w, touched);
                int[] s = symbols[w];
                int[] out = new int[s.length];
                int n = 0;
                for (int i = 0; i < s.length; i++) {
                    if (i + 1 < s.length && s[i] == a && s[i + 1] == b) {
                        out[n++] = id;
                        i++;
                    } else {
                        out[n++] = s[i];
                    }
                }
                symbols[w] = java.util.Arrays.copyOf(out, n);
                addPairs(w, touched);
            }
            pairCounts.remove(k);
            for (long t : touched) {
                Long c = pairCounts.get(t);
                if (c != null) push(t, c);
            }
        }

        private void addPairs(int w, Set<Long> touched) {
            int[] s = symbols[w];
            for (int i = 0; i + 1 < s.length; i++) {
                long k = key(s[i], s[i + 1]);
                pairCounts.merge(k, counts[w], Long::sum);
                pairWords.computeIfAbsent(k, x -> new HashSet<>()).add(w);
                if (touched != null) touched.add(k);
            }
        }

        private void removePairs(int w, Set<Long> touched) {
            int[] s = symbols[w];
            for (int i = 0; i + 1 < s.length; i++) {
                long k = key(s[i], s[i + 1]);
                long left = pairCounts.merge(k, -counts[w], Long::sum);
                if (left <= 0) pairCounts.remove(k);
                touched.add(k);
                // the word may still contain the pair after the merge; addPairs puts it back then
                Set<Integer> ws = pairWords.get(k);
                if (ws != null) ws.remove(w);
            }
        }

        private void push(long k, long count) {
            queue.add(new long[]{count, k >>> 32, k & 0xFFFFFFFFL});
        }

        private static long key(int a, int b) {
            return ((long) a << 32) | (b & 0xFFFFFFFFL);
        }
    }
}
