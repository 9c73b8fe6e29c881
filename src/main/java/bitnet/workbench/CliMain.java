package bitnet.workbench;

import bitnet.workbench.cli.WorkbenchCli;

import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the installed image's second launcher, {@code bitnet-workbench-cli}: the
 * command-line tool and {@code --smoke}, never the window. On Windows it is the console program,
 * so this is where their output can be seen (the window's launcher has no console there).
 */
public final class CliMain {
    private CliMain() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("--smoke")) {
            System.exit(SmokeRun.run(List.of(Arrays.copyOfRange(args, 1, args.length)), System.out, System.err));
        }
        System.exit(WorkbenchCli.run(args));
    }
}
