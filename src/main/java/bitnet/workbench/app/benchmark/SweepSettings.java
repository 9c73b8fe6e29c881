package bitnet.workbench.app.benchmark;

import bitnet.workbench.bench.BenchPlan;
import bitnet.workbench.kernel.Kernels;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * What the sweep editor edits: which thread counts and kernels, how long a prompt and generation,
 * how many repetitions. Turned into a {@link BenchPlan} when a run starts; the plan's checks are
 * the only checks, so the GUI and the {@code bench} command refuse the same things.
 */
public final class SweepSettings {
    private final int cores;
    private final List<Integer> threadChoices;
    private final List<String> kernelChoices;
    private final ObservableList<Integer> threads = FXCollections.observableArrayList();
    private final ObservableList<String> kernels = FXCollections.observableArrayList();
    private final IntegerProperty promptTokens = new SimpleIntegerProperty();
    private final IntegerProperty decodeTokens = new SimpleIntegerProperty();
    private final IntegerProperty repetitions = new SimpleIntegerProperty();
    private final IntegerProperty warmup = new SimpleIntegerProperty();
    /** Off: decode from an empty context, as llama-bench's tg; on: after the prompt, as a chat reply. */
    private final BooleanProperty decodeAfterPrompt = new SimpleBooleanProperty();

    public SweepSettings(int cores) {
        this.cores = Math.max(1, cores);
        this.threadChoices = SweepPreset.ThreadChoices.forCores(this.cores);
        this.kernelChoices = Kernels.names();
        apply(SweepPreset.QUICK);
    }

    public void apply(SweepPreset preset) {
        threads.setAll(preset.threads(cores));
        kernels.setAll(kernelChoices);
        promptTokens.set(preset.promptTokens());
        decodeTokens.set(preset.decodeTokens());
        repetitions.set(preset.repetitions());
        warmup.set(preset.warmup());
    }

    public int cores() { return cores; }
    public List<Integer> threadChoices() { return threadChoices; }
    public List<String> kernelChoices() { return kernelChoices; }

    /** The chosen thread counts, ascending. */
    public ObservableList<Integer> threads() { return threads; }

    /** The chosen kernels, in registry order. */
    public ObservableList<String> kernels() { return kernels; }

    public IntegerProperty promptTokensProperty() { return promptTokens; }
    public IntegerProperty decodeTokensProperty() { return decodeTokens; }
    public IntegerProperty repetitionsProperty() { return repetitions; }
    public BooleanProperty decodeAfterPromptProperty() { return decodeAfterPrompt; }
    public IntegerProperty warmupProperty() { return warmup; }

    public void setThreadChosen(int count, boolean chosen) {
        if (threads.contains(count) == chosen) return;
        threads.setAll(toggled(threads, count, chosen, threadChoices));
    }

    public void setKernelChosen(String kernel, boolean chosen) {
        if (kernels.contains(kernel) == chosen) return;
        kernels.setAll(toggled(kernels, kernel, chosen, kernelChoices));
    }

    private static <T> List<T> toggled(Collection<T> current, T item, boolean chosen, List<T> order) {
        return order.stream().filter(x -> x.equals(item) ? chosen : current.contains(x)).toList();
    }

    /** The plan for {@code model}; an IllegalArgumentException in plain words when the choice cannot run. */
    public BenchPlan plan(Path model) {
        if (model == null) throw new IllegalArgumentException("open a model first (Models page)");
        if (threads.isEmpty()) throw new IllegalArgumentException("choose at least one thread count");
        if (kernels.isEmpty()) throw new IllegalArgumentException("choose at least one kernel");
        // absolute, so that a saved run names its model unambiguously and reads back equal
        return new BenchPlan(model.toAbsolutePath().normalize(), threads, kernels, promptTokens.get(), decodeTokens.get(), repetitions.get(), warmup.get(),
            BenchPlan.DEFAULT_SEED, decodeAfterPrompt.get());
    }
}
