package bitnet.workbench;

import bitnet.workbench.app.WorkbenchApp;
import bitnet.workbench.cli.WorkbenchCli;

/**
 * Entry point: no arguments opens the window, anything else is a command-line command. This class
 * must not extend {@code Application}: JavaFX on the class path refuses to start such a main class.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || (args.length >= 1 && args[0].equals("gui"))) {
            String[] rest = args.length == 0 ? args : java.util.Arrays.copyOfRange(args, 1, args.length);
            WorkbenchApp.launchApp(rest);
            return;
        }
        System.exit(WorkbenchCli.run(args));
    }
}
