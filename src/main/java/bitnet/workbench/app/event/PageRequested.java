package bitnet.workbench.app.event;

import bitnet.workbench.app.page.PageId;

/** Asks the shell to bring a page to the front. */
public record PageRequested(PageId page) implements Event {
}
