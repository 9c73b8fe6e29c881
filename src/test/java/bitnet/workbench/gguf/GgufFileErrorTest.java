package bitnet.workbench.gguf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The reader on bytes spelled out by hand: a valid file first, then one corruption at a time,
 * each of which must be a GgufFormatException naming the file, the exact byte and what was expected.
 */
class GgufFileErrorTest {
    private static final Path NAME = Path.of("broken.gguf");
    private static final long HUGE = 1L << 62;

    /** 3 metadata entries (string, array of strings, bool), 2 F32 tensors of 8 values each. */
    static GgufBytes valid(int version, String key1, String tensor1) {
        GgufBytes b = new GgufBytes().header(version, 2, 3);
        b.mark("key0").str("general.architecture").mark("type0").u32(8).mark("value0").str("llama");
        b.mark("key1").str(key1).mark("type1").u32(9).mark("arrType").u32(8).mark("arrCount").u64(2)
            .mark("arr0").str("a").str("bc");
        b.mark("key2").str("flag").u32(7).mark("flagValue").u8(1);
        b.mark("t0").str("a.weight").mark("t0dims").u32(2).mark("t0d0").u64(4).mark("t0d1").u64(2)
            .mark("t0type").u32(0).mark("t0off").u64(0);
        b.mark("t1").str(tensor1).u32(1).u64(8).mark("t1type").u32(0).mark("t1off").u64(32);
        b.mark("headerEnd").padTo(32).mark("data");
        for (int i = 0; i < 8; i++) b.f32(i);
        for (int i = 0; i < 8; i++) b.f32(10 + i);
        return b;
    }

    static GgufBytes valid() {
        return valid(3, "tok", "b.weight");
    }

    private static GgufFile parse(byte[] bytes) throws GgufFormatException {
        return GgufFile.read(MemorySegment.ofArray(bytes), NAME);
    }

    private static GgufFormatException assertFails(byte[] bytes, long offset, String... expectations) {
        GgufFormatException e = assertThrows(GgufFormatException.class, () -> parse(bytes));
        assertThat(e.getMessage()).startsWith("broken.gguf: at byte " + offset + ": ").contains(expectations);
        assertThat(GgufFuzzTest.isCleanFormatError(e, NAME.toString(), bytes.length)).isTrue();
        assertThat(e.offset()).isEqualTo(offset);
        assertThat(e.file()).isEqualTo(NAME);
        return e;
    }

    @Test
    void theHandSpelledFileReadsBackFieldByField() throws Exception {
        for (int version : new int[]{2, 3}) {
            GgufBytes b = valid(version, "tok", "b.weight");
            GgufFile f = parse(b.toArray());
            assertThat(f.version()).isEqualTo(version);
            assertThat(f.metadata().getString("general.architecture")).isEqualTo("llama");
            assertThat(f.metadata().getStringArray("tok")).containsExactly("a", "bc");
            assertThat(f.metadata().getBoolean("flag")).isTrue();
            assertThat(f.dataOffset()).isEqualTo(b.at("data"));
            assertThat(f.tensors()).extracting(GgufTensorInfo::name).containsExactly("a.weight", "b.weight");
            GgufTensorInfo a = f.tensor("a.weight");
            assertThat(a.shape()).containsExactly(4, 2);
            assertThat(a.byteSize()).isEqualTo(32);
            var le = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
            assertThat(f.tensorData(a).getAtIndex(le, 7)).isEqualTo(7f);
            assertThat(f.tensorData("b.weight").getAtIndex(le, 0)).isEqualTo(10f);
            assertThat(f.tensorData("b.weight").getAtIndex(le, 7)).isEqualTo(17f);
        }
    }

    @Test
    void badMagicIsRejectedAtByteZero() {
        byte[] b = valid().toArray();
        b[3] = 'X';
        assertFails(b, 0, "bad magic", "expected 'GGUF'", "47 47 55 58");
    }

    @Test
    void anEmptyFileIsTruncatedAtByteZero() {
        assertFails(new byte[0], 0, "file truncated", "magic 'GGUF'");
    }

