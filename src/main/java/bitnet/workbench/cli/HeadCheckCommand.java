package bitnet.workbench.cli;

import bitnet.workbench.engine.LoadedModel;
import bitnet.workbench.engine.OutputHeadComparison;
import bitnet.workbench.model.TransformerModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/** The int8 output head against the float head on a prompt: how far the logits move, whether the ranking changes. */
@Command(name = "head-check", description = "Compare the int8 output head with the float head on a prompt: logit differences "
    + "and top-1/top-5 agreement at every position.")
public final class HeadCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelCliOptions modelOptions;

    @Option(names = {"-p", "--prompt"}, defaultValue = "The capital of France is Paris, and the capital of Italy is",
        description = "The text whose tokens are compared (default: ${DEFAULT-VALUE}).")
    String prompt;

    @Mixin
    DebugOption debug;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (LoadedModel loaded = LoadedModel.open(modelOptions.model, modelOptions.toModelOptions())) {
            TransformerModel model = loaded.model();
            int[] tokens = PromptFormat.plain(loaded).encodeUserTurn(prompt);
            var head = model.weights().output();
            out.printf(Locale.ROOT, "output matrix %s, %s %d x %d; int8 head: %s; kernel %s, %d thread%s%n", head.name(), head.type(),
                head.rows(), head.cols(), head.type() == bitnet.workbench.gguf.GgmlType.Q6_K ? "the same Q6_K weights as int8, Q8_K activations"
                    : "weights quantized to Q6_K at load, Q8_K activations", model.kernel().name(), model.threads(), model.threads() == 1 ? "" : "s");
            OutputHeadComparison c = OutputHeadComparison.measure(model, tokens, model.options().outputHead());
            out.printf(Locale.ROOT, "%4s  %10s  %10s  %11s  %5s  %5s%n", "pos", "max |d|", "mean |d|", "logit range", "top1", "top5");
            for (OutputHeadComparison.Position p : c.positions()) {
                out.printf(Locale.ROOT, "%4d  %10.4f  %10.5f  %11.2f  %5s  %3d/5%n", p.index(), p.maxAbsDiff(), p.meanAbsDiff(), p.logitRange(),
                    p.top1Equal() ? "same" : "DIFF", p.top5Shared());
            }
            out.printf(Locale.ROOT, "over %d positions: max |dlogit| %.4f, mean |dlogit| %.5f, top-1 equal at %d/%d; int8 head built in %.1f s%n",
                c.positions().size(), c.maxAbsDiff(), c.meanAbsDiff(), c.top1Agreements(), c.positions().size(), c.int8HeadSeconds());
            out.flush();
        }
        return 0;
    }
}
