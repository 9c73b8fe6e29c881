package bitnet.workbench.tensor;

/**
 * bfloat16 conversions with ggml's rules ({@code ggml_compute_fp32_to_bf16}): round to nearest even,
 * NaN kept as a quiet NaN with the top payload bits, subnormals kept (not flushed). Java has no
 * bfloat16 type, unlike {@link Float#floatToFloat16}.
 */
public final class Bf16 {
    private Bf16() {
    }

    public static float toFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    public static short fromFloat(float value) {
        int u = Float.floatToRawIntBits(value);
        if ((u & 0x7FFF_FFFF) > 0x7F80_0000) {
            return (short) ((u >>> 16) | 64); // NaN: force the quiet bit
        }
        return (short) ((u + (0x7FFF + ((u >>> 16) & 1))) >>> 16);
    }
}
