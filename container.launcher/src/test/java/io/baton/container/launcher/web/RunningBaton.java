package io.baton.container.launcher.web;

import static org.junit.Assert.assertEquals;

import io.baton.container.launcher.ChildJvm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code baton.jar run} in a child JVM, as an operator starts it (HTTP on loopback and a free port), with
 * what the tests need: its token and HTTP address (read from the files it writes into its home),
 * {@code ctl}, and HTTP calls with or without the token. Closing sends SIGTERM and waits.
 */
final class RunningBaton implements AutoCloseable {
    private static final Path JAR = Path.of(System.getProperty("baton.jar", "target/baton.jar")).toAbsolutePath();

    private final Path dir;
    private final Path home;
    private final ChildJvm child;
    final String token;
    final URI http;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private RunningBaton(Path dir, Path home, ChildJvm child, String token, URI http) {
        this.dir = dir;
        this.home = home;
        this.child = child;
        this.token = token;
        this.http = http;
    }

    /**
     * Starts a container on a fresh home under {@code dir} with the example index as its repository.
     *
     * @param options more {@code run} options, e.g. {@code --fleet ...}
     */
    static RunningBaton start(Path dir, String... options) throws Exception {
        Path home = Files.createTempDirectory(dir, "home");
        String index = Path.of(System.getProperty("baton.index", "../example.bundles/example.index/target/index.xml")).toUri().toString();
        List<String> args = new java.util.ArrayList<>(List.of("-jar", JAR.toString(), "run", "--home", home.toString(), "--no-console", "--repo", index));
        args.addAll(List.of(options));
        ChildJvm child = ChildJvm.start(dir, args);
        try {
            child.awaitText("Dashboard on http://127.0.0.1:", 90);
            String token = Files.readString(home.resolve("ctl.token"), StandardCharsets.US_ASCII).strip();
            int port = Integer.parseInt(Files.readString(home.resolve("http.port"), StandardCharsets.US_ASCII).strip());
            return new RunningBaton(dir, home, child, token, URI.create("http://127.0.0.1:" + port + "/"));
        } catch (Exception | AssertionError e) {
            child.kill();
            throw e;
        }
    }

    /** Runs {@code baton.jar ctl} against this container; fails the test unless it exits 0. */
    String ctl(String commands) throws Exception {
        ChildJvm.Result r = ChildJvm.start(dir, List.of("-jar", JAR.toString(), "ctl", "--home", home.toString(), commands)).await(120);
        assertEquals(commands + "\n" + r, 0, r.exit);
        return r.out;
    }

    /** Runs {@code baton.jar} with {@code args} (e.g. {@code rollout ...}) and returns what it did. */
    ChildJvm.Result baton(List<String> args) throws Exception {
        List<String> full = new java.util.ArrayList<>(List.of("-jar", JAR.toString()));
        full.addAll(args);
        return ChildJvm.start(dir, full).await(120);
    }

    /** A jar of the example application, as the build left it. */
    static String example(String module, String version) {
        Path examples = Path.of(System.getProperty("baton.examples", "../example.bundles"));
        return examples.resolve(module + "/target/" + module + "-" + version + ".jar").toAbsolutePath().toString();
    }

    URI baton(String path) {
        return http.resolve("/baton/" + path);
    }

    /** GET with {@code Authorization: Bearer <token>} (or the given header value; null for none). */
    HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(baton(path)).GET(), authorization);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(path, "Bearer " + token);
    }

    /** POST of a JSON body with the given {@code Authorization} value (null for none). */
    HttpResponse<String> post(String path, String json, String authorization) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(baton(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), authorization);
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return post(path, json, "Bearer " + token);
    }

    HttpResponse<String> send(HttpRequest.Builder request, String authorization) throws IOException, InterruptedException {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The container's log so far, for failure messages. */
    String log() throws IOException {
        return child.err();
    }

    @Override
    public void close() throws Exception {
        child.process.destroy(); // SIGTERM: the framework stops in order
        if (!child.process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            child.kill();
        }
    }
}
