package bitnet.workbench.inspect;

import bitnet.workbench.model.BitLinearInput;

import java.util.Optional;

/** The seven BitLinear projections of a transformer block, with the activation vector each one reads. */
public enum Projection {
    Q("attn_q", "q", BitLinearInput.ATTN_QKV),
    K("attn_k", "k", BitLinearInput.ATTN_QKV),
    V("attn_v", "v", BitLinearInput.ATTN_QKV),
    O("attn_output", "o", BitLinearInput.ATTN_OUTPUT),
    GATE("ffn_gate", "gate", BitLinearInput.FFN_GATE_UP),
    UP("ffn_up", "up", BitLinearInput.FFN_GATE_UP),
    DOWN("ffn_down", "down", BitLinearInput.FFN_DOWN);

    private final String tensorPart;
    private final String label;
    private final BitLinearInput input;

    Projection(String tensorPart, String label, BitLinearInput input) {
        this.tensorPart = tensorPart;
        this.label = label;
        this.input = input;
    }

    /** The short name shown on charts: q, k, v, o, gate, up, down. */
    public String label() { return label; }

    /** The activation vector this projection multiplies. */
    public BitLinearInput input() { return input; }

    /** The GGUF tensor name of this projection in {@code layer}, e.g. {@code blk.3.attn_q.weight}. */
    public String tensorName(int layer) {
        return "blk." + layer + "." + tensorPart + ".weight";
    }

    /** Layer and projection of a tensor named like {@code blk.N.attn_q.weight}; empty for any other tensor. */
    public static Optional<Located> locate(String tensorName) {
        if (!tensorName.startsWith("blk.") || !tensorName.endsWith(".weight")) return Optional.empty();
        int dot = tensorName.indexOf('.', 4);
        if (dot < 0) return Optional.empty();
        int layer;
        try {
            layer = Integer.parseInt(tensorName.substring(4, dot));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String part = tensorName.substring(dot + 1, tensorName.length() - ".weight".length());
        for (Projection p : values()) {
            if (p.tensorPart.equals(part)) return Optional.of(new Located(layer, p));
        }
        return Optional.empty();
    }

    /** A projection tensor's place in the model. */
    public record Located(int layer, Projection projection) {
    }
}
