package bitnet.workbench.gguf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Files past 2 GiB: a sparse file whose one tensor ends beyond 2^31 bytes (no disk space is used). */
class GgufLargeFileTest {
    @Test
    void aTensorEndingBeyondTwoGibIsReadThroughTheMapping(@TempDir Path dir) throws IOException {
        long elements = (1L << 29) + 64; // F32: 2 GiB + 256 bytes of data
        GgufBytes header = new GgufBytes().header(3, 1, 1)
            .str("general.architecture").u32(8).str("sparse")
            .str("huge").u32(1).u64(elements).u32(GgmlType.F32.id).u64(0)
            .padTo(32);
        long dataOffset = header.position();
        long byteSize = elements * 4;
        Path file = dir.resolve("huge.gguf");
        long lastValueAt = dataOffset + byteSize - 4;
        long pastTwoGibAt = dataOffset + (1L << 31) + 128; // element (2^31 + 128) / 4
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.write(header.toArray());
            raf.setLength(dataOffset + byteSize);
            raf.seek(pastTwoGibAt);
            raf.writeInt(Integer.reverseBytes(Float.floatToIntBits(1.25f)));
            raf.seek(lastValueAt);
            raf.writeInt(Integer.reverseBytes(Float.floatToIntBits(-7.5f)));
        }

        try (GgufFile f = GgufFile.open(file)) {
            assertThat(f.fileSize()).isGreaterThan(1L << 31);
            GgufTensorInfo t = f.tensor("huge");
            assertThat(t.byteSize()).isEqualTo(byteSize);
            MemorySegment data = f.tensorData(t);
            var le = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
            assertThat(data.get(le, pastTwoGibAt - dataOffset)).isEqualTo(1.25f);
            assertThat(data.getAtIndex(le, elements - 1)).isEqualTo(-7.5f);
            assertThat(data.getAtIndex(le, elements / 2)).isZero();
        }
    }
}
