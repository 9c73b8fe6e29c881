package bitnet.workbench.cli;

import bitnet.workbench.gguf.GgmlType;
import bitnet.workbench.train.AdamW;
import bitnet.workbench.train.BpeEncoder;
import bitnet.workbench.train.BpeTrainer;
import bitnet.workbench.train.BpeVocabulary;
import bitnet.workbench.train.Checkpoint;
import bitnet.workbench.train.Corpus;
import bitnet.workbench.train.FfnActivation;
import bitnet.workbench.train.GgufExporter;
import bitnet.workbench.train.GreedyContinuation;
import bitnet.workbench.train.LearningRateSchedule;
import bitnet.workbench.train.ModelConfig;
import bitnet.workbench.train.ModelParameters;
import bitnet.workbench.train.PreTokenizer;
import bitnet.workbench.train.Quantization;
import bitnet.workbench.train.TokenStream;
import bitnet.workbench.train.Trainer;
import bitnet.workbench.train.TrainingSettings;
import bitnet.workbench.train.WorkerPool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Trains a small BitNet b1.58 model from scratch with quantization-aware training, writing
 * checkpoints, a loss log and finally the GGUF exports into the output directory.
 */
@Command(name = "train", sortOptions = false, description = {
    "Train a small BitNet b1.58 model from scratch (quantization-aware: ternary weights, int8 activations).",
    "Writes DIR/checkpoint.bin (resume with --resume), DIR/loss.csv, DIR/loss.png and DIR/model-{i2_s,tq2_0}.gguf.",
    "Resuming a finished checkpoint trains nothing and only exports it again.",
    "--corpus kjv prepares the King James Bible with Debian's 'bible' program (apt-get install -y bible-kjv)",
    "and keeps the prepared text in DIR/kjv.txt."})
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--corpus", required = true, paramLabel = "FILE|kjv",
        description = "UTF-8 text, one paragraph or verse per line; or 'kjv' for the King James Bible.")
    String corpus;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;
    @Option(names = "--resume", paramLabel = "CKPT",
        description = "Continue from a checkpoint (its model, tokenizer and settings; --steps may extend the run).")
    Path resume;

    @Option(names = "--vocab", defaultValue = "4096", description = "BPE vocabulary size incl. 256 bytes and 2 specials (default: ${DEFAULT-VALUE}).")
    int vocab;
    @Option(names = "--pre", defaultValue = "llama-bpe", description = "Pre-tokenizer: llama-bpe or gpt-2 (default: ${DEFAULT-VALUE}).")
    String pre;
    @Option(names = "--layers", defaultValue = "6") int layers;
    @Option(names = "--dim", defaultValue = "256", description = "Hidden size; a multiple of 256 for TQ2_0 export (default: ${DEFAULT-VALUE}).")
    int dim;
    @Option(names = "--ffn", defaultValue = "512", description = "FFN size; a multiple of 256 for TQ2_0 export (default: ${DEFAULT-VALUE}).")
    int ffn;
    @Option(names = "--heads", defaultValue = "4") int heads;
    @Option(names = "--kv-heads", defaultValue = "2") int kvHeads;
    @Option(names = "--ctx", defaultValue = "256", description = "Context length of the model (default: ${DEFAULT-VALUE}).")
    int ctx;
    @Option(names = "--activation", defaultValue = "relu2",
        description = "FFN gate: relu2 (arch bitnet-b1.58, as 2B4T) or silu (arch bitnet, runs in upstream llama.cpp) (default: ${DEFAULT-VALUE}).")
    String activation;
    @Option(names = "--rope-theta", defaultValue = "10000") float ropeTheta;

    @Option(names = "--steps", description = "Optimizer steps (default: 1500).") Integer steps;
    @Option(names = "--batch", defaultValue = "16", description = "Sequences per step (default: ${DEFAULT-VALUE}).") int batch;
    @Option(names = "--seq-len", description = "Tokens per training sequence (default: --ctx).") Integer seqLen;
    @Option(names = "--lr", defaultValue = "3e-3", description = "Peak learning rate (default: ${DEFAULT-VALUE}).") double lr;
    @Option(names = "--min-lr", defaultValue = "0.1", description = "Final learning rate as a fraction of the peak (default: ${DEFAULT-VALUE}).") double minLr;
    @Option(names = "--warmup", defaultValue = "100", description = "Warm-up steps (default: ${DEFAULT-VALUE}).") int warmup;
    @Option(names = "--decay", defaultValue = "cosine", description = "cosine or linear (default: ${DEFAULT-VALUE}).") String decay;
    @Option(names = "--weight-decay", defaultValue = "0.1") double weightDecay;
    @Option(names = "--clip", defaultValue = "1.0", description = "Global gradient-norm clip, 0 for none (default: ${DEFAULT-VALUE}).") double clip;
    @Option(names = "--quantization", defaultValue = "full", description = "full (BitNet b1.58), weights, or none (float baseline) (default: ${DEFAULT-VALUE}).")
    String quantization;
    @Option(names = "--seed", defaultValue = "1") long seed;
    @Option(names = "--threads", defaultValue = "2", description = "Worker threads (default: ${DEFAULT-VALUE}).") int threads;

    @Option(names = "--held-out-every", defaultValue = "20", description = "Hold out every N-th block of 100 lines (default: ${DEFAULT-VALUE}, i.e. 5%).")
    int heldOutEvery;
    @Option(names = "--eval-every", defaultValue = "100") int evalEvery;
    @Option(names = "--eval-batches", defaultValue = "4") int evalBatches;
    @Option(names = "--checkpoint-every", defaultValue = "100") int checkpointEvery;
    @Option(names = "--log-every", defaultValue = "10") int logEvery;
    @Option(names = "--sample-prompt", defaultValue = "And God said", description = "Greedy continuation printed at each evaluation ('' for none).")
    String samplePrompt;
    @Option(names = "--no-export", description = "Do not write the GGUF files at the end.") boolean noExport;

    @Mixin
    DebugOption debug;

    @Override
    public Integer call() throws Exception {
        PrintWriter log = spec.commandLine().getOut();
        Files.createDirectories(out);
        long t0 = System.nanoTime();
        Corpus text = Corpus.load(corpus);
        if (Corpus.KJV.equalsIgnoreCase(corpus)) Files.writeString(out.resolve("kjv.txt"), text.text(), StandardCharsets.UTF_8);
        log.printf("corpus: %d lines, %.1f MB (%.1f s)%n", text.lines().size(), text.text().length() / 1e6, secondsSince(t0));

        Checkpoint ckpt = resume == null ? null : Checkpoint.read(resume);
        BpeVocabulary vocabulary;
        ModelConfig config;
        TrainingSettings settings;
        ModelParameters params;
        if (ckpt != null) {
            vocabulary = ckpt.vocabulary();
            config = ckpt.config();
            settings = steps == null ? ckpt.settings() : ckpt.settings().withSteps(steps);
            params = ckpt.parameters();
            log.printf("resuming %s at step %d of %d%n", resume, ckpt.step(), settings.steps());
        } else {
            settings = settings(ctx);
            config = new ModelConfig(vocab, dim, layers, heads, kvHeads, ffn, ctx, ropeTheta, 1e-5f, FfnActivation.parse(activation));
            long t1 = System.nanoTime();
            BpeTrainer bpe = new BpeTrainer(PreTokenizer.byGgufName(pre));
            for (String line : text.trainingLines(settings.heldOutEvery())) bpe.add(line + "\n");
            vocabulary = bpe.train(vocab);
            if (vocabulary.size() != vocab) {
                config = new ModelConfig(vocabulary.size(), dim, layers, heads, kvHeads, ffn, ctx, ropeTheta, 1e-5f, config.activation());
                log.printf("the corpus supports only %d tokens; using that vocabulary size%n", vocabulary.size());
            }
            log.printf("tokenizer: %d tokens, %d merges, pre-tokenizer %s (%.1f s)%n", vocabulary.size(),
                vocabulary.merges().size(), vocabulary.preTokenizer().ggufName(), secondsSince(t1));
            params = ModelParameters.initialized(config, seed);
        }
        long t2 = System.nanoTime();
        BpeEncoder encoder = new BpeEncoder(vocabulary);
        TokenStream train = TokenStream.encode(encoder, text.trainingLines(settings.heldOutEvery()));
        TokenStream heldOut = TokenStream.encode(encoder, text.heldOutLines(settings.heldOutEvery()));
        log.printf("tokens: %,d training, %,d held out (%.1f s)%n", train.size(), heldOut.size(), secondsSince(t2));
        log.printf("model: %s, %d layers, dim %d, ffn %d, heads %d/%d, ctx %d, vocab %d: %,d parameters (%,d ternary)%n",
            config.activation().architecture(), config.layers(), config.dim(), config.ffnDim(), config.heads(), config.kvHeads(),
            config.contextLength(), config.vocabSize(), config.parameterCount(), config.ternaryParameterCount());
        log.printf("training: %d steps x %d sequences x %d tokens = %,d tokens (%.1f epochs), lr %.2g, %d threads%n",
            settings.steps(), settings.batch(), settings.seqLen(), (long) settings.steps() * settings.tokensPerStep(),
            (double) settings.steps() * settings.tokensPerStep() / train.size(), settings.schedule().peak(), threads);
        log.flush();

        Path csv = out.resolve("loss.csv");
        if (ckpt == null || !Files.exists(csv)) {
            Files.writeString(csv, "step,tokens,seconds,learning_rate,train_loss,held_out_loss,tokens_per_second\n");
        }
        try (WorkerPool pool = new WorkerPool(threads)) {
            Trainer trainer = new Trainer(params, vocabulary, train, heldOut, settings, pool, out.resolve("checkpoint.bin"),
                new Progress(log, csv, encoder, params, pool, settings.quantization(), settings.evalEvery()));
            if (ckpt != null) trainer.restore(ckpt);
            Trainer.Summary sum = trainer.run();
            // A resumed run that was already complete trains no step, so it has no training loss to report.
            String trainLoss = Double.isNaN(sum.lastTrainLoss()) ? "– (no step run in this session)" : String.format(Locale.ROOT, "%.4f", sum.lastTrainLoss());
            log.printf(Locale.ROOT, "done: %d steps, %,d tokens in %.0f s of training; train loss %s, held-out loss %.4f (perplexity %.2f)%n",
                sum.steps(), sum.tokensSeen(), sum.seconds(), trainLoss, sum.lastEvaluation().heldOutLoss(),
                sum.lastEvaluation().perplexity());
            if (!noExport) export(trainer, log);
        }
        Path png = out.resolve("loss.png");
        LossCurveChart.write(csv, png, "BitNet b1.58 training: " + config.layers() + " layers, dim " + config.dim()
            + ", " + String.format(Locale.ROOT, "%,d", config.parameterCount()) + " parameters");
        log.printf("wrote %s%n", png);
        return 0;
    }

    private void export(Trainer trainer, PrintWriter log) throws IOException {
        for (GgmlType type : new GgmlType[]{GgmlType.I2_S, GgmlType.TQ2_0}) {
            GgufExporter exporter = GgufExporter.of(type);
            Path file = out.resolve("model-" + exporter.suffix() + ".gguf");
            try {
                exporter.export(trainer.trainedModel(), file);
                log.printf("wrote %s (%.2f MB)%n", file, Files.size(file) / 1e6);
            } catch (IllegalArgumentException e) {
                log.printf("skipped %s: %s%n", file.getFileName(), e.getMessage());
            }
        }
    }

    private TrainingSettings settings(int contextLength) {
        int totalSteps = steps == null ? 1500 : steps;
        int len = seqLen == null ? contextLength : seqLen;
        LearningRateSchedule.Decay d = switch (decay.toLowerCase(Locale.ROOT)) {
            case "cosine" -> LearningRateSchedule.Decay.COSINE;
            case "linear" -> LearningRateSchedule.Decay.LINEAR;
            default -> throw new IllegalArgumentException("--decay must be cosine or linear, not " + decay);
        };
        Quantization q = switch (quantization.toLowerCase(Locale.ROOT)) {
            case "full" -> Quantization.FULL;
            case "weights" -> Quantization.WEIGHTS;
            case "none" -> Quantization.NONE;
            default -> throw new IllegalArgumentException("--quantization must be full, weights or none, not " + quantization);
        };
        return new TrainingSettings(totalSteps, batch, len,
            new LearningRateSchedule(lr, Math.min(warmup, totalSteps), totalSteps, minLr, d),
            new AdamW.Settings(0.9, 0.95, 1e-8, weightDecay, clip), seed, q, heldOutEvery, evalEvery, evalBatches,
            checkpointEvery, logEvery);
    }

    private static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }

    /** Prints progress, appends to loss.csv and shows a greedy sample at each evaluation. */
    private final class Progress implements Trainer.Listener {
        private final PrintWriter log;
        private final Path csv;
        private final BpeEncoder encoder;
        private final ModelParameters params;
        private final WorkerPool pool;
        private final Quantization quantization;
        private final int evalInterval;
        private Trainer.StepReport lastStep;

        Progress(PrintWriter log, Path csv, BpeEncoder encoder, ModelParameters params, WorkerPool pool, Quantization q,
                 int evalInterval) {
            this.evalInterval = evalInterval;
            this.log = log;
            this.csv = csv;
            this.encoder = encoder;
            this.params = params;
            this.pool = pool;
            this.quantization = q;
        }

        @Override
        public void onStep(Trainer.StepReport r) {
            lastStep = r;
            log.printf(Locale.ROOT, "step %6d/%d  loss %.4f  lr %.2e  |g| %.3f  %,.0f tok/s  %.0f s%n", r.step(), r.totalSteps(),
                r.loss(), r.learningRate(), r.gradientNorm(), r.tokensPerSecond(), r.elapsedSeconds());
            log.flush();
            if (r.step() % evalInterval != 0 && r.step() != r.totalSteps()) appendCsv(r, Double.NaN);
        }

        @Override
        public void onEvaluation(Trainer.Evaluation e) {
            log.printf(Locale.ROOT, "eval  %6d  held-out loss %.4f  perplexity %.2f%n", e.step(), e.heldOutLoss(), e.perplexity());
            if (lastStep != null && lastStep.step() == e.step()) appendCsv(lastStep, e.heldOutLoss());
            if (!samplePrompt.isEmpty()) {
                // a separate model object keeps its small buffers apart from the training batch's
                var sampler = new bitnet.workbench.train.TrainableModel(params, quantization, pool);
                String s = GreedyContinuation.of(sampler, encoder, samplePrompt, 32);
                log.println("      " + s.replace("\n", "\\n"));
            }
            log.flush();
        }

        @Override
        public void onCheckpoint(Path file, int step) {
            log.printf("saved %s at step %d%n", file, step);
            log.flush();
        }

        private void appendCsv(Trainer.StepReport r, double heldOut) {
            String line = String.format(Locale.ROOT, "%d,%d,%.1f,%.6g,%.5f,%s,%.0f%n", r.step(), r.tokensSeen(), r.elapsedSeconds(),
                r.learningRate(), r.loss(), Double.isNaN(heldOut) ? "" : String.format(Locale.ROOT, "%.5f", heldOut), r.tokensPerSecond());
            try {
                Files.writeString(csv, line, StandardOpenOption.APPEND);
            } catch (IOException ex) {
                throw new java.io.UncheckedIOException("cannot append to " + csv, ex);
            }
        }
    }
}
