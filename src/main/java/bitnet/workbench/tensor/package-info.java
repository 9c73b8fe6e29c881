/**
 * Storage formats of tensor data, bit-exact with llama.cpp and bitnet.cpp.
 *
 * <p>Reading: {@link bitnet.workbench.tensor.TensorFormats#of} gives the
 * {@link bitnet.workbench.tensor.TensorFormat} of a type (F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q6_K,
 * TQ1_0, TQ2_0, I2_S), which knows its block geometry and dequantizes whole blocks to float.
 *
 * <p>Writing: {@link bitnet.workbench.tensor.TensorQuantizers} gives a
 * {@link bitnet.workbench.tensor.TensorQuantizer} that encodes rows into any destination offset, so
 * big tensors stream through a small buffer. Ternary types first need a
 * {@link bitnet.workbench.tensor.Ternarization}: scan the tensor once with
 * {@link bitnet.workbench.tensor.TernaryScale} (absmean as in BitNet b1.58, or bitnet.cpp's max/sign),
 * or state the scale. I2_S ends with its scale, written by
 * {@link bitnet.workbench.tensor.TensorQuantizer#writeTrailer}.
 */
package bitnet.workbench.tensor;
