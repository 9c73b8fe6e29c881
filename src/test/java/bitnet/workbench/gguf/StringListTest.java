package bitnet.workbench.gguf;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StringListTest {
    @Test
    void holdsEveryStringAsGivenAndComparesWithoutMakingOne() {
        Random rnd = new Random(5);
        List<String> expected = new ArrayList<>();
        StringList.Builder b = new StringList.Builder(3);   // grows well past its first guess
        String alphabet = "aĠ b\u00e9\u4e2d\ud83d\ude00";
        for (int i = 0; i < 5000; i++) {
            StringBuilder s = new StringBuilder();
            for (int c = rnd.nextInt(12); c > 0; c--) s.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            expected.add(s.toString());
            b.add(s.toString());
        }
        StringList list = b.build();
        assertThat(list).containsExactlyElementsOf(expected);
        for (int i = 0; i < expected.size(); i++) {
            String s = expected.get(i);
            assertThat(list.lengthAt(i)).isEqualTo(s.length());
            assertThat(list.hashAt(i)).isEqualTo(s.hashCode());
            assertThat(list.equalsAt(i, s)).isTrue();
            assertThat(list.equalsAt(i, s + "x")).isFalse();
            assertThat(list.indexOf(i, ' ', 1)).isEqualTo(s.indexOf(' ', 1));
            int j = rnd.nextInt(expected.size());
            assertThat(list.equalsAt(i, j)).isEqualTo(s.equals(expected.get(j)));
        }
    }

    @Test
    void anEmptyListAndEmptyStrings() {
        assertThat(StringList.of()).isEmpty();
        StringList l = StringList.of("", "a", "");
        assertThat(l).containsExactly("", "a", "");
        assertThat(l.equalsAt(0, "")).isTrue();
        assertThat(l.equalsAt(0, 2)).isTrue();
        assertThat(l.hashAt(0)).isZero();
        assertThatThrownBy(() -> l.get(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aStringArrayGivenToAMetadataArrayIsHeldAsAList() {
        GgufArray a = new GgufArray(GgufValueType.STRING, new String[] {"x", "yz"});
        assertThat(a.values()).isInstanceOf(StringList.class);
        assertThat(a.size()).isEqualTo(2);
        assertThat(a.strings()).containsExactly("x", "yz");
        assertThat(a).isEqualTo(GgufArray.ofStrings("x", "yz"));
        assertThat(a.display(1)).isEqualTo("[\"x\", ... (2 items)]");
    }
}
