package bitnet.workbench.model;

import java.util.Objects;

/** A {@link Sequence} of a {@link TransformerModel}: its position, KV cache and working buffers. */
public final class TransformerSequence implements Sequence {
    private final TransformerModel model;
    private final Workspace workspace;
    private ForwardProbe probe;
    private int position;

    TransformerSequence(TransformerModel model) {
        this.model = model;
        this.workspace = new Workspace(model.config());
    }

    @Override
    public int position() { return position; }

    @Override
    public void append(int[] tokens, int offset, int count, float[] lastLogits) {
        model.ensureOpen();
        Objects.checkFromIndexSize(offset, count, tokens.length);
        int context = model.contextLength();
        int available = context - position;
        if (count > available) throw new ContextOverflowException(count, available, context);
        int vocab = model.vocabSize();
        for (int i = 0; i < count; i++) {
            int id = tokens[offset + i];
            if (id < 0 || id >= vocab) throw new IllegalArgumentException("token id " + id + " at index " + (offset + i) + " is outside the vocabulary of " + vocab);
        }
        if (lastLogits != null && lastLogits.length < vocab) {
            throw new IllegalArgumentException("the logits array holds " + lastLogits.length + " values but the vocabulary has " + vocab);
        }
        ForwardPass forward = model.forward();
        int done = 0;
        while (done < count) {
            int n = Math.min(Workspace.MAX_BATCH, count - done);
            boolean last = done + n == count;
            forward.run(workspace, tokens, offset + done, n, position, last ? lastLogits : null, probe);
            position += n;
            done += n;
        }
    }

    @Override
    public void truncate(int newPosition) {
        if (newPosition < 0 || newPosition > position) {
            throw new IllegalArgumentException("cannot truncate to position " + newPosition + "; the sequence holds " + position + " positions");
        }
        position = newPosition;
    }

    @Override
    public void setProbe(ForwardProbe probe) {
        this.probe = probe;
    }

    /** Bytes of this sequence's KV cache holding positions written so far. */
    public long kvCacheBytes() { return workspace.kv.bytes(); }

    /** Frees the KV cache (off the heap); the other buffers go with the object. */
    @Override
    public void close() {
        workspace.kv.close();
    }
}
