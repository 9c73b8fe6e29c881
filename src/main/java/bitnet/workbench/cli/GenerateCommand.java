package bitnet.workbench.cli;

import bitnet.workbench.engine.GenerationResult;
import bitnet.workbench.engine.GenerationSession;
import bitnet.workbench.engine.GenerationSettings;
import bitnet.workbench.engine.GenerationStats;
import bitnet.workbench.engine.LoadedModel;
import bitnet.workbench.model.Sequence;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** Generates text for one prompt: the reply on stdout as it streams, the statistics on stderr. */
@Command(name = "generate", description = "Generate text from a prompt; the text streams to stdout, statistics go to stderr.")
public final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelCliOptions modelOptions;

    @Mixin
    SamplingCliOptions sampling;

    @Option(names = {"-p", "--prompt"}, required = true, description = "The prompt (or the user message with --chat).")
    String prompt;

    @Option(names = {"-n", "--n-predict"}, defaultValue = "128", description = "Tokens to generate at most; -1 = until the end (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--stop", description = "Stop when this text appears (repeatable); it is not printed.")
    List<String> stops = List.of();

    @Option(names = "--chat", description = "Format the prompt as a user turn with the model's chat template.")
    boolean chat;

    @Option(names = "--system", description = "System prompt (with --chat).")
    String system;

    @Option(names = "--logits", paramLabel = "K", description = "Print the top-K logits at the last prompt position as JSON instead of generating.")
    Integer logitsTopK;

    @Mixin
    DebugOption debug;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (LoadedModel loaded = LoadedModel.open(modelOptions.model, modelOptions.toModelOptions())) {
            PromptFormat format = chat ? PromptFormat.chat(loaded, system) : PromptFormat.plain(loaded);
            int[] tokens = format.encodeUserTurn(prompt);
            if (logitsTopK != null) {
                out.println(topLogitsJson(loaded, tokens, logitsTopK));
                out.flush();
                return 0;
            }
            GenerationSettings settings = GenerationSettings.defaults()
                .withSampling(sampling.toSettings())
                .withMaxTokens(maxTokens)
                .withStopStrings(format.stopStrings(stops));
            try (GenerationSession session = loaded.newSession()) {
                GenerationResult r = session.generate(tokens, settings, e -> {
                    out.print(e.text());
                    out.flush();
                });
                out.println();
                out.flush();
                printStats(err, r.stats());
            }
        }
        return 0;
    }

    static String topLogitsJson(LoadedModel loaded, int[] tokens, int k) throws Exception {
        if (k < 1) throw new IllegalArgumentException("--logits K must be at least 1");
        float[] logits = new float[loaded.model().vocabSize()];
        try (Sequence seq = loaded.model().newSequence()) {
            seq.append(tokens, 0, tokens.length, logits);
        }
        Integer[] order = new Integer[logits.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> logits[a] != logits[b] ? Float.compare(logits[b], logits[a]) : Integer.compare(a, b));
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        ArrayNode ids = root.putArray("prompt_ids");
        for (int t : tokens) ids.add(t);
        ArrayNode top = root.putArray("top_logits");
        for (int i = 0; i < Math.min(k, order.length); i++) {
            top.addArray().add(order[i]).add(logits[order[i]]);
        }
        return json.writeValueAsString(root);
    }

    static void printStats(PrintWriter err, GenerationStats s) {
        err.printf(Locale.ROOT, "prompt: %d tokens (%d reused), %.1f tok/s; time to first token %.1f ms%n",
            s.promptTokens(), s.reusedPromptTokens(), s.promptTokensPerSecond(), s.timeToFirstTokenNanos() / 1e6);
        err.printf(Locale.ROOT, "decode: %d tokens, %.2f tok/s; stop: %s%n",
            s.generatedTokens(), s.decodeTokensPerSecond(), s.stopReason().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        err.flush();
    }
}
