package bitnet.workbench.app.inspector;

import javafx.scene.Node;

import java.io.IOException;
import java.nio.file.Path;

/** Saves a chart card of the Inspect view (found by its node) without a file dialog, e.g. for scripts and tests. */
public final class InspectExports {
    private InspectExports() {
    }

    public static void png(Node chartCard, Path target) throws IOException {
        card(chartCard).exportPng(target);
    }

    public static void csv(Node chartCard, Path target) throws IOException {
        card(chartCard).exportCsv(target);
    }

    /** The CSV text a card would save. */
    public static String csv(Node chartCard) {
        return card(chartCard).csv();
    }

    private static ChartCard card(Node n) {
        if (n instanceof ChartCard c) return c;
        throw new IllegalArgumentException(n + " is not a chart of the Inspect view");
    }
}
