package io.baton.container.launcher.cli;

import io.baton.container.launcher.internal.ControlClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code baton ctl}: run Gogo commands in the container running on a home, through its control channel. */
@Command(name = "ctl", mixinStandardHelpOptions = true,
        description = {"Send Gogo commands to the Baton container running on a home and print its answer.",
                "Each end proves it knows the home's token (never sent); a listener that cannot is refused before anything is sent."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every command succeeded", "1:a command failed (the error on stderr; later commands are not run)",
            "2:no container answers on the home, the listener is not its container, or the request was refused"})
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
