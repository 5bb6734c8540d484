package io.baton.container.launcher.cli;

import io.baton.container.launcher.Baton;
import io.baton.container.launcher.BatonContainer;
import io.baton.container.launcher.internal.ControlServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code baton run}: start the container and stay up until SIGTERM, Ctrl-C or a console shutdown. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Start a Baton container and keep it running.",
                "With a terminal on stdin and stdout, the Gogo console is opened (try baton:status).",
                "SIGTERM or Ctrl-C stops the framework in order.",
                "Scripts reach it with: ctl --home DIR 'COMMANDS' (loopback, token in the home)."})
final class RunCommand implements Callable<Integer> {
    @Mixin
    HomeOptions home;

    @Mixin
    RepoOptions repos;

    @Option(names = "--clean", description = "wipe the home before starting")
    boolean clean;

    @Option(names = "--no-console", description = "never open the interactive console")
    boolean noConsole;

    @Override
    public Integer call() throws Exception {
        boolean console = !noConsole && System.console() != null;
        if (!console) {
            Logging.noTerminal();
        }
        BatonContainer container = repos.apply(Baton.builder().home(home.home).clean(clean).console(console)).start();
        ControlServer control = ControlServer.start(container);
        Thread hook = new Thread(() -> {
            control.close();
            container.close();
        }, "baton-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        container.awaitStop();
        control.close();
        container.close();
        return 0;
    }
}
