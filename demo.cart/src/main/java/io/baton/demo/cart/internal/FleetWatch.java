package io.baton.demo.cart.internal;

import io.baton.fleet.agent.NodeInfo;
import io.baton.fleet.agent.NodeProgress;
import io.baton.fleet.agent.RolloutClient;
import io.baton.fleet.agent.RolloutStatus;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Samples the fleet every 250 ms while the demo runs: each node's cart version (for the timeline
 * chart), and the running rollout's state and node phases, printed as a live line whenever they change,
 * with the load's requests and failures per node since the last line.
 */
final class FleetWatch implements AutoCloseable {
    static final String CART = "io.baton.example.cart.impl";
    private static final long SAMPLE_MILLIS = 250;

    /** A node's cart version at a moment ({@code seconds} since the demo began). */
    record Sample(double seconds, String node, String version) {}

    private final RolloutClient client;
    private final Map<String, LoadGenerator> loads;
    private final long origin;
    private final PrintStream out;
    final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;
    private volatile boolean closed;

    FleetWatch(RolloutClient client, Map<String, LoadGenerator> loads, long origin, PrintStream out) {
        this.client = client;
        this.loads = loads;
        this.origin = origin;
        this.out = out;
        this.thread = new Thread(this::loop, "fleet-demo-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        String last = "";
        long lastLine = 0;
        while (!closed) {
            try {
                double t = (System.nanoTime() - origin) / 1e9;
                Map<String, NodeInfo> nodes = client.nodes();
                nodes.forEach((id, info) -> samples.add(new Sample(t, id, info.managed.get(CART))));
                String line = rolloutLine();
                if (!line.equals(last) || System.currentTimeMillis() - lastLine > 5000) {
                    out.printf("  [%5.1f s] %s | %s%n", t, line, load());
                    last = line;
                    lastLine = System.currentTimeMillis();
                }
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                out.println("  (fleet not readable: " + e.getMessage() + ")");
            }
        }
    }

    private String rolloutLine() {
        if (client.history().isEmpty()) {
            return "no rollout yet";
        }
        RolloutStatus s = client.status(null);
        String phases = s.rollout.nodes.stream().map(n -> {
            NodeProgress p = s.progress.get(n);
            NodeInfo info = s.nodes.get(n);
            return n + " " + (p == null ? "-" : p.phase) + " " + (info == null ? "(away)" : info.managed.get(CART));
        }).collect(Collectors.joining(", "));
        return s.rollout.id + " -> " + String.join(",", s.rollout.targets).replace(CART + "@", "cart ") + " " + s.rollout.state
                + " step " + Math.min(s.rollout.currentStep + 1, s.rollout.steps.size()) + "/" + s.rollout.steps.size() + ": " + phases;
    }

    private String load() {
        return loads.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().requests() + " req " + e.getValue().failures() + " failed")
                .collect(Collectors.joining(", "));
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        thread.interrupt();
        thread.join(3000);
    }
}
