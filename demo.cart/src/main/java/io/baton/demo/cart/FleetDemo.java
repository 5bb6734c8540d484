package io.baton.demo.cart;

import io.baton.demo.cart.internal.FleetDemoRun;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The fleet demo ({@code baton demo --fleet}): a ZooKeeper server in this JVM (ZooKeeper's own embedded
 * server), {@code nodes} containers as child JVMs of {@code baton.jar} each serving the example cart over
 * HTTP under load, the cart rolled 1.0.0 -> 2.0.0 -> 3.0.0 across the fleet, then the faulty 3.1.0,
 * which the canary's analysis catches and the fleet rolls back. See the module README.
 */
public final class FleetDemo {
    /**
     * @param nodes containers, 3 to 5
     * @param reportDir where report.md, the chart and requests.csv go
     * @param batonJar the jar the nodes run ({@code java -jar batonJar run ...})
     */
    public record Options(int nodes, Path reportDir, Path batonJar) {}

    private FleetDemo() {}

    /** @return true if every invariant held */
    public static boolean run(Options options, PrintStream out) throws Exception {
        return new FleetDemoRun(options, out).run();
    }
}
