package bitnet.workbench.model;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
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
    /** The C functions used here, or null where they (or native access) are missing. */
    private static final MethodHandle MALLOPT;
    private static final MethodHandle CALLOC;
    private static final MethodHandle FREE;
    private static volatile boolean done;

    static {
        MethodHandle mallopt = null;
        MethodHandle calloc = null;
        MethodHandle free = null;
        try {
            Linker linker = Linker.nativeLinker();
            var lookup = linker.defaultLookup();
            mallopt = lookup.find("mallopt").map(a -> linker.downcallHandle(a,
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT))).orElse(null);
            var c = lookup.find("calloc");
            var f = lookup.find("free");
            if (c.isPresent() && f.isPresent() && ValueLayout.ADDRESS.byteSize() == 8) {
                calloc = linker.downcallHandle(c.get(), FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
                free = linker.downcallHandle(f.get(), FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));
            }
        } catch (RuntimeException | LinkageError e) {
            // No native access: the engine works the same, with less memory given back.
        }
        MALLOPT = mallopt;
        CALLOC = calloc;
        FREE = free;
    }

    private CHeap() {
    }

    /**
     * {@code bytes} of zeroed native memory, freed when {@code arena} closes, whose pages become
     * resident only when first written: a block this large is a fresh mapping of zero pages, which
     * calloc does not clear by touching (an arena's own allocation clears, and so commits, every
     * byte). So a KV cache can be sized for the whole context and cost only the positions used.
     * Without calloc, the arena's memory.
     */
    static MemorySegment lazilyZeroed(long bytes, Arena arena) {
        keepLargeBlocksMapped();
        if (CALLOC != null && bytes > 0) {
            try {
                MemorySegment p = (MemorySegment) CALLOC.invokeExact(1L, bytes);
                if (!p.equals(MemorySegment.NULL)) return p.reinterpret(bytes, arena, CHeap::free);
            } catch (Throwable e) {
                // as if calloc were missing
            }
        }
        return arena.allocate(bytes, 64);
    }

    private static void free(MemorySegment p) {
        try {
            FREE.invokeExact(p);
        } catch (Throwable e) {
            // the block stays allocated; nothing else is at stake
        }
    }

    static void keepLargeBlocksMapped() {
        if (done || MALLOPT == null) return;
        done = true;
        try {
            int ignored = (int) MALLOPT.invokeExact(M_MMAP_THRESHOLD, THRESHOLD_BYTES);
        } catch (Throwable e) {
            // Only memory reuse is at stake; the engine works the same without it.
        }
    }
}
