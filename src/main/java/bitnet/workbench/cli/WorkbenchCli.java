package bitnet.workbench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command-line tool: one picocli subcommand per verb. */
@Command(name = "workbench", mixinStandardHelpOptions = true, version = "BitNet Workbench 0.1",
    description = "BitNet Workbench: look inside, run and measure 1.58-bit (ternary) GGUF models.",
    subcommands = {
        CommandLine.HelpCommand.class,
        InfoCommand.class,
        SynthCommand.class,
        QuantizeCommand.class,
        GenerateCommand.class,
        HeadCheckCommand.class,
        ChatCommand.class,
        TrainCommand.class,
        BenchCommand.class,
        InspectCommand.class,
    })
public final class WorkbenchCli implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new WorkbenchCli());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(new PlainErrorHandler());
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("error: " + ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return 2;
        });
        return cl;
    }

    public static int run(String... args) {
        return commandLine().execute(args);
    }
}
