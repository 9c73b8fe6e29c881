/**
 * The hot loops. {@link bitnet.workbench.kernel.MatVecKernel} is one product (rows of a weight
 * matrix times one input, or a batch of inputs); {@link bitnet.workbench.kernel.Kernels} names the
 * variants: {@code scalar} (reference), {@code vector-i8} (int8 × 2-bit on the file's layout),
 * {@code vector-lut} (table lookups on weights repacked at load, {@link bitnet.workbench.kernel.LutMatrix}),
 * {@code float} (dequantize and multiply-add). {@link bitnet.workbench.kernel.ParallelKernel}
 * spreads products over a {@link bitnet.workbench.kernel.WorkerPool} whose thread count changes at
 * run time. Repacked forms ({@link bitnet.workbench.kernel.Repacked}) live off-heap and are
 * attached to the {@link bitnet.workbench.kernel.WeightMatrix} they replace.
 *
 * <p>Vector code notes (measured here): derive species from {@code SPECIES_PREFERRED}; keep
 * methods small — past C2's inlining node budget vectors are boxed and every call allocates (the
 * allocation tests catch it); create zero accumulators inside methods.
 */
package bitnet.workbench.kernel;
