package bitnet.workbench.tokenizer;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class StringIndexTest {
    @Test
    void findsTheFirstIndexOfEveryStringAsAHashMapFilledWithPutIfAbsentWould() {
        Random rnd = new Random(8);
        for (int n : new int[] {0, 1, 2, 3, 17, 1000, 50_000}) {
            String[] keys = new String[n];
            Map<String, Integer> expected = new HashMap<>();
            for (int i = 0; i < n; i++) {
                // short strings over a small alphabet, so there are duplicates and colliding hashes
                StringBuilder b = new StringBuilder();
                for (int c = rnd.nextInt(4); c >= 0; c--) b.append((char) ('a' + rnd.nextInt(5))).append(rnd.nextBoolean() ? "Ġ" : "");
                keys[i] = rnd.nextInt(50) == 0 ? null : b.toString();
                if (keys[i] != null) expected.putIfAbsent(keys[i], i);
            }
            StringIndex index = new StringIndex(keys);
            assertThat(index.size()).isEqualTo(expected.size());
            for (int i = 0; i < n; i++) {
                if (keys[i] != null) assertThat(index.indexOf(keys[i])).isEqualTo(expected.get(keys[i]));
            }
            assertThat(index.indexOf("not there")).isEqualTo(-1);
            assertThat(index.indexOf("")).isEqualTo(expected.getOrDefault("", -1));
        }
    }

    @Test
    void stringsWithEqualHashCodesAreToldApart() {
        // "Aa" and "BB" have the same hashCode
        StringIndex index = new StringIndex(new String[] {"Aa", "BB", "AaAa", "BBBB", "AaBB", "BBAa"});
        assertThat(index.indexOf("BB")).isEqualTo(1);
        assertThat(index.indexOf("Aa")).isZero();
        assertThat(index.indexOf("BBAa")).isEqualTo(5);
        assertThat(index.indexOf("AaAa")).isEqualTo(2);
        assertThat(index.size()).isEqualTo(6);
    }
}
