package io.baton.container.launcher.cli;

import io.baton.container.launcher.Baton;
import io.baton.container.launcher.BatonContainer;
import io.baton.container.launcher.internal.ControlServer;
import io.baton.container.launcher.internal.FleetWiring;
import io.baton.fleet.agent.FleetAgent;
import io.baton.fleet.agent.FleetConfig;
import io.baton.fleet.agent.FleetException;
import io.baton.fleet.agent.cli.AgentOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code baton run}: start the container and stay up until SIGTERM, Ctrl-C or a console shutdown. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Start a Baton container and keep it running.",
                "With a terminal on stdin and stdout, the Gogo console is opened (try baton:status).",
                "SIGTERM or Ctrl-C stops the framework in order.",
                "Scripts reach it with: ctl --home DIR 'COMMANDS' (loopback, token in the home).",
                "With --fleet, the container joins a fleet (ZooKeeper) and takes part in its rollouts (see rollout --help)."})
final class RunCommand implements Callable<Integer> {
    @Mixin
    HomeOptions home;

    @Mixin
    RepoOptions repos;

    @Option(names = "--clean", description = "wipe the home before starting")
    boolean clean;

    @Option(names = "--no-console", description = "never open the interactive console")
    boolean noConsole;

    @Mixin
    AgentOptions fleet;

    @Override
    public Integer call() throws Exception {
        FleetConfig fleetConfig;
        try {
            fleetConfig = fleet.enabled() ? fleet.config() : null;
        } catch (FleetException e) {
            System.err.println("baton: " + e.getMessage());
            return e.exitCode();
        }
        boolean console = !noConsole && System.console() != null;
        if (!console) {
            Logging.noTerminal();
        }
        BatonContainer container = repos.apply(Baton.builder().home(home.home).clean(clean).console(console)).start();
        ControlServer control = ControlServer.start(container);
        FleetAgent agent;
        try {
            agent = fleetConfig == null ? null : FleetWiring.start(container, fleetConfig);
        } catch (FleetException e) {
            control.close();
            container.close();
            System.err.println("baton: " + e.getMessage());
            return e.exitCode();
        }
        Thread hook = new Thread(() -> stop(agent, control, container), "baton-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        container.awaitStop();
        stop(agent, control, container);
        return 0;
    }

    /** The agent first: it must not drive a container that is stopping. */
    private static synchronized void stop(FleetAgent agent, ControlServer control, BatonContainer container) {
        if (agent != null) {
            agent.close();
        }
        control.close();
        container.close();
    }
}
