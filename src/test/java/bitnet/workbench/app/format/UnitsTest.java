package bitnet.workbench.app.format;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UnitsTest {
    @Test
    void bytesUseBinaryUnitsAndExactCountsBelowOneKibibyte() {
        assertThat(Units.bytes(1023)).isEqualTo("1023 B");
        assertThat(Units.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(Units.bytes(590_528)).isEqualTo("577 KiB"); // 576.7 KiB
        assertThat(Units.bytes(1_200L << 20)).isEqualTo("1.2 GiB");
    }

    @Test
    void countsUseThreeSignificantDigits() {
        assertThat(Units.count(999)).isEqualTo("999");
        assertThat(Units.count(1_313_536)).isEqualTo("1.31 M");
        assertThat(Units.count(2_412_000_000L)).isEqualTo("2.41 B");
    }

    @Test
    void percentagesHaveOneDecimal() {
        assertThat(Units.percent(1_179_648 / 1_313_536.0)).isEqualTo("89.8 %");
    }
}
