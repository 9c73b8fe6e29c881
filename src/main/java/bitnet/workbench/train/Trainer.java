package bitnet.workbench.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The training loop: sample a batch, forward and backward, clip and update, and at fixed intervals
 * report progress, measure the held-out loss and write a checkpoint. Batches depend only on the
 * seed and the step number, so a resumed run continues exactly as an uninterrupted one would.
 */
public final class Trainer {
    /** Progress over the last log interval. */
    public record StepReport(int step, int totalSteps, double loss, double learningRate, double gradientNorm,
                             double tokensPerSecond, long tokensSeen, double elapsedSeconds) {
    }

    /** Mean cross-entropy on the held-out windows. */
    public record Evaluation(int step, double heldOutLoss) {
        public double perplexity() {
            return Math.exp(heldOutLoss);
        }
    }

    /** Receives progress; every method is called on the training thread. */
    public interface Listener {
        default void onStep(StepReport report) {
        }

        default void onEvaluation(Evaluation evaluation) {
        }

        default void onCheckpoint(Path file, int step) {
        }
    }

    /** The final numbers of a run. */
    public record Summary(int steps, double lastTrainLoss, Evaluation lastEvaluation, long tokensSeen, double seconds) {
    }

    private final TrainableModel model;
    private final BpeVocabulary vocabulary;
    private final AdamW optimizer;
    private final TokenStream train;
    private final TokenStream heldOut;
    private final TrainingSettings settings;
    private final WorkerPool pool;
    private final Path checkpointFile;
    private final Listener listener;
    private int step;
    private long tokensSeen;
    private double seconds;

    public Trainer(ModelParameters params, BpeVocabulary vocabulary, TokenStream train, TokenStream heldOut,
                   TrainingSettings settings, WorkerPool pool, Path checkpointFile, Listener listener) {
        this.model = new TrainableModel(params, settings.quantization(), pool);
        this.vocabulary = vocabulary;
        this.optimizer = new AdamW(params.all(), settings.optimizer());
        this.train = train;
        this.heldOut = heldOut;
        this.settings = settings;
        this.pool = pool;
        this.checkpointFile = checkpointFile;
        this.listener = listener == null ? new Listener() { } : listener;
        if (settings.seqLen() > params.config().contextLength()) {
            throw new IllegalArgumentException("seq-len " + settings.seqLen() + " exceeds the context length "
                + params.config().contextLength());
        }
    }

    /** Continues from a checkpoint's step, weights and optimizer state. */
    public void restore(Checkpoint c) {
        optimizer.restore(c.step(), c.moments());
        step = c.step();
        tokensSeen = c.tokensSeen();
        seconds = c.trainingSeconds();
    }

    public int step() {
        return step;
    }

    public TrainableModel model() {
        return model;
    }

    /** Trains until {@code settings.steps()}; returns the final numbers. */
    public Summary run() throws IOException {
        double intervalLoss = 0, lastTrainLoss = Double.NaN;
        int intervalSteps = 0;
        long intervalStart = System.nanoTime();
        Evaluation last = null;
        while (step < settings.steps()) {
            long t0 = System.nanoTime();
            TokenBatch batch = train.sample(settings.batch(), settings.seqLen(), batchRandom(settings.seed(), step));
            model.parameters().zeroGradients();
            double loss = model.lossAndGradient(batch);
            if (!Double.isFinite(loss)) throw new IllegalStateException("loss became " + loss + " at step " + step);
            double lr = settings.schedule().at(step);
            double gradNorm = optimizer.update(lr, pool);
            step++;
            tokensSeen += batch.tokens();
            seconds += (System.nanoTime() - t0) / 1e9;
            intervalLoss += loss;
            intervalSteps++;
            boolean lastStep = step == settings.steps();
            if (step % settings.logEvery() == 0 || lastStep) {
                double wall = (System.nanoTime() - intervalStart) / 1e9;
                lastTrainLoss = intervalLoss / intervalSteps;
                listener.onStep(new StepReport(step, settings.steps(), lastTrainLoss, lr, gradNorm,
                    intervalSteps * (double) settings.tokensPerStep() / wall, tokensSeen, seconds));
                intervalLoss = 0;
                intervalSteps = 0;
            }
            if (step % settings.evalEvery() == 0 || lastStep) {
                last = new Evaluation(step, heldOutLoss());
                listener.onEvaluation(last);
            }
            if (checkpointFile != null && (step % settings.checkpointEvery() == 0 || lastStep)) {
                checkpoint().write(checkpointFile);
                listener.onCheckpoint(checkpointFile, step);
            }
            if (step % settings.logEvery() == 0 || lastStep) intervalStart = System.nanoTime();
        }
        if (last == null) last = new Evaluation(step, heldOutLoss()); // resumed a finished run: nothing trained
        return new Summary(step, lastTrainLoss, last, tokensSeen, seconds);
    }

    /** Mean loss over the fixed held-out windows (same windows every time). */
    public double heldOutLoss() {
        double sum = 0;
        for (int i = 0; i < settings.evalBatches(); i++) {
            sum += model.loss(heldOut.evenlySpaced(settings.batch(), settings.seqLen(), i, settings.evalBatches()));
        }
        return sum / settings.evalBatches();
    }

    public Checkpoint checkpoint() {
        ModelParameters p = model.parameters();
        return new Checkpoint(p.config(), vocabulary, settings, step, tokensSeen, seconds, p, optimizer.moments());
    }

    public TrainedModel trainedModel() {
        return TrainedModel.of(model.parameters(), vocabulary);
    }

    static SplittableRandom batchRandom(long seed, int step) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + step);
    }
}
