package io.baton.demo.cart;

import io.baton.demo.cart.internal.DemoRun;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The demo: a temporary container serving the example cart over HTTP to a load of clients, swapped
 * 1.0.0 -> 2.0.0 -> 3.0.0, then to the faulty 3.1.0, which the failure monitor must roll back on its
 * own; then the report and the verdict. See the module README.
 */
public final class CartDemo {
    /** What the command line asked for (already validated). */
    public record Options(int durationSeconds, int clients, int rate, Path reportDir, int port) {}

    private CartDemo() {}

    /**
     * @param out where the live progress, the table and the verdict go
     * @return true if every invariant held
     */
    public static boolean run(Options options, PrintStream out, DemoHost host) throws Exception {
        return new DemoRun(options, out, host).run();
    }
}
