package bitnet.workbench.cli;

import bitnet.workbench.engine.EngineWarmUp;
import bitnet.workbench.engine.GenerationResult;
import bitnet.workbench.engine.GenerationSession;
import bitnet.workbench.engine.GenerationSettings;
import bitnet.workbench.engine.LoadedModel;
import bitnet.workbench.kernel.Kernels;
import bitnet.workbench.model.ContextOverflowException;
import bitnet.workbench.model.ModelOptions;
import bitnet.workbench.tokenizer.ChatMessage;
import bitnet.workbench.tokenizer.ChatTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * An interactive chat in the terminal. Each turn re-sends the whole formatted conversation; the
 * session reuses the KV cache for the common prefix, so only the new turn is evaluated.
 */
@Command(name = "chat", description = {"Chat with a model in the terminal.",
    "Type a message and press Enter. /reset starts over, /exit (or end of input) quits."})
public final class ChatCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelCliOptions modelOptions;

    @Mixin
    SamplingCliOptions sampling;

    @Option(names = "--system", description = "System prompt.")
    String system;

    @Option(names = {"-n", "--n-predict"}, defaultValue = "512", description = "Tokens per reply at most (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Mixin
    DebugOption debug;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        ModelOptions options = modelOptions.toModelOptions();
        try (LoadedModel loaded = LoadedModel.open(modelOptions.model, options);
             GenerationSession session = loaded.newSession()) {
            ChatTemplate template = loaded.chatTemplate();
            err.println("chat with " + loaded.name() + " (" + template.description() + "); /reset to start over, /exit to quit");
            GenerationSettings settings = GenerationSettings.defaults()
                .withSampling(sampling.toSettings())
                .withMaxTokens(maxTokens)
                .withStopStrings(template.stopStrings());
            List<ChatMessage> history = newHistory();
            // While the user types the first message, so that its reply does not run in the JIT's slow
            // tiers; not under a reference kernel, where one step could keep the first reply waiting for seconds.
            EngineWarmUp.Background warmUp = isTerminal() && !Kernels.isReference(options.kernel())
                ? EngineWarmUp.inBackground(loaded.model(), loaded.tokenizer()) : null;
            try {
                chat(in, out, err, session, template, settings, history, warmUp);
            } finally {
                if (warmUp != null) warmUp.stopAndWait();
            }
        }
        return 0;
    }

    private static boolean isTerminal() {
        java.io.Console console = System.console();
        return console != null && console.isTerminal();
    }

    private void chat(BufferedReader in, PrintWriter out, PrintWriter err, GenerationSession session, ChatTemplate template,
                      GenerationSettings settings, List<ChatMessage> history, EngineWarmUp.Background warmUp) throws java.io.IOException {
        while (true) {
            out.print("> ");
            out.flush();
            String line = in.readLine();
            if (warmUp != null) warmUp.stopAndWait(); // after the first line, a no-op
            if (line == null || line.strip().equals("/exit")) break;
            if (line.strip().equals("/reset")) {
                history = newHistory();
                err.println("(conversation cleared)");
                continue;
            }
            if (line.isBlank()) continue;
            history.add(ChatMessage.user(line));
            try {
                GenerationResult r = session.generate(template.encode(history, true), settings, e -> {
                    out.print(e.text());
                    out.flush();
                });
                out.println();
                history.add(ChatMessage.assistant(r.text()));
                GenerateCommand.printStats(err, r.stats());
            } catch (ContextOverflowException e) {
                history.removeLast();
                err.println("error: " + e.getMessage() + " (/reset starts a new conversation)");
            }
        }
    }

    private List<ChatMessage> newHistory() {
        List<ChatMessage> h = new ArrayList<>();
        if (system != null && !system.isBlank()) h.add(ChatMessage.system(system));
        return h;
    }
}
