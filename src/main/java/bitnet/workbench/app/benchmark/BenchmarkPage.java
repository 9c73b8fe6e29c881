package bitnet.workbench.app.benchmark;

import bitnet.workbench.app.page.Page;
import bitnet.workbench.app.page.PageId;
import bitnet.workbench.app.page.PlaceholderView;
import javafx.scene.Node;

/** Measure the model. A placeholder until the bench package lands. */
public final class BenchmarkPage implements Page {
    private final Node view = PlaceholderView.create(PageId.BENCHMARK,
        "Measure the model: sweeps over thread counts and kernel variants with tokens per second, "
            + "time to first token, latency percentiles and resident memory, charted live and exported as CSV or JSON.");

    @Override
    public PageId id() {
        return PageId.BENCHMARK;
    }

    @Override
    public Node view() {
        return view;
    }
}
