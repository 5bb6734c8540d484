package io.baton.demo.cart.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks the loopback port of the demo's web front. */
final class Ports {
    private Ports() {}

    /**
     * @param requested the port asked for, or 0 for any free one
     * @return {@code requested} if it is free on loopback, else a free port (and says so on {@code out})
     */
    static int choose(int requested, PrintStream out) throws IOException {
        if (requested != 0) {
            try (ServerSocket probe = new ServerSocket(requested, 1, InetAddress.getLoopbackAddress())) {
                return requested;
            } catch (IOException inUse) {
                int other = free();
                out.println("Port " + requested + " is in use (" + inUse.getMessage() + "); using " + other + " instead");
                return other;
            }
        }
        return free();
    }

    private static int free() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
