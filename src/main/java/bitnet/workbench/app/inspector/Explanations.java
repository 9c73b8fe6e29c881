package bitnet.workbench.app.inspector;

import bitnet.workbench.inspect.ActivationCapture;
import bitnet.workbench.inspect.ActivationRecording;
import bitnet.workbench.inspect.ModelStatistics;
import bitnet.workbench.inspect.ScaleSummary;
import bitnet.workbench.inspect.TensorStats;
import bitnet.workbench.inspect.TernaryCounts;
import bitnet.workbench.model.BitLinearInput;

import java.util.Locale;

/** The teaching texts beside the charts: plain words with the selected tensor's or token's numbers filled in. */
final class Explanations {
    private Explanations() {
    }

    static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * share);
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String shares(ModelStatistics s) {
        TernaryCounts all = s.ternaryTotals();
        if (all.total() == 0) {
            return "This is a float model: no weight is stored as −1, 0 or +1. The bars show what absmean "
                + "ternarization would make of each projection: every weight divided by the tensor's mean |w| and "
                + "rounded to −1, 0 or +1.";
        }
        return "A BitNet b1.58 model stores every projection weight as −1, 0 or +1. Across this model's "
            + count(all.total()) + " ternary weights, " + pct(all.minusShare()) + " are −1, " + pct(all.zeroShare())
            + " are 0 and " + pct(all.plusShare()) + " are +1. Zeros cost nothing in a multiplication: they switch an input off.";
    }

    static String sparsity(ModelStatistics s) {
        return "Sparsity is the share of weights that are exactly 0. Training with absmean ternarization tends to "
            + "leave about a third of them at 0; a line far from the others marks a projection that learned to ignore "
            + "more (or fewer) of its inputs.";
    }

    static String scales(ModelStatistics s) {
        return "The codes −1, 0, +1 are multiplied by a scale to give real weights: one number per tensor in I2_S, "
            + "one per block of 256 weights in TQ1_0/TQ2_0 (the line shows their mean). In training the scale is the "
            + "tensor's mean |w| (absmean), so the ternary matrix keeps the size of the float one.";
    }

    static String tensor(TensorStats t) {
        StringBuilder b = new StringBuilder();
        b.append(t.name()).append(" holds ").append(count(t.elements())).append(" weights stored as ").append(t.type())
            .append(String.format(Locale.ROOT, " at %.3f bits each (%s bytes).", t.bitsPerWeight(), count(t.bytes())));
        if (t.counts() != null) {
            TernaryCounts c = t.counts();
            ScaleSummary s = t.scale();
            double scale = s.mean();
            b.append("\n\n").append(count(c.minus())).append(" are −1 (").append(pct(c.minusShare())).append("), ")
                .append(count(c.zero())).append(" are 0 (").append(pct(c.zeroShare())).append("), ")
                .append(count(c.plus())).append(" are +1 (").append(pct(c.plusShare())).append(").");
            if (s.kind() == ScaleSummary.Kind.PER_TENSOR) {
                b.append("\n\nOne scale for the whole tensor, ").append(num(scale)).append(", turns the codes into weights −")
                    .append(num(scale)).append(", 0 and +").append(num(scale)).append(".");
            } else {
                b.append("\n\nEach block of 256 weights has its own scale d (here ").append(count(s.count())).append(" blocks, mean ")
                    .append(num(scale)).append(", from ").append(num(s.min())).append(" to ").append(num(s.max())).append(").");
            }
            b.append(" The scale exists because −1, 0, +1 alone cannot say how large the weights are: the network was "
                + "trained with W ≈ scale · round(W / mean|W|), and the scale puts the size back.");
        } else if (t.values() != null) {
            b.append("\n\nValues range from ").append(num(t.values().min())).append(" to ").append(num(t.values().max()))
                .append(", mean ").append(num(t.values().mean())).append(", mean |w| ").append(num(t.values().meanAbs())).append('.');
            if (t.absmean() != null) {
                TernaryCounts c = t.absmean().counts();
                b.append("\n\nAbsmean ternarization: γ = mean |w| = ").append(num(t.absmean().scale()))
                    .append("; each weight becomes round(w / γ) clamped to −1..+1. Here that gives ")
                    .append(pct(c.minusShare())).append(" −1, ").append(pct(c.zeroShare())).append(" 0 and ")
                    .append(pct(c.plusShare())).append(" +1 (right chart).");
            }
        } else {
            b.append("\n\n").append(t.note());
        }
        return b.toString();
    }

    static String preview(TensorStats t) {
        if (t.absmean() == null) return "";
        double g = t.absmean().scale();
        return "What BitNet b1.58 would store: γ = mean |w| = " + num(g) + ". A weight w becomes −1 when w < −" + num(g / 2)
            + ", +1 when w > " + num(g / 2) + " and 0 in between; the model then computes with −γ, 0, +γ.";
    }

    static String heatmap(ActivationRecording r, BitLinearInput in, int layer, int token) {
        float a = r.absMax(layer, in, token);
        return "Before a BitLinear multiplies, it squeezes its input vector x into 8-bit integers, one token at a time. "
            + "It finds the largest |x| (the absmax) and scales so that it becomes 127: s = 127 / max|x|.\n\n"
            + "Layer " + layer + ", token " + token + " “" + r.tokenTexts().get(token) + "”, " + Charts.inputLabel(in) + " input: max |x| = "
            + num(a) + ", so s = " + num(r.scale(layer, in, token)) + " and one int8 step is " + num(a / 127.0)
            + ". Bright cells are tokens whose activations spike; a spike makes the step coarse for every other value of that token.";
    }

    static String lines(ActivationRecording r, int layer) {
        return "The same absmax for every input of layer " + layer + " across the " + r.tokenCount()
            + " prompt tokens. The input of down (after the gated FFN) usually has the widest range.";
    }

    static String int8(ActivationCapture c) {
        float[] v = c.values();
        int idx = 0;
        for (int i = 1; i < v.length; i++) if (Math.abs(v[i]) > Math.abs(v[idx])) idx = i;
        int example = v.length > 1 ? (idx == 0 ? 1 : 0) : 0;
        return "The absmax rule: s = 127 / max|x| = 127 / " + num(c.absMax()) + " = " + num(c.scale())
            + "; every value becomes q = round(x · s), between −127 and 127.\n\nFor example x[" + idx + "] = " + num(v[idx])
            + " → " + c.codes()[idx] + " and x[" + example + "] = " + num(v[example]) + " → " + c.codes()[example]
            + ". The two histograms have the same shape: int8 keeps the distribution, with " + count(distinct(c)) + " distinct steps used.";
    }

    private static long distinct(ActivationCapture c) {
        long n = 0;
        for (long k : c.codeCounts()) if (k > 0) n++;
        return n;
    }
}
