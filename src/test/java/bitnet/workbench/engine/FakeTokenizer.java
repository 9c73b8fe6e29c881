package bitnet.workbench.engine;

import bitnet.workbench.tokenizer.Tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A tiny vocabulary for tests: id 0 is BOS, 1 is EOS (end of generation), 2 is an end-of-turn
 * control token, 3..258 are the 256 single bytes (id = byte + 3), and any further pieces given to
 * the constructor follow from 259 on. Encoding matches the longest piece at each point.
 */
final class FakeTokenizer implements Tokenizer {
    static final int BOS = 0;
    static final int EOS = 1;
    static final int END_OF_TURN = 2;
    static final int FIRST_PIECE = 259;

    private final List<byte[]> pieces = new ArrayList<>();

    FakeTokenizer(String... extraPieces) {
        pieces.add("<s>".getBytes(StandardCharsets.UTF_8));
        pieces.add("</s>".getBytes(StandardCharsets.UTF_8));
        pieces.add("<|eot|>".getBytes(StandardCharsets.UTF_8));
        for (int b = 0; b < 256; b++) pieces.add(new byte[] {(byte) b});
        for (String piece : extraPieces) pieces.add(piece.getBytes(StandardCharsets.UTF_8));
    }

    static int byteToken(int b) { return b + 3; }

    /** Adds a piece of raw bytes (which need not be valid UTF-8 on their own); returns its id. */
    int addPiece(int... bytes) {
        byte[] piece = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) piece[i] = (byte) bytes[i];
        pieces.add(piece);
        return pieces.size() - 1;
    }

    /** The id of an extra piece given to the constructor. */
    int piece(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int id = FIRST_PIECE; id < pieces.size(); id++) {
            if (Arrays.equals(pieces.get(id), bytes)) return id;
        }
        throw new IllegalArgumentException("no piece " + text);
    }

    @Override
    public int[] encode(String text, boolean addSpecial, boolean parseSpecial) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<Integer> ids = new ArrayList<>();
        if (addSpecial) ids.add(BOS);
        int at = 0;
        while (at < bytes.length) {
            int best = byteToken(bytes[at] & 0xFF);
            int bestLength = 1;
            for (int id = FIRST_PIECE; id < pieces.size(); id++) {
                byte[] piece = pieces.get(id);
                if (piece.length > bestLength && at + piece.length <= bytes.length
                    && Arrays.equals(bytes, at, at + piece.length, piece, 0, piece.length)) {
                    best = id;
                    bestLength = piece.length;
                }
            }
            ids.add(best);
            at += bestLength;
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public byte[] tokenBytes(int token, boolean special) {
        if (token < FIRST_PIECE - 256 && !special) return new byte[0];
        return pieces.get(token).clone();
    }

    @Override public int vocabSize() { return pieces.size(); }
    @Override public int bos() { return BOS; }
    @Override public int eos() { return EOS; }
    @Override public boolean isEndOfGeneration(int token) { return token == EOS || token == END_OF_TURN; }
    @Override public String tokenText(int token) { return new String(pieces.get(token), StandardCharsets.UTF_8); }

    /** Bytes of several tokens, for building expected texts. */
    @Override
    public String decode(int... tokens) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int token : tokens) out.writeBytes(tokenBytes(token, false));
        return out.toString(StandardCharsets.UTF_8);
    }
}
