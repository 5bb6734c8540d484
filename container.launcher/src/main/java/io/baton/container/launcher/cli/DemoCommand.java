package io.baton.container.launcher.cli;

import io.baton.container.launcher.Baton;
import io.baton.container.launcher.BatonContainer;
import io.baton.demo.cart.CartDemo;
import io.baton.demo.cart.DemoHost;
import io.baton.demo.cart.FleetDemo;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code baton demo}: the example cart on a temporary container, swapped three times under HTTP load,
 * the last time to a faulty release that the failure monitor rolls back. Exit 0 if every invariant
 * held, 1 if one failed, 2 for bad usage.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the example cart under HTTP load on a temporary container, swap it and roll a faulty version back.",
                "The swaps: 1.0.0 -> 2.0.0 -> 3.0.0 -> faulty 3.1.0 (rolled back on its own); then every invariant is checked",
                "and a report written (requests.csv, the charts, index.html)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every invariant held", "1:an invariant failed (listed on stderr and in the report)", "2:bad options"})
final class DemoCommand implements Callable<Integer> {
    static final int MIN_DURATION = 10;

    @Spec
    CommandSpec spec;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "35",
            description = "how long the load runs, at least " + MIN_DURATION + " (default: ${DEFAULT-VALUE})")
    int durationSeconds;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "8", description = "concurrent HTTP clients, 1 to 256 (default: ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "1000",
            description = "requests per second of all clients together; 0 for as fast as they can (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--report", paramLabel = "DIR", defaultValue = "baton-demo-report",
            description = "where to write the report (default: ${DEFAULT-VALUE})")
    Path report;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
            description = "loopback port of the web front; 0 for any free one; a port in use is replaced by a free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--verbose", description = "log the container at INFO (default: warnings only)")
    boolean verbose;

    @Option(names = "--fleet", description = {"the fleet demo instead: a ZooKeeper server in this JVM, --nodes containers as child JVMs each serving",
            "the cart over HTTP under load, the cart rolled 1.0.0 -> 2.0.0 -> 3.0.0 across them, then the faulty 3.1.0, which the",
            "canary's analysis catches and the fleet rolls back (--duration, --clients, --rate, --port do not apply)"})
    boolean fleet;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "3", description = "with --fleet: containers, 3 to 5 (default: ${DEFAULT-VALUE})")
    int nodes;

    @Override
    public Integer call() throws Exception {
        if (fleet) {
            return fleet();
        }
        if (durationSeconds < MIN_DURATION) {
            throw new ParameterException(spec.commandLine(), "--duration must be at least " + MIN_DURATION + " seconds, was " + durationSeconds);
        }
        if (clients < 1 || clients > 256) {
            throw new ParameterException(spec.commandLine(), "--clients must be from 1 to 256, was " + clients);
        }
        if (rate < 0) {
            throw new ParameterException(spec.commandLine(), "--rate must be 0 (as fast as possible) or more, was " + rate);
        }
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be from 0 to 65535, was " + port);
        }
        PrintStream out = console();
        boolean passed = CartDemo.run(new CartDemo.Options(durationSeconds, clients, rate, report, port), out, DemoCommand::start);
        return passed ? 0 : BatonCli.EXIT_FAILED;
    }

    /** Checks the report folder, quiets the log unless --verbose, and returns the live output. */
    private PrintStream console() {
        checkWritable(report);
        if (!verbose) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        System.setProperty("java.awt.headless", "true");
        Logging.noTerminal();
        return new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    }

    /** {@code demo --fleet}: the nodes run this very jar. */
    private int fleet() throws Exception {
        if (nodes < 3 || nodes > 5) {
            throw new ParameterException(spec.commandLine(), "--nodes must be from 3 to 5, was " + nodes);
        }
        Path jar = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!Files.isRegularFile(jar)) {
            throw new ParameterException(spec.commandLine(), "--fleet runs its nodes with java -jar baton.jar; this is not running from a jar: " + jar);
        }
        PrintStream out = console();
        return FleetDemo.run(new FleetDemo.Options(nodes, report, jar), out) ? 0 : BatonCli.EXIT_FAILED;
    }

    /** The demo's container: Baton on a wiped home with the demo's properties. */
    private static DemoHost.Container start(Path home, Map<String, String> properties) {
        Baton.Builder builder = Baton.builder().home(home).clean(true);
        properties.forEach(builder::property);
        BatonContainer container = builder.start();
        return new DemoHost.Container() {
            @Override
            public Duration startupTime() {
                return container.startupTime();
            }

            @Override
            public void awaitCommands(Duration timeout) {
                container.awaitCommands(timeout);
            }

            @Override
            public String execute(String command) {
                return container.execute(command);
            }

            @Override
            public <T> T service(Class<T> type, Duration timeout) {
                return container.service(type, timeout);
            }

            @Override
            public void close() {
                container.close();
            }
        };
    }

    /** Before anything starts: a report that cannot be written is a usage error, not a failure at the end. */
    private void checkWritable(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".baton-demo-", ".probe");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new ParameterException(spec.commandLine(), "--report " + dir + " is not a writable directory: " + e);
        }
    }
}
