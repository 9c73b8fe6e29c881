package bitnet.workbench.app.inspector;

import bitnet.workbench.app.page.Page;
import bitnet.workbench.app.page.PageId;
import bitnet.workbench.app.page.PlaceholderView;
import javafx.scene.Node;

/** Look inside the model. A placeholder until the inspect package lands. */
public final class InspectPage implements Page {
    private final Node view = PlaceholderView.create(PageId.INSPECT,
        "Look inside the model: histograms of the -1/0/+1 weights and their scales per tensor, "
            + "sparsity per layer, and the int8 activation scales recorded while the model runs.");

    @Override
    public PageId id() {
        return PageId.INSPECT;
    }

    @Override
    public Node view() {
        return view;
    }
}
