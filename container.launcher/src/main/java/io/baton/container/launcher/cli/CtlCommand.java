package io.baton.container.launcher.cli;

import io.baton.container.launcher.internal.ControlClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code baton ctl}: run Gogo commands in the container running on a home, through its control channel. */
@Command(name = "ctl", mixinStandardHelpOptions = true,
        description = {"Send Gogo commands to the Baton container running on a home and print its answer.",
                "Exits 0, or 1 at the first failing command with the error on stderr, or 2 if no container answers."})
final class CtlCommand implements Callable<Integer> {
    @Mixin
    HomeOptions home;

    @Parameters(arity = "1", paramLabel = "COMMANDS", description = "Gogo commands; statements separated by newlines or ';'")
    String commands;

    @Override
    public Integer call() {
        ControlClient.Answer answer = ControlClient.send(home.home, commands, 600_000);
        System.out.print(answer.output());
        System.err.print(answer.error());
        switch (answer.status()) {
            case 0:
                return 0;
            case 1:
                return BatonCli.EXIT_FAILED;
            default:
                return BatonCli.EXIT_USAGE;
        }
    }
}
