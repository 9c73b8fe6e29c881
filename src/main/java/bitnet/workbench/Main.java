package bitnet.workbench;

import bitnet.workbench.app.WorkbenchApp;
import bitnet.workbench.cli.WorkbenchCli;

import java.util.Arrays;
import java.util.List;

/**
 * Entry point: no arguments (or {@code gui [MODEL]}) opens the window; {@code --smoke [MODEL]} checks
 * the installation without a window; {@code --cli ARGS} and anything else is a command-line command.
 * This class must not extend {@code Application}: JavaFX on the class path refuses to start such a
 * main class.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("gui")) {
            WorkbenchApp.launchApp(args.length == 0 ? args : rest(args));
            return;
        }
        if (args[0].equals("--smoke")) {
            System.exit(SmokeRun.run(List.of(rest(args)), System.out, System.err));
        }
        // --cli lets the window's launcher in an installed image reach every command, "gui" included.
        System.exit(WorkbenchCli.run(args[0].equals("--cli") ? rest(args) : args));
    }

    private static String[] rest(String[] args) {
        return Arrays.copyOfRange(args, 1, args.length);
    }
}
