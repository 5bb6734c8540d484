package io.baton.container.launcher.cli;

import io.baton.container.launcher.Baton;
import io.baton.container.launcher.BatonContainer;
import io.baton.container.launcher.BatonException;
import io.baton.container.launcher.internal.ControlServer;
import io.baton.container.launcher.internal.FleetWiring;
import io.baton.container.launcher.internal.HttpEndpoint;
import io.baton.fleet.agent.FleetAgent;
import io.baton.fleet.agent.FleetConfig;
import io.baton.fleet.agent.FleetException;
import io.baton.fleet.agent.cli.AgentOptions;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code baton run}: start the container and stay up until SIGTERM, Ctrl-C or a console shutdown. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Start a Baton container and keep it running.",
                "With a terminal on stdin and stdout, the Gogo console is opened (try baton:status).",
                "SIGTERM or Ctrl-C stops the framework in order.",
                "Scripts reach it with: ctl --home DIR 'COMMANDS' (loopback, token in the home).",
                "The dashboard, REST API and Prometheus metrics: http://HOST:PORT/baton/, opened with the same token.",
                "HOST:PORT is loopback and a free port by default; the port in use is written to <home>/http.port.",
                "With --fleet, the container joins a fleet (ZooKeeper) and takes part in its rollouts (see rollout --help)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped from the console (shutdown)", "1:the container or its HTTP runtime failed to start",
            "2:bad options, a home in use or not usable, a bad --set, the fleet unreachable",
            "130:stopped by Ctrl-C (SIGINT), in order", "143:stopped by SIGTERM, in order (the framework stops, the control files go)"})
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
    HttpOptions http;

    @Mixin
    SettingsOptions settings;

    @Mixin
    AgentOptions fleet;

    @Spec
    CommandSpec spec;

    /** Bound on the wait for the HTTP runtime to listen. */
    private static final Duration HTTP_READY = Duration.ofSeconds(30);

    @Override
    public Integer call() throws Exception {
        FleetConfig fleetConfig;
        try {
            fleetConfig = fleet.enabled() ? fleet.config() : null;
        } catch (FleetException e) {
            System.err.println("baton: " + e.getMessage());
            return e.exitCode();
        }
        String httpProblem = http.problem();
        if (httpProblem != null) {
            throw new ParameterException(spec.commandLine(), httpProblem);
        }
        String settingsProblem = settings.problem();
        if (settingsProblem != null) {
            throw new ParameterException(spec.commandLine(), settingsProblem);
        }
        boolean console = !noConsole && System.console() != null;
        if (!console) {
            Logging.noTerminal();
        }
        BatonContainer container = http.apply(repos.apply(Baton.builder().home(home.home).clean(clean).console(console)),
                home.home.resolve(ControlServer.TOKEN_FILE)).start();
        try {
            settings.apply(container); // before anything can drive the container
        } catch (RuntimeException e) {
            container.close();
            System.err.println("baton: --set: " + e.getMessage());
            return BatonCli.EXIT_USAGE;
        }
        ControlServer control = ControlServer.start(container);
        HttpEndpoint endpoint;
        try {
            endpoint = HttpEndpoint.publish(container, HTTP_READY);
        } catch (BatonException e) {
            control.close();
            container.close();
            System.err.println("baton: " + e.getMessage());
            return 1;
        }
        FleetAgent agent;
        try {
            agent = fleetConfig == null ? null : FleetWiring.start(container, fleetConfig);
        } catch (FleetException e) {
            endpoint.close();
            control.close();
            container.close();
            System.err.println("baton: " + e.getMessage());
            return e.exitCode();
        }
        Thread hook = new Thread(() -> stop(agent, endpoint, control, container), "baton-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        container.awaitStop();
        stop(agent, endpoint, control, container);
        return 0;
    }

    /** The agent first: it must not drive a container that is stopping. */
    private static synchronized void stop(FleetAgent agent, HttpEndpoint endpoint, ControlServer control, BatonContainer container) {
        if (agent != null) {
            agent.close();
        }
        endpoint.close();
        control.close();
        container.close();
    }
}
