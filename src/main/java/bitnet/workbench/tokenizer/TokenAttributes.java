package bitnet.workbench.tokenizer;

/** llama.cpp's per-token attribute bits ({@code llama_token_attr}); a token can carry several. */
final class TokenAttributes {
    static final int UNDEFINED = 0;
    static final int UNKNOWN = 1;
    static final int UNUSED = 1 << 1;
    static final int NORMAL = 1 << 2;
    static final int CONTROL = 1 << 3;
    static final int USER_DEFINED = 1 << 4;
    static final int BYTE = 1 << 5;
    static final int LSTRIP = 1 << 7;
    static final int RSTRIP = 1 << 8;

    private TokenAttributes() {}

    static int fromGgufType(int code) {
        return switch (code) {
            case 1 -> NORMAL;
            case 2 -> UNKNOWN;
            case 3 -> CONTROL;
            case 4 -> USER_DEFINED;
            case 5 -> UNUSED;
            case 6 -> BYTE;
            default -> UNDEFINED;
        };
    }

    /** The single type a caller sees; control wins over unused so "<|reserved_..._unused|>" stays control. */
    static TokenType toType(int attrs) {
        if ((attrs & CONTROL) != 0) return TokenType.CONTROL;
        if ((attrs & USER_DEFINED) != 0) return TokenType.USER_DEFINED;
        if ((attrs & UNKNOWN) != 0) return TokenType.UNKNOWN;
        if ((attrs & BYTE) != 0) return TokenType.BYTE;
        if ((attrs & NORMAL) != 0) return TokenType.NORMAL;
        if ((attrs & UNUSED) != 0) return TokenType.UNUSED;
        return TokenType.UNDEFINED;
    }
}
