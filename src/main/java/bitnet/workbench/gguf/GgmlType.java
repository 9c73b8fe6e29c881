package bitnet.workbench.gguf;

import java.util.Optional;

/**
 * Tensor storage types by their GGUF type id, with the block geometry needed to size a tensor.
 * Every id llama.cpp or bitnet.cpp may write is listed so that {@code info} can describe any file;
 * whether the engine can compute with a type is a separate question answered by the tensor package.
 */
public enum GgmlType {
    F32(0, 1, 4),
    F16(1, 1, 2),
    Q4_0(2, 32, 18),
    Q4_1(3, 32, 20),
    Q5_0(6, 32, 22),
    Q5_1(7, 32, 24),
    Q8_0(8, 32, 34),
    Q8_1(9, 32, 36),
    Q2_K(10, 256, 84),
    Q3_K(11, 256, 110),
    Q4_K(12, 256, 144),
    Q5_K(13, 256, 176),
    Q6_K(14, 256, 210),
    Q8_K(15, 256, 292),
    IQ2_XXS(16, 256, 66),
    IQ2_XS(17, 256, 74),
    IQ3_XXS(18, 256, 98),
    IQ1_S(19, 256, 50),
    IQ4_NL(20, 32, 18),
    IQ3_S(21, 256, 110),
    IQ2_S(22, 256, 82),
    IQ4_XS(23, 256, 136),
    I8(24, 1, 1),
    I16(25, 1, 2),
    I32(26, 1, 4),
    I64(27, 1, 8),
    F64(28, 1, 8),
    IQ1_M(29, 256, 56),
    BF16(30, 1, 2),
    TQ1_0(34, 256, 54),
    TQ2_0(35, 256, 66),
    /** bitnet.cpp: 2-bit codes for the whole tensor, then one float32 scale padded to 32 bytes. */
    I2_S(36, 128, 32);

    /** Bytes after the packed I2_S codes: the float32 tensor scale plus padding. */
    public static final int I2S_TRAILER_BYTES = 32;

    private static final GgmlType[] BY_ID = new GgmlType[64];

    static {
        for (GgmlType t : values()) BY_ID[t.id] = t;
    }

    public final int id;
    public final int blockSize;
    public final int bytesPerBlock;

    GgmlType(int id, int blockSize, int bytesPerBlock) {
        this.id = id;
        this.blockSize = blockSize;
        this.bytesPerBlock = bytesPerBlock;
    }

    public static Optional<GgmlType> byId(int id) {
        return id >= 0 && id < BY_ID.length ? Optional.ofNullable(BY_ID[id]) : Optional.empty();
    }

    /** Why an id we do not list cannot be read, in words a user can act on. */
    public static String describeUnknownId(int id) {
        return switch (id) {
            case 4, 5 -> "type " + id + ": Q4_2/Q4_3, removed from ggml long ago";
            case 31, 32, 33 -> "type " + id + ": Q4_0_4_4/Q4_0_4_8/Q4_0_8_8, repacked types removed from ggml";
            case 37 -> "type 37: I8_S (bitnet.cpp activation type) or IQ4_NL_4_8 (removed upstream); never a stored weight";
            case 38 -> "type 38: TL1 (bitnet.cpp, ARM lookup-table layout) or IQ4_NL_8_8 (removed upstream); not supported";
            case 39 -> "type 39: ambiguous, MXFP4 in upstream llama.cpp but TL2 in bitnet.cpp; not supported";
            default -> "type " + id + ": unknown ggml type id";
        };
    }

    /** Bits per weight as stored, including block scales (and the I2_S tensor trailer for a given size). */
    public double bitsPerWeight() {
        return 8.0 * bytesPerBlock / blockSize;
    }

    /**
     * Byte size of a tensor with {@code elements} values, or -1 if it overflows a long.
     * The caller must already have checked that {@code elements} is a multiple of the block size.
     */
    public long byteSize(long elements) {
        long blocks = elements / blockSize;
        long trailer = this == I2_S ? I2S_TRAILER_BYTES : 0;
        if (blocks > (Long.MAX_VALUE - trailer) / bytesPerBlock) return -1;
        return blocks * bytesPerBlock + trailer;
    }

    public boolean isTernary() {
        return this == TQ1_0 || this == TQ2_0 || this == I2_S;
    }
}