    @Test
    void versionsOtherThanTwoAndThreeAreRejected() {
        GgufBytes g = valid();
        assertFails(GgufBytes.withU32(g.toArray(), g.at("version"), 1), 4, "unsupported GGUF version 1", "expected 2 or 3");
        assertFails(GgufBytes.withU32(g.toArray(), g.at("version"), 0x0300_0000), 4, "big-endian");
    }

    @Test
    void absurdTensorAndMetadataCountsAreRejectedBeforeAllocating() {
        GgufBytes g = valid();
        assertFails(GgufBytes.withU64(g.toArray(), g.at("tensorCount"), HUGE), 8, "tensor count is 4611686018427387904", "can hold at most");
        assertFails(GgufBytes.withU64(g.toArray(), g.at("kvCount"), HUGE), 16, "metadata entry count is 4611686018427387904");
        assertFails(GgufBytes.withU64(g.toArray(), g.at("kvCount"), -1), 16, "metadata entry count is 18446744073709551615");
    }

    @Test
    void stringLengthsBeyondTheFileAreRejectedAtTheLengthField() {
        GgufBytes g = valid();
        assertFails(GgufBytes.withU64(g.toArray(), g.at("key0"), 1L << 40), g.at("key0"),
            "length of metadata key #0 is 1099511627776 bytes, beyond the end of the file");
        assertFails(GgufBytes.withU64(g.toArray(), g.at("value0"), 1L << 40), g.at("value0"),
            "length of value of 'general.architecture'", "beyond the end of the file");
        assertFails(GgufBytes.withU64(g.toArray(), g.at("arr0"), -1), g.at("arr0"),
            "length of element of array 'tok' is 18446744073709551615 bytes");
        assertFails(GgufBytes.withU64(g.toArray(), g.at("t0"), 1000), g.at("t0"), "length of name of tensor #0 is 1000 bytes");
    }

    @Test
    void arrayLengthsBeyondTheFileAreRejectedAtTheCountField() {
        GgufBytes g = valid();
        assertFails(GgufBytes.withU64(g.toArray(), g.at("arrCount"), HUGE), g.at("arrCount"),
            "element count of array 'tok' is 4611686018427387904", "can hold at most");
        assertFails(GgufBytes.withU64(g.toArray(), g.at("arrCount"), 1L << 31), g.at("arrCount"),
            "element count of array 'tok' is 2147483648");
    }

    @Test
    void unknownValueTypesAreRejected() {
        GgufBytes g = valid();
        assertFails(GgufBytes.withU32(g.toArray(), g.at("type0"), 13), g.at("type0"), "unknown value type 13", "expected 0..12");
        assertFails(GgufBytes.withU32(g.toArray(), g.at("arrType"), 99), g.at("arrType"), "array 'tok' has unknown element type 99");
    }

    @Test
    void aBoolOtherThanZeroOrOneIsRejected() {
        GgufBytes g = valid();
        byte[] b = g.toArray();
        b[g.at("flagValue")] = 2;
        assertFails(b, g.at("flagValue"), "bool value of 'flag' is 2, expected 0 or 1");
    }

    @Test
    void duplicateKeysAndTensorNamesAreRejected() {
        GgufBytes k = valid(3, "general.architecture", "b.weight");
        assertFails(k.toArray(), k.at("key1"), "duplicate metadata key 'general.architecture'");
        GgufBytes t = valid(3, "tok", "a.weight");
        assertFails(t.toArray(), t.at("t1"), "duplicate tensor name 'a.weight'");
    }

