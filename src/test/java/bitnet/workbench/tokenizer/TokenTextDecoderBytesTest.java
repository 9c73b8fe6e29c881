package bitnet.workbench.tokenizer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The decoder on raw bytes, as the generation loop feeds it token by token. */
class TokenTextDecoderBytesTest {
    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) out[i] = (byte) values[i];
        return out;
    }

    @Test
    void anEmojiSplitOverTwoPiecesComesOutOnceComplete() {
        TokenTextDecoder decoder = new TokenTextDecoder(ReferenceVocabularies.spm());
        assertThat(decoder.acceptBytes(bytes('a', 0xF0, 0x9F))).isEqualTo("a");
        assertThat(decoder.acceptBytes(bytes(0x98, 0x80, 'b'))).isEqualTo("😀b");
        assertThat(decoder.flush()).isEmpty();
    }

    @Test
    void aCharacterSplitOverFourPiecesWaitsForTheLastByte() {
        TokenTextDecoder decoder = new TokenTextDecoder(ReferenceVocabularies.spm());
        assertThat(decoder.acceptBytes(bytes(0xF0))).isEmpty();
        assertThat(decoder.acceptBytes(bytes(0x9F))).isEmpty();
        assertThat(decoder.acceptBytes(bytes(0x98))).isEmpty();
        assertThat(decoder.acceptBytes(bytes(0x80))).isEqualTo("😀");
    }

    @Test
    void bytesThatCanNeverBeValidAreReplacedAtOnce() {
        TokenTextDecoder decoder = new TokenTextDecoder(ReferenceVocabularies.spm());
        assertThat(decoder.acceptBytes(bytes(0x80, 'x'))).isEqualTo("\uFFFDx");
        assertThat(decoder.acceptBytes(bytes(0xE2, 'y'))).isEqualTo("\uFFFDy");
    }

    @Test
    void flushTurnsAnUnfinishedCharacterIntoTheReplacementCharacter() {
        TokenTextDecoder decoder = new TokenTextDecoder(ReferenceVocabularies.spm());
        assertThat(decoder.acceptBytes(bytes(0xE2, 0x82))).isEmpty();
        assertThat(decoder.flush()).isEqualTo("\uFFFD");
        assertThat(decoder.flush()).isEmpty();
    }
}
