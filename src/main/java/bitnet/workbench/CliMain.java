package bitnet.workbench;

import bitnet.workbench.cli.WorkbenchCli;

/**
 * Entry point of the installed image's second launcher, {@code bitnet-workbench-cli}: the
 * command-line tool only (a console program on Windows), never the window.
 */
public final class CliMain {
    private CliMain() {
    }

    public static void main(String[] args) {
        System.exit(WorkbenchCli.run(args));
    }
}
