package bitnet.workbench.inspect;

import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.gguf.GgufTensorInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Computes the statistics of every tensor of a file, reporting each tensor as soon as it is done,
 * or hands back the cached ones (reporting them all at once). Runs on the caller's thread, which
 * must not be the UI thread; interrupting it cancels the scan with a
 * {@link java.util.concurrent.CancellationException}.
 */
public final class StatisticsScan {
    private static final Logger LOG = LoggerFactory.getLogger(StatisticsScan.class);

    /** Receives each finished tensor; {@code done} of {@code total} tensors are finished. */
    public interface Listener {
        void tensorDone(TensorStats stats, int done, int total);
    }

    /** The statistics and whether they came from the cache. */
    public record Outcome(ModelStatistics statistics, boolean fromCache) {
    }

    private StatisticsScan() {
    }

    /** Scans {@code file}; {@code cache} may be null (nothing is read or stored then). */
    public static Outcome run(GgufFile file, StatisticsCache cache, Listener listener) throws IOException {
        CacheKey key = CacheKey.of(file);
        String name = file.path().getFileName().toString();
        if (cache != null) {
            Optional<ModelStatistics> hit = cache.load(file.path(), key);
            if (hit.isPresent()) {
                List<TensorStats> ts = hit.get().tensors();
                for (int i = 0; i < ts.size(); i++) listener.tensorDone(ts.get(i), i + 1, ts.size());
                return new Outcome(hit.get(), true);
            }
        }
        List<GgufTensorInfo> infos = file.tensors();
        List<TensorStats> done = new ArrayList<>(infos.size());
        for (GgufTensorInfo t : infos) {
            TensorStats s = TensorStatistics.compute(file, t);
            done.add(s);
            listener.tensorDone(s, done.size(), infos.size());
        }
        ModelStatistics stats = new ModelStatistics(name, key, done);
        if (cache != null) {
            try {
                cache.store(file.path(), stats);
            } catch (IOException e) {
                LOG.warn("Could not cache the statistics of {} in {}: {}", file.path(), cache.dir(), e.getMessage());
            }
        }
        return new Outcome(stats, false);
    }
}
