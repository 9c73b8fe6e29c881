package bitnet.workbench.train;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Lines encoded one after another (each followed by a newline) with the token offset at which
 * each line starts. Training windows start at a line start and are preceded by BOS, as a prompt is
 * at inference time.
 */
public final class TokenStream {
    private final int[] tokens;
    private final int[] lineStarts;
    private final int bos;

    private TokenStream(int[] tokens, int[] lineStarts, int bos) {
        this.tokens = tokens;
        this.lineStarts = lineStarts;
        this.bos = bos;
    }

    public static TokenStream encode(BpeEncoder encoder, List<String> lines) {
        int[] starts = new int[lines.size()];
        IntList all = new IntList();
        for (int i = 0; i < lines.size(); i++) {
            starts[i] = all.size;
            for (int t : encoder.encode(lines.get(i) + "\n")) all.add(t);
        }
        return new TokenStream(java.util.Arrays.copyOf(all.data, all.size), starts, encoder.vocabulary().bosId());
    }

    public int size() {
        return tokens.length;
    }

    public int lines() {
        return lineStarts.length;
    }

    /** A batch of windows starting at random line starts (any line whose window fits). */
    public TokenBatch sample(int sequences, int length, SplittableRandom rng) {
        int usable = usableLines(length);
        int[] starts = new int[sequences];
        for (int s = 0; s < sequences; s++) starts[s] = lineStarts[rng.nextInt(usable)];
        return batchAt(starts, length);
    }

    /** {@code count} fixed windows spread evenly over the stream: the same every time, for evaluation. */
    public TokenBatch evenlySpaced(int sequences, int length, int index, int count) {
        int usable = usableLines(length);
        int[] starts = new int[sequences];
        for (int s = 0; s < sequences; s++) {
            long slot = (long) index * sequences + s;
            starts[s] = lineStarts[(int) (slot * usable / ((long) count * sequences))];
        }
        return batchAt(starts, length);
    }

    private TokenBatch batchAt(int[] starts, int length) {
        int n = starts.length * length;
        int[] in = new int[n], out = new int[n];
        for (int s = 0; s < starts.length; s++) {
            int o = s * length, p = starts[s];
            in[o] = bos;
            for (int i = 0; i < length; i++) {
                out[o + i] = tokens[p + i];
                if (i + 1 < length) in[o + i + 1] = tokens[p + i];
            }
        }
        return new TokenBatch(starts.length, length, in, out);
    }

    private int usableLines(int length) {
        int n = 0;
        while (n < lineStarts.length && lineStarts[n] + length <= tokens.length) n++;
        if (n == 0) {
            throw new IllegalArgumentException("text of " + tokens.length + " tokens is too short for windows of " + length);
        }
        return n;
    }

    private static final class IntList {
        int[] data = new int[1024];
        int size;

        void add(int v) {
            if (size == data.length) data = java.util.Arrays.copyOf(data, size * 2);
            data[size++] = v;
        }
    }
}
