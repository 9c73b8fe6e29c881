package bitnet.workbench.model;

/**
 * Precision of the keys or values kept in the KV cache. F16 reproduces the numerics of the
 * reference engines' F16 cache: each stored key or value is rounded to F16, and with F16 keys the
 * query is rounded too (both engines convert the float operand of an F16 product). The softmax
 * probabilities are not rounded, as in bitnet.cpp's prompt batches. Storage itself stays float32
 * for now; this is a numerics setting, not yet a memory saving.
 */
public enum KvCacheType {
    F32, F16;

    float round(float v) {
        return this == F16 ? Float.float16ToFloat(Float.floatToFloat16(v)) : v;
    }
}
