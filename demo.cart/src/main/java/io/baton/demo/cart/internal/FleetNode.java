package io.baton.demo.cart.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One container of the fleet demo: {@code java -jar baton.jar run --fleet ...} as a child JVM on its own
 * home, output in {@code <home>.log}; {@code ctl} for its deploy; its web front's port from {@code http.port}.
 */
final class FleetNode implements AutoCloseable {
    private static final long WAIT_MILLIS = 90_000;

    final String id;
    final Path home;
    private final Path jar;
    private final Path log;
    private final Process process;

    private FleetNode(String id, Path home, Path jar, Path log, Process process) {
        this.id = id;
        this.home = home;
        this.jar = jar;
        this.log = log;
        this.process = process;
    }

    static FleetNode start(Path jar, Path dir, String id, String zookeeper, String fleetPath, URI repo, String zone) throws IOException {
        Path home = dir.resolve(id);
        Path log = dir.resolve(id + ".log");
        List<String> command = java(jar, "run", "--no-console", "--home", home.toString(), "--repo", repo.toString(),
                "--fleet", zookeeper, "--fleet-path", fleetPath, "--node", id, "--label", "zone=" + zone, "--fleet-session-timeout", "5s");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        return new FleetNode(id, home, jar, log, p);
    }

    private static List<String> java(Path jar, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** Waits for the control channel, then {@code ctl baton:deploy}. */
    void deploy(String bundles) throws IOException, InterruptedException {
        await("control channel", () -> Files.exists(home.resolve("ctl.port")));
        Process ctl = new ProcessBuilder(java(jar, "ctl", "--home", home.toString(), "baton:deploy " + bundles))
                .redirectErrorStream(true).start();
        String output = new String(ctl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ctl.waitFor(60, TimeUnit.SECONDS) || ctl.exitValue() != 0) {
            throw new IOException("Node " + id + ": baton:deploy " + bundles + " failed: " + output.strip());
        }
    }

    /** @return the web front's address, once the node wrote its {@code http.port} */
    URI web() throws IOException, InterruptedException {
        Path port = home.resolve("http.port");
        await("http.port", () -> Files.exists(port) && !Files.readString(port).isBlank());
        return URI.create("http://127.0.0.1:" + Files.readString(port, StandardCharsets.UTF_8).strip());
    }

    private interface Check {
        boolean ok() throws IOException;
    }

    private void await(String what, Check check) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (!check.ok()) {
            if (!process.isAlive()) {
                throw new IOException("Node " + id + " exited with " + process.exitValue() + " before its " + what + "; see " + log);
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IOException("Node " + id + ": no " + what + " within " + WAIT_MILLIS + " ms; see " + log);
            }
            Thread.sleep(100);
        }
    }

    /** SIGTERM (the container stops in order), then SIGKILL if it takes too long. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
