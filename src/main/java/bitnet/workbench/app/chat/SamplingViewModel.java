package bitnet.workbench.app.chat;

import bitnet.workbench.app.settings.JsonFiles;
import bitnet.workbench.engine.GenerationSettings;
import bitnet.workbench.engine.SamplerSettings;
import javafx.beans.Observable;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.Path;
import java.util.List;

/**
 * The sampling panel's values and the system prompt for new chats, remembered in {@code chat.json}.
 * Every value is the view's input; {@link #settings()} brings them into range for the engine.
 */
public final class SamplingViewModel {
    public static final String FILE_NAME = "chat.json";
    public static final int MAX_TOKENS_LIMIT = 32_768;

    /** The file's shape. */
    record Preferences(double temperature, int topK, double topP, double minP, double repeatPenalty,
                       int maxTokens, long seed, String systemPrompt) {
        static Preferences defaults() {
            SamplerSettings d = SamplerSettings.defaults();
            return new Preferences(d.temperature(), d.topK(), d.topP(), d.minP(), d.repeatPenalty(), 512, d.seed(), "");
        }
    }

    private final Path file;
    private final DoubleProperty temperature = new SimpleDoubleProperty();
    private final IntegerProperty topK = new SimpleIntegerProperty();
    private final DoubleProperty topP = new SimpleDoubleProperty();
    private final DoubleProperty minP = new SimpleDoubleProperty();
    private final DoubleProperty repeatPenalty = new SimpleDoubleProperty();
    private final IntegerProperty maxTokens = new SimpleIntegerProperty();
    private final LongProperty seed = new SimpleLongProperty();
    private final StringProperty defaultSystemPrompt = new SimpleStringProperty("");

    public SamplingViewModel(Path home) {
        this.file = home.resolve(FILE_NAME);
        Preferences p = JsonFiles.read(file, Preferences.class).orElseGet(Preferences::defaults);
        temperature.set(p.temperature());
        topK.set(p.topK());
        topP.set(p.topP());
        minP.set(p.minP());
        repeatPenalty.set(p.repeatPenalty());
        maxTokens.set(p.maxTokens() == 0 ? Preferences.defaults().maxTokens() : p.maxTokens());
        seed.set(p.seed());
        defaultSystemPrompt.set(p.systemPrompt() == null ? "" : p.systemPrompt());
        for (Observable o : List.<Observable>of(temperature, topK, topP, minP, repeatPenalty, maxTokens, seed, defaultSystemPrompt)) {
            o.addListener(x -> save());
        }
    }

    public DoubleProperty temperatureProperty() { return temperature; }
    public IntegerProperty topKProperty() { return topK; }
    public DoubleProperty topPProperty() { return topP; }
    public DoubleProperty minPProperty() { return minP; }
    public DoubleProperty repeatPenaltyProperty() { return repeatPenalty; }
    public IntegerProperty maxTokensProperty() { return maxTokens; }
    /** -1 picks a fresh seed for every reply. */
    public LongProperty seedProperty() { return seed; }
    /** The system prompt a new chat starts with (the last one used). */
    public StringProperty defaultSystemPromptProperty() { return defaultSystemPrompt; }

    /** Greedy sampling with no other changes (what the overhead measurement and some tests use). */
    public void useGreedy() {
        temperature.set(0);
    }

    /** The values brought into the ranges the engine accepts. */
    public GenerationSettings settings() {
        SamplerSettings s = new SamplerSettings(
            (float) Math.max(0, temperature.get()),
            Math.max(0, topK.get()),
            (float) Math.clamp(topP.get(), 0, 1),
            (float) Math.clamp(minP.get(), 0, 1),
            (float) (repeatPenalty.get() > 0 ? repeatPenalty.get() : 1),
            SamplerSettings.defaults().repeatLastN(),
            seed.get() < 0 ? SamplerSettings.RANDOM_SEED : seed.get());
        return GenerationSettings.defaults().withSampling(s).withMaxTokens(Math.clamp(maxTokens.get(), 1, MAX_TOKENS_LIMIT));
    }

    private void save() {
        JsonFiles.writeQuietly(file, new Preferences(temperature.get(), topK.get(), topP.get(), minP.get(), repeatPenalty.get(),
            maxTokens.get(), seed.get(), defaultSystemPrompt.get()));
    }
}
