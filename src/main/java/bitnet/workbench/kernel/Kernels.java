package bitnet.workbench.kernel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry of kernel variants, by name: {@code scalar} (the reference), {@code vector-i8}
 * (int8 × 2-bit with the Vector API on the file's layout), {@code vector-lut} (table lookups on
 * weights repacked at load), {@code float} (dequantize and multiply-add, the baseline).
 */
public final class Kernels {
    /** The library default, {@code scalar}: the reference numerics (tests and the engine API start from it). */
    public static final String DEFAULT = ScalarKernel.NAME;

    private static final Map<String, MatVecKernel> KERNELS = new LinkedHashMap<>();

    static {
        register(new ScalarKernel());
        register(new VectorI8Kernel());
        register(new LutKernel());
        register(new FloatKernel());
    }

    private Kernels() {
    }

    private static void register(MatVecKernel k) {
        KERNELS.put(k.name(), k);
    }

    /**
     * What the commands and the window start with: the fastest variant this JVM runs well —
     * {@code vector-lut} with 512-bit vectors, else {@code vector-i8} (which itself falls back to
     * scalar code where vectors are too narrow). Integer results equal {@code scalar}'s; a Q6_K
     * output matrix then runs as int8 ({@code OutputHead.AUTO}).
     */
    public static String recommended() {
        return LutKernel.AVAILABLE ? LutKernel.NAME : VectorI8Kernel.NAME;
    }

    /**
     * Whether {@code name} is one of the kernels kept for reference and comparison ({@code scalar},
     * {@code float}): correct, but many times slower than the vector kernels on a real model.
     */
    public static boolean isReference(String name) {
        return ScalarKernel.NAME.equals(name) || FloatKernel.NAME.equals(name);
    }

    public static List<String> names() {
        return List.copyOf(KERNELS.keySet());
    }

    public static MatVecKernel byName(String name) {
        MatVecKernel k = KERNELS.get(name);
        if (k == null) throw new IllegalArgumentException("unknown kernel '" + name + "' (available: " + String.join(", ", KERNELS.keySet()) + ")");
        return k;
    }
}
