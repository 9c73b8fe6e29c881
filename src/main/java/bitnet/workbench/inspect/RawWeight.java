package bitnet.workbench.inspect;

/**
 * One stored weight as it sits in the file, for showing how codes become values.
 *
 * @param index      the weight's element index in the tensor (row-major, row 0 first)
 * @param byteOffset offset of the byte (or first byte) holding it, from the start of the tensor's data
 * @param byteValue  that byte, 0..255, for packed ternary codes; -1 for types with whole-byte elements
 * @param codeText   the stored code: two bits ("10") for I2_S and TQ2_0, a base-3 digit for TQ1_0,
 *                   the element's raw bits in hex for float types, empty when there is nothing to show
 * @param position   where in the byte: "bits 7-6", "trit 2 of 5"; empty for float types
 * @param ternary    -1, 0 or +1 for ternary types (2 for TQ2_0's unused code 3); 0 otherwise
 * @param value      the dequantized value (ternary × scale, or the float itself)
 */
public record RawWeight(long index, long byteOffset, int byteValue, String codeText, String position, int ternary, float value) {
}
