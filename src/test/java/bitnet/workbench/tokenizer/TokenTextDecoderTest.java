package bitnet.workbench.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Streaming decoding: whole characters only, across token boundaries, with a flush at the end. */
class TokenTextDecoderTest {

    static List<String> stream(Tokenizer tok, int[] ids) {
        TokenTextDecoder decoder = new TokenTextDecoder(tok);
        List<String> out = new ArrayList<>();
        for (int id : ids) out.add(decoder.accept(id));
        assertThat(decoder.hasPending()).isFalse();
        assertThat(decoder.flush()).isEmpty();
        return out;
    }

    @Test
    void emojiFromFourByteTokensAppearsOnlyWithItsLastByte() {
        Tokenizer spm = ReferenceVocabularies.spm();
        int[] ids = spm.encode("🦙 llama", false, false);
        // stories260K has no emoji: ▁ then <0xF0> <0x9F> <0xA6> <0x99>, then the rest
        assertThat(spm.tokenType(ids[1])).isEqualTo(TokenType.BYTE);
        List<String> out = stream(spm, ids);
        assertThat(out.subList(0, 5)).containsExactly(" ", "", "", "", "🦙");
        assertThat(String.join("", out)).isEqualTo(" 🦙 llama");
    }

    @Test
    void familyEmojiSplitByBpeComesOutWhole() {
        Tokenizer bpe = ReferenceVocabularies.bpe();
        String text = "👨\u200D👩\u200D👧\u200D👦 family";
        List<String> out = stream(bpe, bpe.encode(text, false, false));
        assertThat(String.join("", out)).isEqualTo(text);
        assertThat(out).as("some token ended inside a character").contains("");
        assertThat(out).noneMatch(s -> s.contains("\uFFFD"));
        for (String piece : out) assertThat(piece.codePoints().noneMatch(cp -> Character.isSurrogate((char) cp) && cp < 0x10000)).isTrue();
    }

    @Test
    void controlTokensAddNoTextUnlessAskedFor() {
        Tokenizer bpe = ReferenceVocabularies.bpe();
        assertThat(new TokenTextDecoder(bpe).accept(128009)).isEmpty();
        assertThat(new TokenTextDecoder(bpe, true).accept(128009)).isEqualTo("<|eot_id|>");
    }

    @Test
    void bytesThatCanNeverFormACharacterComeOutAtOnceAsReplacement() {
        TokenTextDecoder d = new TokenTextDecoder(ReferenceVocabularies.spm());
        assertThat(d.acceptBytes(new byte[] {(byte) 0xFF})).isEqualTo("\uFFFD");
        assertThat(d.acceptBytes(new byte[] {(byte) 0xE0})).isEmpty();
        assertThat(d.acceptBytes(new byte[] {(byte) 0x80})).as("E0 80 is never valid").doesNotContain("\u0800").contains("\uFFFD");
        assertThat(d.hasPending()).isFalse();
    }

    @Test
    void flushTurnsAnUnfinishedCharacterIntoReplacement() {
        TokenTextDecoder d = new TokenTextDecoder(ReferenceVocabularies.spm());
        assertThat(d.acceptBytes(new byte[] {'o', 'k', (byte) 0xF0, (byte) 0x9F})).isEqualTo("ok");
        assertThat(d.hasPending()).isTrue();
        assertThat(d.flush()).matches("\uFFFD+");
        assertThat(d.hasPending()).isFalse();
        assertThat(d.flush()).isEmpty();
    }

    @Test
    void incompleteTailCountsOnlyBytesThatCanStillBeCompleted() {
        assertThat(TokenTextDecoder.incompleteTail(new byte[] {'a', (byte) 0xE4, (byte) 0xBD}, 3)).isEqualTo(2);
        assertThat(TokenTextDecoder.incompleteTail(new byte[] {(byte) 0xE4, (byte) 0xBD, (byte) 0xA0}, 3)).isZero();
        assertThat(TokenTextDecoder.incompleteTail(new byte[] {(byte) 0xF4, (byte) 0x90}, 2)).as("beyond U+10FFFF").isZero();
        assertThat(TokenTextDecoder.incompleteTail(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80}, 3)).isZero();
    }
}
