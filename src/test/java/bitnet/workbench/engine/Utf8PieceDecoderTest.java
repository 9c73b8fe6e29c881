package bitnet.workbench.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8PieceDecoderTest {
    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) out[i] = (byte) values[i];
        return out;
    }

    @Test
    void anEmojiSplitOverTwoPiecesComesOutOnceComplete() {
        Utf8PieceDecoder decoder = new Utf8PieceDecoder();
        assertThat(decoder.decode(bytes('a', 0xF0, 0x9F))).isEqualTo("a");
        assertThat(decoder.decode(bytes(0x98, 0x80, 'b'))).isEqualTo("😀b");
        assertThat(decoder.flush()).isEmpty();
    }

    @Test
    void aCharacterSplitOverFourPiecesWaitsForTheLastByte() {
        Utf8PieceDecoder decoder = new Utf8PieceDecoder();
        assertThat(decoder.decode(bytes(0xF0))).isEmpty();
        assertThat(decoder.decode(bytes(0x9F))).isEmpty();
        assertThat(decoder.decode(bytes(0x98))).isEmpty();
        assertThat(decoder.decode(bytes(0x80))).isEqualTo("😀");
    }

    @Test
    void bytesThatCanNeverBeValidAreReplacedAtOnce() {
        Utf8PieceDecoder decoder = new Utf8PieceDecoder();
        assertThat(decoder.decode(bytes(0x80, 'x'))).isEqualTo("\uFFFDx");
        assertThat(decoder.decode(bytes(0xE2, 'y'))).isEqualTo("\uFFFDy");
    }

    @Test
    void flushTurnsAnUnfinishedCharacterIntoTheReplacementCharacter() {
        Utf8PieceDecoder decoder = new Utf8PieceDecoder();
        assertThat(decoder.decode(bytes(0xE2, 0x82))).isEmpty();
        assertThat(decoder.flush()).isEqualTo("\uFFFD");
        assertThat(decoder.flush()).isEmpty();
    }
}
