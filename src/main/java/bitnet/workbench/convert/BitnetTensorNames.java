package bitnet.workbench.convert;

/**
 * Tensor names shared by llama.cpp's and bitnet.cpp's llama-family graphs. Centralized so the
 * synthetic writer, the quantizer and the model loader agree.
 */
public final class BitnetTensorNames {
    public static final String TOKEN_EMBD = "token_embd.weight";
    public static final String OUTPUT = "output.weight";
    public static final String OUTPUT_NORM = "output_norm.weight";

    /** The BitLinear projections of one block, in the order their data is written. */
    static final String[] PROJECTIONS = {"attn_q", "attn_k", "attn_v", "attn_output", "ffn_gate", "ffn_up", "ffn_down"};

    private BitnetTensorNames() {
    }

    public static String block(int layer, String name) {
        return "blk." + layer + "." + name + ".weight";
    }

    /** True for the 2-D weights that a BitNet model ternarizes (every projection, never embeddings or norms). */
    public static boolean isProjection(String tensorName) {
        if (!tensorName.startsWith("blk.") || !tensorName.endsWith(".weight")) return false;
        for (String p : PROJECTIONS) {
            if (tensorName.endsWith("." + p + ".weight")) return true;
        }
        return false;
    }
}
