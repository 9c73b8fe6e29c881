package bitnet.workbench.app.page;

/** The top-level views, in navigation order. */
public enum PageId {
    MODELS("Models"),
    CHAT("Chat"),
    INSPECT("Inspect"),
    BENCHMARK("Benchmark");

    private final String title;

    PageId(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
