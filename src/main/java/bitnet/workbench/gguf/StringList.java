package bitnet.workbench.gguf;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * An immutable list of strings held as one char array and the offsets into it: a GGUF string
 * array without an object per element. The 2B4T tokenizer's 128k tokens and 280k merges took
 * ~31 MB as Strings (header, byte array, padding: ~70 bytes for a 6-character token) and take
 * ~7 MB here. {@link #get} makes a new String; {@link #equalsAt} and {@link #hashAt} let an index
 * find elements without one.
 */
public final class StringList extends AbstractList<String> implements RandomAccess {
    private static final StringList EMPTY = new StringList(new char[0], new int[1]);

    private final char[] chars;
    /** Element i is {@code chars[starts[i] .. starts[i+1])}. */
    private final int[] starts;

    private StringList(char[] chars, int[] starts) {
        this.chars = chars;
        this.starts = starts;
    }

    public static StringList of(String... strings) {
        Builder b = new Builder(strings.length);
        for (String s : strings) b.add(java.util.Objects.requireNonNull(s, "element"));
        return b.build();
    }

    @Override
    public int size() { return starts.length - 1; }

    @Override
    public String get(int i) {
        java.util.Objects.checkIndex(i, size());
        return new String(chars, starts[i], starts[i + 1] - starts[i]);
    }

    /** Characters of element i. */
    public int lengthAt(int i) {
        return starts[i + 1] - starts[i];
    }

    /** Whether element i equals {@code s}, without making a String of it. */
    public boolean equalsAt(int i, String s) {
        int from = starts[i];
        int n = starts[i + 1] - from;
        if (s.length() != n) return false;
        for (int k = 0; k < n; k++) if (chars[from + k] != s.charAt(k)) return false;
        return true;
    }

    /** Whether elements i and j are equal. */
    public boolean equalsAt(int i, int j) {
        return Arrays.equals(chars, starts[i], starts[i + 1], chars, starts[j], starts[j + 1]);
    }

    /** {@code get(i).hashCode()}, without making the String. */
    public int hashAt(int i) {
        int h = 0;
        for (int k = starts[i]; k < starts[i + 1]; k++) h = 31 * h + chars[k];
        return h;
    }

    /** The first index of {@code c} in element i at or after {@code from}, or -1. */
    public int indexOf(int i, char c, int from) {
        for (int k = starts[i] + Math.max(0, from); k < starts[i + 1]; k++) if (chars[k] == c) return k - starts[i];
        return -1;
    }

    /** Appends strings; the char array grows by half as needed. */
    public static final class Builder {
        private char[] chars;
        private int[] starts;
        private int count;

        public Builder(int expected) {
            starts = new int[Math.max(1, expected) + 1];
            chars = new char[Math.max(16, expected * 8)];
        }

        public Builder add(String s) {
            int at = starts[count];
            int end = at + s.length();
            if (end > chars.length) chars = Arrays.copyOf(chars, Math.max(end, chars.length + (chars.length >> 1)));
            s.getChars(0, s.length(), chars, at);
            if (count + 2 > starts.length) starts = Arrays.copyOf(starts, starts.length + (starts.length >> 1) + 1);
            starts[++count] = end;
            return this;
        }

        public StringList build() {
            if (count == 0) return EMPTY;
            return new StringList(Arrays.copyOf(chars, starts[count]), Arrays.copyOf(starts, count + 1));
        }
    }
}
