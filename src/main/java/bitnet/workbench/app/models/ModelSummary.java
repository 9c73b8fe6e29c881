package bitnet.workbench.app.models;

import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.gguf.GgufTensorInfo;
import bitnet.workbench.gguf.GgufValue;
import bitnet.workbench.gguf.GgufValueType;

/**
 * Totals shown above the tensor table. The ternary share counts parameters (elements), not bytes,
 * because that is what "how much of the model is 1.58-bit" means.
 */
public record ModelSummary(String architecture, String name, long parameters, long ternaryParameters,
                           long fileSize, int tensorCount, int metadataCount) {

    public static ModelSummary of(GgufFile file) {
        long params = 0;
        long ternary = 0;
        for (GgufTensorInfo t : file.tensors()) {
            long n = t.elementCount();
            params += n;
            if (t.type().isTernary()) ternary += n;
        }
        return new ModelSummary(string(file, "general.architecture", "unknown"), string(file, "general.name", ""),
            params, ternary, file.fileSize(), file.tensors().size(), file.metadata().size());
    }

    public double ternaryShare() {
        return parameters == 0 ? 0 : (double) ternaryParameters / parameters;
    }

    private static String string(GgufFile file, String key, String fallback) {
        return file.metadata().find(key).filter(v -> v.type() == GgufValueType.STRING)
            .map(GgufValue::value).map(String.class::cast).orElse(fallback);
    }
}