    @Test
    void tensorDataBeyondTheEndOfTheFileIsRejected() {
        GgufBytes g = valid();
        assertFails(GgufBytes.withU64(g.toArray(), g.at("t1off"), 1024), g.at("t1off"),
            "tensor 'b.weight'", "extends beyond the end of the file", "expected at most 64 bytes of tensor data after byte " + g.at("data"));
        byte[] cut = java.util.Arrays.copyOf(g.toArray(), g.toArray().length - 1);
        assertFails(cut, g.at("t1off"), "tensor 'b.weight'", "extends beyond the end of the file");
        // 2^62 bytes of F32 data: no overflow, but far beyond the file.
        byte[] big = GgufBytes.withU64(GgufBytes.withU64(g.toArray(), g.at("t0d0"), 1L << 30), g.at("t0d1"), 1L << 30);
        assertFails(big, g.at("t0off"), "tensor 'a.weight' (F32 [1073741824, 1073741824], 4611686018427387904 bytes");
    }

    @Test
    void overlappingTensorDataIsRejected() {
        GgufBytes g = valid();
        assertFails(GgufBytes.withU64(g.toArray(), g.at("t1off"), 0), g.at("t1off"),
            "tensor 'b.weight' data [0, 32) overlaps tensor 'a.weight' [0, 32)");
    }

    @Test
    void misalignedTensorOffsetsAreRejected() {
        GgufBytes g = valid();
        assertFails(GgufBytes.withU64(g.toArray(), g.at("t1off"), 33), g.at("t1off"), "data offset 33 is not a multiple of the alignment 32");
    }

    @Test
    void unknownTensorTypesAreNamedWithWhatTheIdMightMean() {
        GgufBytes g = valid();
        assertFails(GgufBytes.withU32(g.toArray(), g.at("t0type"), 99), g.at("t0type"), "tensor 'a.weight' has type 99: unknown ggml type id");
        assertFails(GgufBytes.withU32(g.toArray(), g.at("t0type"), 39), g.at("t0type"), "type 39: ambiguous, MXFP4", "TL2 in bitnet.cpp");
        assertFails(GgufBytes.withU32(g.toArray(), g.at("t0type"), -1), g.at("t0type"), "type -1: unknown ggml type id");
    }

    @Test
    void shapesWhoseElementCountOrByteSizeOverflowAreRejected() {
        GgufBytes g = valid();
        byte[] elements = GgufBytes.withU64(GgufBytes.withU64(g.toArray(), g.at("t0d0"), 1L << 32), g.at("t0d1"), 1L << 32);
        assertFails(elements, g.at("t0d1"), "tensor 'a.weight' shape [4294967296, 4294967296] has more elements than fit in 64 bits");
        byte[] bytes = GgufBytes.withU64(GgufBytes.withU64(g.toArray(), g.at("t0d0"), 1L << 31), g.at("t0d1"), 1L << 31);
        assertFails(bytes, g.at("t0dims"), "tensor 'a.weight' F32 [2147483648, 2147483648] needs more bytes than fit in 64 bits");
        assertFails(GgufBytes.withU64(g.toArray(), g.at("t0d0"), -4), g.at("t0d0"), "dimension 0 = 18446744073709551612, expected at most 2^63-1");
    }

    @Test
    void dimensionCountsOutsideOneToFourAreRejected() {
        GgufBytes g = valid();
        assertFails(GgufBytes.withU32(g.toArray(), g.at("t0dims"), 5), g.at("t0dims"), "tensor 'a.weight' has 5 dimensions, expected 1..4");
        assertFails(GgufBytes.withU32(g.toArray(), g.at("t0dims"), 0), g.at("t0dims"), "has 0 dimensions");
    }

    @Test
    void rowLengthsThatAreNotAWholeNumberOfBlocksAreRejected() {
        GgufBytes g = valid();
        assertFails(GgufBytes.withU32(g.toArray(), g.at("t0type"), GgmlType.TQ2_0.id), g.at("t0dims"),
            "tensor 'a.weight' row length 4 is not a multiple of the TQ2_0 block size 256");
    }

    @Test
    void truncationAtEveryByteIsAFormatErrorAtOrBeforeTheCut() {
        byte[] full = valid().toArray();
        for (int cut = 0; cut < full.length; cut++) {
            byte[] b = java.util.Arrays.copyOf(full, cut);
            GgufFormatException e = assertThrows(GgufFormatException.class, () -> parse(b), "cut at " + cut);
            assertThat(e.getMessage()).startsWith("broken.gguf: at byte ").containsAnyOf("truncated", "beyond the end of the file");
            assertThat(e.offset()).as("cut at %d", cut).isBetween(0L, (long) cut);
        }
    }

