package bitnet.workbench.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StopStringMatcherTest {
    @Test
    void textThatCannotStartAStopStringIsReleasedAtOnce() {
        StopStringMatcher matcher = new StopStringMatcher(List.of("STOP"));
        assertThat(matcher.push("Hello")).isEqualTo("Hello");
        assertThat(matcher.matched()).isFalse();
    }

    @Test
    void aStopStringSplitOverPiecesIsHeldThenSwallowedWithWhatFollows() {
        StopStringMatcher matcher = new StopStringMatcher(List.of("STOP"));
        assertThat(matcher.push("ab S")).isEqualTo("ab ");
        assertThat(matcher.push("TO")).isEmpty();
        assertThat(matcher.push("P and more")).isEmpty();
        assertThat(matcher.matched()).isTrue();
        assertThat(matcher.push("later")).isEmpty();
        assertThat(matcher.flush()).isEmpty();
    }

    @Test
    void heldTextThatTurnsOutDifferentIsReleased() {
        StopStringMatcher matcher = new StopStringMatcher(List.of("STOP"));
        assertThat(matcher.push("a ST")).isEqualTo("a ");
        assertThat(matcher.push("ART")).isEqualTo("START");
        assertThat(matcher.push("ST")).isEmpty();
        assertThat(matcher.flush()).isEqualTo("ST");
    }

    @Test
    void theEarliestOfSeveralStopStringsWins() {
        StopStringMatcher matcher = new StopStringMatcher(List.of("World", "lo W", "\n\n"));
        assertThat(matcher.push("Hello World")).isEqualTo("Hel");
        assertThat(matcher.matched()).isTrue();
    }

    @Test
    void theLongestPossibleStartIsHeld() {
        StopStringMatcher matcher = new StopStringMatcher(List.of("abc", "xyzw"));
        assertThat(matcher.push("12xyz")).isEqualTo("12");
        assertThat(matcher.push("q")).isEqualTo("xyzq");
    }
}
