package io.baton.container.launcher.cli;

import io.baton.container.launcher.Baton;
import io.baton.container.launcher.BatonContainer;
import io.baton.container.launcher.internal.GogoSession;
import io.baton.container.launcher.internal.ScriptSplitter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code baton exec}: start the container, run Gogo statements one at a time, print each result,
 * stop at the first failure, stop the container.
 */
@Command(name = "exec", mixinStandardHelpOptions = true,
        description = {"Start a Baton container, run Gogo commands, print each result, and stop.",
                "A swap or plan REFUSED or ABORTED and a rollback FAILED are failed commands: the report on stdout, the cause on stderr."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every command succeeded", "1:a command failed (Gogo's error on stderr; later commands are not run)",
            "2:bad options, a bad --set, or a home in use or not usable"})
final class ExecCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HomeOptions home;

    static final class Source {
        @Option(names = "-c", paramLabel = "COMMANDS", required = true,
                description = "Gogo commands; statements are separated by newlines or ';'")
        String commands;

        @Option(names = "--script", paramLabel = "FILE", required = true, description = "a file of Gogo commands")
        Path script;
    }

    @Mixin
    RepoOptions repos;

    @ArgGroup(multiplicity = "1")
    Source source;

    @Mixin
    SettingsOptions settings;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "bound on the wait for the container and its commands (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        if (timeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--timeout must be at least 1 second, was " + timeoutSeconds);
        }
        String settingsProblem = settings.problem();
        if (settingsProblem != null) {
            throw new ParameterException(spec.commandLine(), settingsProblem);
        }
        List<String> statements = ScriptSplitter.split(script());
        Logging.noTerminal();
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        // Gogo redirects System.out per session: hand it the real descriptors, never System.out itself.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        try (BatonContainer container = repos.apply(Baton.builder().home(home.home).startTimeout(timeout)).start()) {
            container.awaitCommands(timeout);
            try {
                settings.apply(container);
            } catch (RuntimeException e) {
                err.println("baton: --set: " + e.getMessage());
                return BatonCli.EXIT_USAGE;
            }
            try (GogoSession session = container.openSession(out, err)) {
                for (String statement : statements) {
                    String result;
                    try {
                        result = session.execute(statement);
                    } catch (Exception e) {
                        out.flush();
                        err.println("baton: command failed: " + statement);
                        err.println(GogoSession.describe(e));
                        return BatonCli.EXIT_FAILED;
                    }
                    if (result != null) {
                        out.println(result);
                    }
                }
            }
        }
        return 0;
    }

    private String script() {
        if (source.commands != null) {
            return source.commands;
        }
        Path file = source.script;
        if (!Files.isRegularFile(file)) {
            throw new ParameterException(spec.commandLine(), "Script file " + file + " does not exist or is not a file");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "Script file " + file + " cannot be read: " + e.getMessage());
        }
    }
}
