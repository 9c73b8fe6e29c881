package bitnet.workbench.cli;

import picocli.CommandLine;

/**
 * Turns any failure of a command into one plain line on stderr and exit status 2; the stack
 * trace is printed only when the user asked for it with {@code --debug}.
 */
final class PlainErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        boolean debug = parsed.expandedArgs().contains("--debug");
        String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        cl.getErr().println("error: " + msg);
        if (debug) ex.printStackTrace(cl.getErr());
        cl.getErr().flush();
        return 2;
    }
}
