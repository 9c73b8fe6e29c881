package bitnet.workbench.tokenizer;

import bitnet.workbench.gguf.StringList;

import java.util.BitSet;

/**
 * The first index of each distinct string of a {@link StringList}, by open addressing in an int
 * table that refers back into the list: no String is made for an entry, only for a query. A
 * {@code HashMap<String, Integer>} spends about 56 bytes an entry (node, boxed index, table slot)
 * beside the strings; this spends 8 to 16 (a power-of-two table at least twice the entries).
 */
final class StringIndex {
    private final StringList keys;
    /** Index + 1 of the key hashed to each slot; 0 for an empty slot. */
    private final int[] slots;
    private final int mask;
    private final int distinct;

    /** Indexes every entry of {@code keys}. */
    StringIndex(StringList keys) {
        this(keys, null);
    }

    /** Indexes {@code keys} (null entries are skipped). */
    StringIndex(String[] keys) {
        this(listOf(keys), nulls(keys));
    }

    /** Indexes the entries of {@code keys} that are not in {@code skipped} (which may be null). */
    StringIndex(StringList keys, BitSet skipped) {
        this.keys = keys;
        int capacity = Integer.highestOneBit(Math.max(2, keys.size())) << 2;
        slots = new int[capacity];
        mask = capacity - 1;
        int n = 0;
        for (int i = 0; i < keys.size(); i++) {
            if (skipped != null && skipped.get(i)) continue;
            int s = start(keys.hashAt(i));
            while (slots[s] != 0 && !keys.equalsAt(slots[s] - 1, i)) s = (s + 1) & mask;
            if (slots[s] == 0) {
                slots[s] = i + 1;
                n++;
            }
        }
        distinct = n;
    }

    /** The lowest index whose string equals {@code key}, or -1. */
    int indexOf(String key) {
        int s = start(key.hashCode());
        while (true) {
            int at = slots[s];
            if (at == 0) return -1;
            if (keys.equalsAt(at - 1, key)) return at - 1;
            s = (s + 1) & mask;
        }
    }

    /** Number of distinct strings indexed. */
    int size() { return distinct; }

    private int start(int h) {
        return (h ^ (h >>> 16)) * 0x9E3779B9 >>> 7 & mask;
    }

    private static StringList listOf(String[] keys) {
        StringList.Builder b = new StringList.Builder(keys.length);
        for (String k : keys) b.add(k == null ? "" : k);
        return b.build();
    }

    private static BitSet nulls(String[] keys) {
        BitSet b = new BitSet(keys.length);
        for (int i = 0; i < keys.length; i++) if (keys[i] == null) b.set(i);
        return b;
    }
}
