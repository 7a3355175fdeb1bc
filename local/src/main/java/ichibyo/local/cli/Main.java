package ichibyo.local.cli;

import java.io.PrintWriter;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code ichibyo-local}: ichibyo on one machine, the one command-line entry point. Each subcommand is
 * a class of its own; commands of other modules (the demo) are found as {@link LocalCommand}s. Usage
 * errors (an unknown option, a missing argument) print one line and the usage and exit 2.
 */
@Command(name = "ichibyo-local", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "ichibyo on one machine: the embedded runtime, its functions and state machines.",
        synopsisSubcommandLabel = "COMMAND",
        footer = {"",
            "Commands other than up and sfn use a running 'up' (found through DIR/runtime.properties, default",
            "DIR .ichibyo/local/ at the repository root) or, when none runs, start the services for themselves.",
            "'ichibyo-local COMMAND --help' describes a command."})
public final class Main implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs {@code ichibyo-local ARGS} in this JVM and returns the exit status (2 for a usage error). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The command line with every subcommand: this module's and those found on the class path. */
    public static CommandLine commandLine() {
        CommandLine line = new CommandLine(new Main())
                .addSubcommand(new UpCommand())
                .addSubcommand(new InvokeCommand())
                .addSubcommand(new RunCommand())
                .addSubcommand(new HistoryCommand())
                .addSubcommand(new FireCommand())
                .addSubcommand(new TokenCommand())
                .addSubcommand(new EncodeCommand())
                .addSubcommand(new SfnCommand());
        for (LocalCommand command : ServiceLoader.load(LocalCommand.class)) {
            line.addSubcommand(command);
        }
        return line.addSubcommand(new CommandLine.HelpCommand()).setParameterExceptionHandler(Main::usageError);
    }

    /** A usage error: one line saying what is wrong (and what may have been meant), then the command's usage. */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        command.usage(err);
        err.flush();
        return CommandLine.ExitCode.USAGE;
    }

    /** Without a command: the usage. */
    @Override
    public Integer call() {
        spec.commandLine().usage(System.out);
        return 0;
    }

    /** The version of the jar (its manifest), when there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"ichibyo-local " + (version == null ? "(development build)" : version)};
        }
    }
}
