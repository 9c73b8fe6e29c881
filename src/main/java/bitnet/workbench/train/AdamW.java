package bitnet.workbench.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam with decoupled weight decay (Loshchilov &amp; Hutter): {@code w -= lr·(m̂/(sqrt(v̂)+eps) + wd·w)},
 * decay only on parameters marked as decayed (matrices, not norm gains). Gradients are clipped to a
 * global L2 norm before the update.
 */
public final class AdamW {
    /** Hyperparameters; {@code clipNorm ≤ 0} disables clipping. */
    public record Settings(double beta1, double beta2, double eps, double weightDecay, double clipNorm) {
        public static Settings defaults() {
            return new Settings(0.9, 0.95, 1e-8, 0.1, 1.0);
        }
    }

    /** First and second moments of one parameter. */
    public record Moments(float[] m, float[] v) {
    }

    private final Settings settings;
    private final List<Parameter> params;
    private final Map<String, Moments> moments = new LinkedHashMap<>();
    private int step;

    public AdamW(List<Parameter> params, Settings settings) {
        this.params = params;
        this.settings = settings;
        for (Parameter p : params) moments.put(p.name(), new Moments(new float[p.size()], new float[p.size()]));
    }

    /** Number of updates applied so far. */
    public int step() {
        return step;
    }

    public Settings settings() {
        return settings;
    }

    /** The moments by parameter name (for checkpoints). */
    public Map<String, Moments> moments() {
        return moments;
    }

    /** Restores the state saved in a checkpoint. */
    public void restore(int step, Map<String, Moments> saved) {
        for (Parameter p : params) {
            Moments s = saved.get(p.name());
            if (s == null || s.m().length != p.size() || s.v().length != p.size()) {
                throw new IllegalArgumentException("checkpoint has no optimizer state of the right size for " + p.name());
            }
            Moments mine = moments.get(p.name());
            System.arraycopy(s.m(), 0, mine.m(), 0, p.size());
            System.arraycopy(s.v(), 0, mine.v(), 0, p.size());
        }
        this.step = step;
    }

    /** Global L2 norm of all gradients. */
    public double gradientNorm() {
        double ss = 0;
        for (Parameter p : params) for (float g : p.gradient()) ss += (double) g * g;
        return Math.sqrt(ss);
    }

    /** Clips, updates every parameter with learning rate {@code lr}, and returns the norm before clipping. */
    public double update(double lr, WorkerPool pool) {
        double norm = gradientNorm();
        if (!Double.isFinite(norm)) throw new IllegalStateException("gradient norm is " + norm + " at step " + step);
        float clip = settings.clipNorm() > 0 && norm > settings.clipNorm() ? (float) (settings.clipNorm() / norm) : 1f;
        step++;
        float b1 = (float) settings.beta1(), b2 = (float) settings.beta2();
        float c1 = (float) (1 - Math.pow(settings.beta1(), step));
        float c2 = (float) (1 - Math.pow(settings.beta2(), step));
        float eps = (float) settings.eps();
        float rate = (float) lr;
        for (Parameter p : params) {
            Moments mo = moments.get(p.name());
            float decay = p.decayed() ? (float) (lr * settings.weightDecay()) : 0f;
            float[] w = p.values(), g = p.gradient(), m = mo.m(), v = mo.v();
            pool.forRange(w.length, 4096, (from, to) -> {
                for (int i = from; i < to; i++) {
                    float gi = g[i] * clip;
                    m[i] = b1 * m[i] + (1 - b1) * gi;
                    v[i] = b2 * v[i] + (1 - b2) * gi * gi;
                    float mHat = m[i] / c1, vHat = v[i] / c2;
                    w[i] -= rate * mHat / ((float) Math.sqrt(vHat) + eps) + decay * w[i];
                }
            });
        }
        return norm;
    }
}
