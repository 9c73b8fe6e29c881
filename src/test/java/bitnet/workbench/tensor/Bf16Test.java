package bitnet.workbench.tensor;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Expected bits worked out by hand from ggml_compute_fp32_to_bf16 (round to nearest even, quiet NaN). */
class Bf16Test {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "3F800000, 3F80",  // 1.0 exact
        "3F808000, 3F80",  // tie, even stays
        "3F818000, 3F82",  // tie, odd rounds up to even
        "3F808001, 3F81",  // just above the tie
        "3F807FFF, 3F80",  // just below the tie
        "BF808001, BF81",  // sign kept
        "7F7FFFFF, 7F80",  // largest float rounds to infinity
        "7F800000, 7F80",  // infinity
        "FF800000, FF80",
        "7F800001, 7FC0",  // signalling NaN made quiet
        "FFC12345, FFC1",  // quiet NaN keeps its top payload
        "00000001, 0000",  // smallest subnormal rounds to zero, not flushed by rule
        "00018000, 0002",  // subnormal tie rounds to even
        "80000000, 8000",  // negative zero
    })
    void roundsLikeGgml(String floatBits, String bf16Bits) {
        float f = Float.intBitsToFloat(Integer.parseUnsignedInt(floatBits, 16));
        assertThat(Bf16.fromFloat(f) & 0xFFFF).isEqualTo(Integer.parseInt(bf16Bits, 16));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"3F80", "BF81", "0001", "7F7F", "FF80", "7FC0"})
    void widensByShifting(String bf16Bits) {
        short h = (short) Integer.parseInt(bf16Bits, 16);
        assertThat(Float.floatToRawIntBits(Bf16.toFloat(h))).isEqualTo(Integer.parseInt(bf16Bits, 16) << 16);
        if (!Float.isNaN(Bf16.toFloat(h))) assertThat(Bf16.fromFloat(Bf16.toFloat(h))).isEqualTo(h);
    }
}
