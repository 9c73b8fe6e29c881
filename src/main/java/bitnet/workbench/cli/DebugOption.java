package bitnet.workbench.cli;

import picocli.CommandLine.Option;

/** Mixin for every command: {@code --debug} shows stack traces on failure. */
public final class DebugOption {
    @Option(names = "--debug", description = "Print the stack trace when the command fails.")
    boolean debug;
}