    @Test
    void aFileEndingInsideTheHeaderPaddingIsTruncated() {
        GgufBytes g = valid();
        byte[] b = java.util.Arrays.copyOf(g.toArray(), g.at("headerEnd") + 1);
        assertFails(b, g.at("headerEnd"), "file truncated: expected padding up to the tensor data at byte " + g.at("data"));
    }

    @Test
    void alignmentMustBeAPowerOfTwoInteger() {
        GgufBytes three = alignmentFile(4, 3);
        assertFails(three.toArray(), three.at("alignValue"), "general.alignment = 3, expected a power of two");
        GgufBytes zero = alignmentFile(4, 0);
        assertFails(zero.toArray(), zero.at("alignValue"), "general.alignment = 0");
        GgufBytes asFloat = alignmentFile(6, Float.floatToRawIntBits(32f));
        assertFails(asFloat.toArray(), asFloat.at("alignValue"), "general.alignment is FLOAT32, expected an unsigned integer");
    }

    @Test
    void aCustomAlignmentPlacesTheDataSection() throws Exception {
        GgufBytes g = alignmentFile(4, 64);
        GgufFile f = parse(g.toArray());
        assertThat(f.alignment()).isEqualTo(64);
        assertThat(f.dataOffset()).isEqualTo(g.at("data")).isEqualTo(128);
    }

    /** One tensor of 16 F32 values after a general.alignment entry of the given type and raw 32-bit value. */
    private static GgufBytes alignmentFile(int type, int value) {
        GgufBytes b = new GgufBytes().header(3, 1, 1);
        b.str("general.alignment").u32(type).mark("alignValue").u32(value);
        b.str("t").u32(1).u64(16).u32(0).u64(0);
        b.padTo(64).mark("data").zeros(64);
        return b;
    }

    @Test
    void arraysNestedTooDeeplyAreRejectedWithoutRecursingFurther() {
        GgufBytes b = new GgufBytes().header(3, 0, 1).str("deep").u32(9);
        int depth = GgufFile.MAX_ARRAY_DEPTH + 1;
        for (int i = 0; i < depth; i++) {
            if (i == depth - 1) b.mark("tooDeep");
            b.u32(9).u64(1);
        }
        b.u32(4).u64(0);
        assertFails(b.toArray(), b.at("tooDeep"), "array 'deep' is nested deeper than 8 levels");
    }

    @Test
    void namesFromTheFileAreEscapedAndCutShortSoTheMessageStaysOneLine() {
        GgufBytes b = new GgufBytes().header(3, 0, 1).str("evil\nkey's\u0000").mark("type").u32(77);
        GgufFormatException e = assertFails(b.toArray(), b.at("type"), "metadata key 'evil\\x0akey\\x27s\\x00' has unknown value type 77");
        assertThat(e.getMessage()).doesNotContain("\n");
        GgufBytes longName = new GgufBytes().header(3, 1, 0).str("w".repeat(200)).mark("dims").u32(9);
        assertFails(longName.toArray(), longName.at("dims"), "tensor '" + "w".repeat(80) + "...' has 9 dimensions");
    }

    @Test
    void openNamesTheFileOnDiskInItsMessage(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("not-a-model.gguf");
        Files.writeString(f, "hello, this is text");
        GgufFormatException e = assertThrows(GgufFormatException.class, () -> GgufFile.open(f));
        assertThat(e.getMessage()).isEqualTo(f + ": at byte 0: bad magic: expected 'GGUF' (47 47 55 46) but found 68 65 6c 6c; not a GGUF file");
        Path empty = dir.resolve("empty.gguf");
        Files.write(empty, new byte[0]);
        assertThat(assertThrows(GgufFormatException.class, () -> GgufFile.open(empty)).getMessage()).startsWith(empty + ": at byte 0: file truncated");
    }
}
