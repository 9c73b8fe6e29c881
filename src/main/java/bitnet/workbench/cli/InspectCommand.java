package bitnet.workbench.cli;

import bitnet.workbench.engine.LoadedModel;
import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.inspect.ActivationRecording;
import bitnet.workbench.inspect.ActivationRun;
import bitnet.workbench.inspect.ModelStatistics;
import bitnet.workbench.inspect.ScaleSummary;
import bitnet.workbench.inspect.StatisticsScan;
import bitnet.workbench.inspect.TensorStats;
import bitnet.workbench.inspect.TernaryCounts;
import bitnet.workbench.inspect.ValueStats;
import bitnet.workbench.model.BitLinearInput;
import bitnet.workbench.model.ModelOptions;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** Per-tensor weight statistics (and, with a prompt, activation scales) without a window. */
@Command(name = "inspect", description = {
    "Show per-tensor weight statistics: counts of -1/0/+1 read from the packed codes, sparsity, scale, type, bits per weight;",
    "value ranges for float tensors. With --prompt, also the int8 absmax of every BitLinear input per layer and token."})
public final class InspectCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The GGUF file.")
    Path file;

    @Option(names = "--json", description = "Print one JSON document instead of text.")
    boolean json;

    @Option(names = {"-p", "--prompt"}, paramLabel = "TEXT", description = "Run this prompt and add the activation scales per layer and token.")
    String prompt;

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!Files.exists(file)) throw new NoSuchFileException(file.toString(), null, "no such file");
        if (Files.isDirectory(file)) throw new IOException(file + ": is a directory, not a GGUF file");
        PrintWriter out = spec.commandLine().getOut();
        ModelStatistics stats;
        try (GgufFile f = GgufFile.open(file)) {
            stats = StatisticsScan.run(f, null, (s, done, total) -> { }).statistics();
        }
        ActivationRecording rec = null;
        if (prompt != null) {
            try (LoadedModel m = LoadedModel.open(file, ModelOptions.defaults())) {
                rec = ActivationRun.record(m.model(), m.tokenizer(), prompt).recording();
            }
        }
        if (json) out.println(json(stats, rec));
        else {
            printTensors(out, stats);
            if (rec != null) printActivations(out, rec);
        }
        out.flush();
        return 0;
    }

    private void printTensors(PrintWriter out, ModelStatistics stats) {
        out.println(file);
        out.println("Tensors (ternary counts read from the packed codes; scale: I2_S tensor scale, TQ block scale mean [min, max])");
        int w = Math.max(4, stats.tensors().stream().mapToInt(t -> t.name().length()).max().orElse(0));
        String head = "  %-" + w + "s  %-6s %-14s %10s %10s %10s %9s  %-28s %7s%n";
        out.printf(Locale.ROOT, head, "name", "type", "shape", "-1", "0", "+1", "sparsity", "scale", "bits/w");
        for (TensorStats t : stats.tensors()) {
            String shape = t.shapeText().replace(" × ", "x");
            if (t.counts() != null) {
                TernaryCounts c = t.counts();
                out.printf(Locale.ROOT, head, t.name(), t.type(), shape, c.minus(), c.zero(), c.plus(),
                    String.format(Locale.ROOT, "%.2f %%", 100 * c.sparsity()), scaleText(t.scale()), bits(t));
                if (c.other() > 0) out.printf(Locale.ROOT, "  %-" + w + "s  %d codes are not ternary (TQ2_0 code 3)%n", "", c.other());
            } else {
                String values = t.values() == null ? t.note() : valuesText(t.values());
                out.printf(Locale.ROOT, "  %-" + w + "s  %-6s %-14s %s  %7s%n", t.name(), t.type(), shape, values, bits(t));
            }
        }
        TernaryCounts all = stats.ternaryTotals();
        if (all.total() > 0) {
            out.printf(Locale.ROOT, "Ternary weights: %d; -1 %.2f %%, 0 %.2f %%, +1 %.2f %%%n", all.total(),
                100 * all.minusShare(), 100 * all.zeroShare(), 100 * all.plusShare());
        } else {
            out.println("No ternary tensors.");
        }
    }

    private static String scaleText(ScaleSummary s) {
        if (s.kind() == ScaleSummary.Kind.PER_TENSOR) return String.format(Locale.ROOT, "%.6g", s.mean());
        return String.format(Locale.ROOT, "%.6g [%.4g, %.4g]", s.mean(), s.min(), s.max());
    }

    private static String valuesText(ValueStats v) {
        return String.format(Locale.ROOT, "min %.4g  max %.4g  mean %.4g  std %.4g  mean|w| %.4g", v.min(), v.max(), v.mean(), v.std(), v.meanAbs());
    }

    private static String bits(TensorStats t) {
        return Double.isNaN(t.bitsPerWeight()) ? "-" : String.format(Locale.ROOT, "%.3f", t.bitsPerWeight());
    }

    private static void printActivations(PrintWriter out, ActivationRecording rec) {
        out.println();
        out.printf(Locale.ROOT, "Activations for %s (%d tokens): max |x| of each BitLinear input; int8 scale = 127 / max|x|%n",
            InfoCommand.quote(rec.prompt(), 80), rec.tokenCount());
        String row = "  %5s  %-12s %5s  %-16s %12s %12s%n";
        out.printf(Locale.ROOT, row, "layer", "input", "token", "text", "absmax", "scale");
        for (int l = 0; l < rec.layers(); l++) {
            for (BitLinearInput in : BitLinearInput.values()) {
                for (int t = 0; t < rec.tokenCount(); t++) {
                    out.printf(Locale.ROOT, row, l, in, t, InfoCommand.quote(rec.tokenTexts().get(t), 14),
                        String.format(Locale.ROOT, "%.6g", rec.absMax(l, in, t)), String.format(Locale.ROOT, "%.6g", rec.scale(l, in, t)));
                }
            }
        }
    }

    private String json(ModelStatistics stats, ActivationRecording rec) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("file", file.toString());
        ArrayNode tensors = root.putArray("tensors");
        for (TensorStats t : stats.tensors()) {
            ObjectNode n = tensors.addObject();
            n.put("name", t.name());
            n.put("type", t.type().name());
            ArrayNode shape = n.putArray("shape");
            for (long d : t.shape()) shape.add(d);
            n.put("elements", t.elements());
            n.put("bytes", t.bytes());
            if (Double.isNaN(t.bitsPerWeight())) n.putNull("bitsPerWeight");
            else n.put("bitsPerWeight", t.bitsPerWeight());
            if (t.layer() >= 0) n.put("layer", t.layer());
            if (t.projection() != null) n.put("projection", t.projection().label());
            if (t.counts() != null) {
                ObjectNode c = n.putObject("counts");
                c.put("minus", t.counts().minus());
                c.put("zero", t.counts().zero());
                c.put("plus", t.counts().plus());
                if (t.counts().other() > 0) c.put("other", t.counts().other());
                n.put("sparsity", t.counts().sparsity());
                ObjectNode s = n.putObject("scale");
                s.put("kind", t.scale().kind().name());
                s.put("count", t.scale().count());
                s.put("mean", t.scale().mean());
                s.put("min", t.scale().min());
                s.put("max", t.scale().max());
            }
            if (t.values() != null) {
                ObjectNode v = n.putObject("values");
                v.put("min", t.values().min());
                v.put("max", t.values().max());
                v.put("mean", t.values().mean());
                v.put("std", t.values().std());
                v.put("meanAbs", t.values().meanAbs());
            }
            if (t.absmean() != null) {
                ObjectNode a = n.putObject("absmeanTernarized");
                a.put("scale", t.absmean().scale());
                a.put("minus", t.absmean().counts().minus());
                a.put("zero", t.absmean().counts().zero());
                a.put("plus", t.absmean().counts().plus());
            }
            if (!t.note().isEmpty()) n.put("note", t.note());
        }
        if (rec != null) {
            ObjectNode a = root.putObject("activations");
            a.put("prompt", rec.prompt());
            ArrayNode toks = a.putArray("tokens");
            for (int i = 0; i < rec.tokenCount(); i++) toks.addObject().put("id", rec.tokens()[i]).put("text", rec.tokenTexts().get(i));
            ArrayNode layers = a.putArray("layers");
            for (int l = 0; l < rec.layers(); l++) {
                ObjectNode layer = layers.addObject();
                layer.put("layer", l);
                for (BitLinearInput in : BitLinearInput.values()) {
                    ObjectNode x = layer.putObject(in.name());
                    ArrayNode absMax = x.putArray("absMax");
                    ArrayNode scale = x.putArray("scale");
                    for (int t = 0; t < rec.tokenCount(); t++) {
                        absMax.add(rec.absMax(l, in, t));
                        scale.add(rec.scale(l, in, t));
                    }
                }
            }
        }
        return mapper.writeValueAsString(root);
    }
}
