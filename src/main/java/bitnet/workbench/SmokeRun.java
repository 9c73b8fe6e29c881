package bitnet.workbench;

import bitnet.workbench.app.settings.WorkbenchHome;
import bitnet.workbench.engine.GenerationResult;
import bitnet.workbench.engine.GenerationSession;
import bitnet.workbench.engine.GenerationSettings;
import bitnet.workbench.engine.GenerationStats;
import bitnet.workbench.engine.LoadedModel;
import bitnet.workbench.engine.SamplerSettings;
import bitnet.workbench.model.ModelOptions;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code --smoke [MODEL.gguf]}: proves an installed image works without showing a window. Opens the
 * shipped model (or the one named), generates a few tokens greedily, prints them with the
 * statistics and returns 0; any failure is one line on {@code err} and a non-zero status. Touches
 * no JavaFX class, so it runs on a machine without a display.
 */
public final class SmokeRun {
    static final String PROMPT = "Once upon a time";
    static final int TOKENS = 8;

    private SmokeRun() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        long start = System.nanoTime();
        Optional<Path> model = args.isEmpty() ? ShippedModels.firstModel(ShippedModels.dir()) : Optional.of(Path.of(args.getFirst()));
        if (model.isEmpty()) {
            err.println("smoke: no *.gguf model in " + ShippedModels.dir().toAbsolutePath() + " (set -D" + ShippedModels.PROPERTY + "=DIR or name a file)");
            return 1;
        }
        if (!Files.isRegularFile(model.get())) {
            err.println("smoke: no such model file: " + model.get().toAbsolutePath());
            return 1;
        }
        out.println("smoke: model " + model.get().toAbsolutePath());
        out.println("smoke: user data " + WorkbenchHome.resolve());
        try (LoadedModel loaded = LoadedModel.open(model.get(), ModelOptions.defaults());
             GenerationSession session = loaded.newSession()) {
            int[] prompt = loaded.tokenizer().encode(PROMPT, true, false);
            GenerationSettings settings = GenerationSettings.defaults()
                .withSampling(SamplerSettings.greedy()).withMaxTokens(TOKENS);
            GenerationResult result = session.generate(prompt, settings, event -> { });
            GenerationStats s = result.stats();
            out.println("smoke: " + loaded.name() + ", prompt \"" + PROMPT + "\" = " + Arrays.toString(prompt));
            out.println("smoke: generated " + Arrays.toString(result.tokens()) + " \"" + printable(result.text()) + "\"");
            out.printf(Locale.ROOT, "smoke: prompt %d tokens, %.1f tok/s; time to first token %.1f ms; decode %d tokens, %.1f tok/s; stop: %s%n",
                s.promptTokens(), s.promptTokensPerSecond(), s.timeToFirstTokenNanos() / 1e6,
                s.generatedTokens(), s.decodeTokensPerSecond(), s.stopReason().name().toLowerCase(Locale.ROOT));
            if (s.generatedTokens() == 0) {
                err.println("smoke: the model generated no token");
                return 1;
            }
            out.printf(Locale.ROOT, "smoke: ok in %.0f ms%n", (System.nanoTime() - start) / 1e6);
            return 0;
        } catch (Exception | LinkageError e) {
            // LinkageError: a runtime image without jdk.incubator.vector fails here, and that is what the smoke run is for.
            err.println("smoke: failed: " + e);
            return 1;
        }
    }

    /** A random-weight model emits control characters; keep them out of a CI log. */
    static String printable(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) b.append(String.format(Locale.ROOT, "\\u%04x", c));
            else b.appendCodePoint(c);
        });
        return b.toString();
    }
}
