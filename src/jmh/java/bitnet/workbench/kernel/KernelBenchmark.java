package bitnet.workbench.kernel;

import bitnet.workbench.gguf.GgmlType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * One product of each kernel on the row shapes of BitNet b1.58 2B4T ({@code cols x rows} as GGUF
 * writes them: Q/O 2560×2560, gate/up 2560×6912, down 6912×2560, the output head 2560×128256).
 * Ternary shapes use random ternary codes with one scale per row; the head shape uses a random
 * Q6_K matrix with {@code head=float} (file layout, float input) or {@code head=int8}
 * ({@link Int8Head}). A matrix is one contiguous off-heap allocation, so bigger shapes run from
 * DRAM and smaller ones partly from the 32 MiB L3: compare kernels within a shape.
 *
 * <pre>
 * ./workbench mvn -Pjmh -q -DskipTests package
 * java -cp "target/jmh/classes:$(cat target/jmh/jmh-classpath.txt)" org.openjdk.jmh.Main KernelBenchmark \
 *      -p shape=2560x6912 -p type=I2_S,TQ2_0 -p kernel=vector-i8,vector-lut -p threads=1,2
 * (the head: -p shape=2560x128256 -p type=I2_S -p kernel=vector-i8 -p head=float,int8)
 * (a prompt batch: KernelBenchmark.matMul32 -p shape=2560x6912,6912x2560 -p type=I2_S -p kernel=vector-lut)
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class KernelBenchmark {
    @Param({"scalar", "vector-i8", "vector-lut"})
    public String kernel;

    @Param({"I2_S", "TQ2_0", "TQ1_0"})
    public String type;

    @Param({"2560x2560", "2560x6912", "6912x2560", "2560x128256"})
    public String shape;

    @Param({"float"})
    public String head;

    @Param({"1"})
    public int threads;

    private Arena arena;
    private WeightMatrix matrix;
    private QuantizedActivations input;
    private float[] out;
    /** A prompt batch: the most tokens the model sends through a matrix at once (Workspace.MAX_BATCH). */
    static final int BATCH = 32;
    private QuantizedActivations[] batch;
    private float[][] batchOut;
    private WorkerPool pool;
    private ParallelKernel parallel;

    @Setup(Level.Trial)
    public void setUp() {
        String[] dims = shape.split("x");
        int cols = Integer.parseInt(dims[0]);
        int rows = Integer.parseInt(dims[1]);
        boolean isHead = rows > 100_000;
        GgmlType t = isHead ? GgmlType.Q6_K : GgmlType.valueOf(type);
        if (isHead && !type.equals("I2_S")) throw new IllegalArgumentException("the head shape runs once, with type=I2_S (it is Q6_K whatever the type)");
        if (kernel.equals("scalar") && isHead) throw new IllegalArgumentException("the scalar head takes minutes per call");
        arena = Arena.ofShared();
        Random rnd = new Random(42);
        matrix = randomMatrix(t, rows, cols, rnd, arena);
        MatVecKernel k = Kernels.byName(kernel);
        if (k.repacksTernary() && t.isTernary()) {
            LutMatrix lut = LutMatrix.pack(matrix, matrix.data(), arena);
            if (lut == null) throw new IllegalStateException("random matrix did not pack");
            matrix = matrix.withPacked(lut);
        }
        if (isHead && head.equals("int8")) matrix = matrix.withPacked(Int8Head.fromQ6K(matrix, matrix.data(), arena));
        input = new QuantizedActivations(cols);
        float[] x = new float[cols];
        for (int i = 0; i < cols; i++) x[i] = (float) rnd.nextGaussian();
        if (t.isTernary()) input.quantize(x, 0, cols, ActivationQuantization.PER_TOKEN);
        else input.loadFloat(x, 0, cols);
        out = new float[rows];
        batch = new QuantizedActivations[BATCH];
        batchOut = new float[BATCH][rows];
        for (int b = 0; b < BATCH; b++) {
            batch[b] = new QuantizedActivations(cols);
            for (int i = 0; i < cols; i++) x[i] = (float) rnd.nextGaussian();
            if (t.isTernary()) batch[b].quantize(x, 0, cols, ActivationQuantization.PER_TOKEN);
            else batch[b].loadFloat(x, 0, cols);
        }
        pool = new WorkerPool(threads);
        parallel = new ParallelKernel(k, pool);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
        arena.close();
    }

    /** One whole product; the prepared input is reused, as it is for Q, K and V. */
    @Benchmark
    public float[] matVec() {
        parallel.matVec(matrix, input, out);
        return out;
    }

    /**
     * The product of a 32-token prompt batch ({@code -p shape=2560x2560,2560x6912,6912x2560}: a
     * prompt never sends its batch through the head); inputs prepared once, as for Q, K and V.
     */
    @Benchmark
    public float[][] matMul32() {
        parallel.matMul(matrix, batch, batchOut, BATCH);
        return batchOut;
    }

    static WeightMatrix randomMatrix(GgmlType type, int rows, int cols, Random rnd, Arena arena) {
        long bytes = type.byteSize((long) rows * cols);
        MemorySegment seg = arena.allocate(bytes, 64);
        ValueLayout.OfShort le16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
        ValueLayout.OfFloat le32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
        switch (type) {
            case I2_S, TQ2_0 -> {
                for (long i = 0; i < bytes; i++) {
                    int b = 0;
                    for (int k = 0; k < 4; k++) b |= rnd.nextInt(3) << (2 * k);
                    seg.set(ValueLayout.JAVA_BYTE, i, (byte) b);
                }
                if (type == GgmlType.I2_S) seg.set(le32, (long) rows * cols / 4, 0.05f);
                else for (long b = 0; b < (long) rows * cols / 256; b++) seg.set(le16, 66 * b + 64, Float.floatToFloat16(0.05f));
            }
            case TQ1_0 -> {
                for (long i = 0; i < bytes; i++) seg.set(ValueLayout.JAVA_BYTE, i, (byte) rnd.nextInt(243));
                for (long b = 0; b < (long) rows * cols / 256; b++) seg.set(le16, 54 * b + 52, Float.floatToFloat16(0.05f));
            }
            case Q6_K -> {
                for (long i = 0; i < bytes; i++) seg.set(ValueLayout.JAVA_BYTE, i, (byte) rnd.nextInt(256));
                for (long b = 0; b < (long) rows * cols / 256; b++) seg.set(le16, 210 * b + 208, Float.floatToFloat16(0.002f));
            }
            default -> throw new IllegalArgumentException(type.toString());
        }
        return WeightMatrix.of("random " + type, type, rows, cols, seg);
    }
}
