package bitnet.workbench.model;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Repacked weights are hundreds of off-heap blocks of a few MB. glibc raises its mmap threshold
 * after the first large block is freed, so blocks of a later load came from the C heap, and
 * freeing them (an unload, another kernel) did not give the memory back: a second load in the same
 * process held both copies (the bench's second combination peaked at 1.59 GB instead of 1.0).
 * Fixing the threshold keeps every block of 128 KiB or more in its own mapping, unmapped when freed.
 * Elsewhere than glibc, nothing to do.
 */
final class CHeap {
    private static final int M_MMAP_THRESHOLD = -3;
    private static final int THRESHOLD_BYTES = 128 * 1024;
    private static volatile boolean done;

    private CHeap() {
    }

    static void keepLargeBlocksMapped() {
        if (done) return;
        done = true;
        try {
            Linker linker = Linker.nativeLinker();
            linker.defaultLookup().find("mallopt").ifPresent(address -> {
                MethodHandle mallopt = linker.downcallHandle(address, FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
                try {
                    int ignored = (int) mallopt.invokeExact(M_MMAP_THRESHOLD, THRESHOLD_BYTES);
                } catch (Throwable e) {
                    // Only memory reuse is at stake; the engine works the same without it.
                }
            });
        } catch (RuntimeException | LinkageError e) {
            // No native access or no such symbol: as above.
        }
    }
}
