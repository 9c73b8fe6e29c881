package bitnet.workbench.train;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to resume training exactly: model shape, tokenizer, settings, step, latent
 * weights and AdamW moments. Written to a temporary file in the same directory, forced to disk and
 * moved over the old checkpoint, so a crash leaves either the old or the new one, never half of one.
 */
public record Checkpoint(ModelConfig config, BpeVocabulary vocabulary, TrainingSettings settings, int step,
                         long tokensSeen, double trainingSeconds, ModelParameters parameters,
                         Map<String, AdamW.Moments> moments) {
    private static final long MAGIC = 0x424E545241494E31L; // "BNTRAIN1"
    private static final int VERSION = 1;

    public void write(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream os = java.nio.channels.Channels.newOutputStream(ch);
                 DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os, 1 << 20))) {
                writeTo(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static Checkpoint read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException("checkpoint not found: " + file);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            return readFrom(in);
        } catch (EOFException e) {
            throw new IOException("checkpoint " + file + " is truncated", e);
        } catch (IllegalArgumentException e) {
            throw new IOException("checkpoint " + file + " is invalid: " + e.getMessage(), e);
        }
    }

    private void writeTo(DataOutputStream out) throws IOException {
        out.writeLong(MAGIC);
        out.writeInt(VERSION);
        ModelConfig c = config;
        for (int v : new int[]{c.vocabSize(), c.dim(), c.layers(), c.heads(), c.kvHeads(), c.ffnDim(), c.contextLength()}) {
            out.writeInt(v);
        }
        out.writeFloat(c.ropeTheta());
        out.writeFloat(c.normEps());
        out.writeUTF(c.activation().name());
        // vocabulary
        out.writeUTF(vocabulary.preTokenizer().name());
        out.writeInt(vocabulary.bosId());
        out.writeInt(vocabulary.eosId());
        writeStrings(out, vocabulary.tokens());
        for (int t : vocabulary.tokenTypes()) out.writeInt(t);
        writeStrings(out, vocabulary.merges());
        // settings
        TrainingSettings s = settings;
        for (int v : new int[]{s.steps(), s.batch(), s.seqLen(), s.heldOutEvery(), s.evalEvery(), s.evalBatches(),
            s.checkpointEvery(), s.logEvery()}) {
            out.writeInt(v);
        }
        LearningRateSchedule lr = s.schedule();
        out.writeDouble(lr.peak());
        out.writeInt(lr.warmupSteps());
        out.writeInt(lr.totalSteps());
        out.writeDouble(lr.finalFraction());
        out.writeUTF(lr.decay().name());
        AdamW.Settings o = s.optimizer();
        for (double v : new double[]{o.beta1(), o.beta2(), o.eps(), o.weightDecay(), o.clipNorm()}) out.writeDouble(v);
        out.writeLong(s.seed());
        out.writeUTF(s.quantization().name());
        // progress
        out.writeInt(step);
        out.writeLong(tokensSeen);
        out.writeDouble(trainingSeconds);
        // tensors
        out.writeInt(parameters.all().size());
        for (Parameter p : parameters.all()) {
            out.writeUTF(p.name());
            out.writeInt(p.rows());
            out.writeInt(p.cols());
            writeFloats(out, p.values());
            AdamW.Moments m = moments.get(p.name());
            writeFloats(out, m.m());
            writeFloats(out, m.v());
        }
        out.writeLong(MAGIC);
    }

    private static Checkpoint readFrom(DataInputStream in) throws IOException {
        if (in.readLong() != MAGIC) throw new IOException("not a training checkpoint (bad magic)");
        int version = in.readInt();
        if (version != VERSION) throw new IOException("checkpoint version " + version + " is not supported (expected " + VERSION + ")");
        int[] ci = new int[7];
        for (int i = 0; i < ci.length; i++) ci[i] = in.readInt();
        float theta = in.readFloat(), eps = in.readFloat();
        FfnActivation act = FfnActivation.valueOf(in.readUTF());
        ModelConfig config = new ModelConfig(ci[0], ci[1], ci[2], ci[3], ci[4], ci[5], ci[6], theta, eps, act);
        PreTokenizer pre = PreTokenizer.valueOf(in.readUTF());
        int bos = in.readInt(), eos = in.readInt();
        List<String> tokens = readStrings(in, 1 << 22);
        int[] types = new int[tokens.size()];
        for (int i = 0; i < types.length; i++) types[i] = in.readInt();
        List<String> merges = readStrings(in, 1 << 22);
        BpeVocabulary vocab = new BpeVocabulary(tokens, types, merges, pre, bos, eos);
        int[] si = new int[8];
        for (int i = 0; i < si.length; i++) si[i] = in.readInt();
        LearningRateSchedule schedule = new LearningRateSchedule(in.readDouble(), in.readInt(), in.readInt(),
            in.readDouble(), LearningRateSchedule.Decay.valueOf(in.readUTF()));
        AdamW.Settings opt = new AdamW.Settings(in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
            in.readDouble());
        long seed = in.readLong();
        Quantization q = Quantization.valueOf(in.readUTF());
        TrainingSettings settings = new TrainingSettings(si[0], si[1], si[2], schedule, opt, seed, q, si[3], si[4], si[5],
            si[6], si[7]);
        int step = in.readInt();
        long tokensSeen = in.readLong();
        double seconds = in.readDouble();
        ModelParameters params = ModelParameters.empty(config);
        int count = in.readInt();
        if (count != params.all().size()) throw new IOException("checkpoint has " + count + " tensors, the model " + params.all().size());
        Map<String, AdamW.Moments> moments = new LinkedHashMap<>();
        for (Parameter p : params.all()) {
            String name = in.readUTF();
            int rows = in.readInt(), cols = in.readInt();
            if (!name.equals(p.name()) || rows != p.rows() || cols != p.cols()) {
                throw new IOException("checkpoint tensor " + name + " [" + rows + "x" + cols + "] where " + p + " was expected");
            }
            readFloats(in, p.values());
            AdamW.Moments m = new AdamW.Moments(new float[p.size()], new float[p.size()]);
            readFloats(in, m.m());
            readFloats(in, m.v());
            moments.put(name, m);
        }
        if (in.readLong() != MAGIC) throw new IOException("checkpoint trailer missing");
        return new Checkpoint(config, vocab, settings, step, tokensSeen, seconds, params, moments);
    }

    private static void writeStrings(DataOutputStream out, List<String> list) throws IOException {
        out.writeInt(list.size());
        for (String s : list) {
            byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeInt(b.length);
            out.write(b);
        }
    }

    private static List<String> readStrings(DataInputStream in, int max) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > max) throw new IOException("implausible string count " + n);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int len = in.readInt();
            if (len < 0 || len > 1 << 16) throw new IOException("implausible string length " + len);
            out.add(new String(in.readNBytes(len), java.nio.charset.StandardCharsets.UTF_8));
        }
        return out;
    }

    private static void writeFloats(DataOutputStream out, float[] a) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(4 * 8192).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < a.length; ) {
            buf.clear();
            int n = Math.min(8192, a.length - i);
            buf.asFloatBuffer().put(a, i, n);
            out.write(buf.array(), 0, 4 * n);
            i += n;
        }
    }

    private static void readFloats(DataInputStream in, float[] a) throws IOException {
        byte[] bytes = new byte[4 * 8192];
        for (int i = 0; i < a.length; ) {
            int n = Math.min(8192, a.length - i);
            in.readFully(bytes, 0, 4 * n);
            ByteBuffer.wrap(bytes, 0, 4 * n).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(a, i, n);
            i += n;
        }
    }
}
