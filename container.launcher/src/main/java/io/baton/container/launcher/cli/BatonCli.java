package io.baton.container.launcher.cli;

import io.baton.container.launcher.BatonHomeException;
import io.baton.fleet.agent.cli.RolloutCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar baton.jar <command>}.
 *
 * <p>Exit codes: 0 success; 1 a command or the container failed; 2 bad usage or an unusable home
 * (a file, not writable, or held by another container).
 */
@Command(
        name = "baton",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Baton: an OSGi container that hot-swaps bundles under load.",
        exitCodeListHeading = "%nExit codes (each command lists its own):%n",
        exitCodeList = {"0:success", "1:a command, a swap, a rollback or a check failed", "2:bad usage, no container answers, or the home is in use",
            "130:run stopped by Ctrl-C (SIGINT)", "143:run stopped by SIGTERM (the framework stopped in order first)"},
        subcommands = {RunCommand.class, ExecCommand.class, CtlCommand.class, DemoCommand.class, RolloutCommand.class,
                CommandLine.HelpCommand.class})
public final class BatonCli {
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI without exiting the JVM (for tests and wrappers). */
    public static int execute(String... args) {
        Logging.configure();
        CommandLine cli = new CommandLine(new BatonCli());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("baton: " + e.getMessage());
            return e instanceof BatonHomeException ? EXIT_USAGE : EXIT_FAILED;
        });
        cli.setParameterExceptionHandler((e, badArgs) -> {
            // Always the usage text after the error, also for an unknown command.
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("baton: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, cmd.getErr());
            cmd.usage(cmd.getErr());
            return EXIT_USAGE;
        });
        return cli.execute(args);
    }
}
