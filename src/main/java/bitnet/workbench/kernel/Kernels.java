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

    public static List<String> names() {
        return List.copyOf(KERNELS.keySet());
    }

    public static MatVecKernel byName(String name) {
        MatVecKernel k = KERNELS.get(name);
        if (k == null) throw new IllegalArgumentException("unknown kernel '" + name + "' (available: " + String.join(", ", KERNELS.keySet()) + ")");
        return k;
    }
}
