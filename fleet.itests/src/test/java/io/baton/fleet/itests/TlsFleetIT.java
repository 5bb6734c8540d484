package io.baton.fleet.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.baton.fleet.agent.FleetConfig;
import io.baton.fleet.agent.RolloutClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.zookeeper.server.embedded.ExitHandler;
import org.apache.zookeeper.server.embedded.ZooKeeperServerEmbedded;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The fleet over TLS: a ZooKeeper server (ZooKeeper's own embedded server) with only a
 * {@code secureClientPort} on Netty, requiring client certificates; two {@code baton.jar run --fleet}
 * agents and the {@code rollout} CLI reach it with {@code --fleet-truststore} and {@code --fleet-keystore}
 * (passwords in the environment). The stores are made at test time with the JDK's keytool. The
 * agent's ZooKeeper has no native Netty transport (excluded), so this is plain Netty NIO with the JDK's TLS.
 */
public class TlsFleetIT {
    private static final String PASSWORD = "fleet-test-secret";
    private static final String[] SERVER_PROPERTIES = {"zookeeper.serverCnxnFactory", "zookeeper.ssl.keyStore.location",
        "zookeeper.ssl.keyStore.password", "zookeeper.ssl.trustStore.location", "zookeeper.ssl.trustStore.password"};

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private ZooKeeperServerEmbedded server;
    private final List<Child> children = new ArrayList<>();
    private Path dir;
    private Path keyStore;
    private Path trustStore;
    private int securePort;

    @Before
    public void tlsServer() throws Exception {
        dir = tmp.newFolder("fleet").toPath();
        keyStore = dir.resolve("fleet.p12");
        trustStore = dir.resolve("trust.p12");
        // one key pair for the server and the clients (SAN 127.0.0.1: the client verifies the host name), trusted by both
        keytool("-genkeypair", "-alias", "fleet", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=baton-fleet-test",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-alias", "fleet", "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-file", dir.resolve("fleet.crt").toString());
        keytool("-importcert", "-noprompt", "-alias", "fleet", "-file", dir.resolve("fleet.crt").toString(), "-storetype", "PKCS12",
                "-keystore", trustStore.toString(), "-storepass", PASSWORD);

        // ZooKeeper's TLS server settings are system properties (its Netty factory reads them from there)
        System.setProperty("zookeeper.serverCnxnFactory", "org.apache.zookeeper.server.NettyServerCnxnFactory");
        System.setProperty("zookeeper.ssl.keyStore.location", keyStore.toString());
        System.setProperty("zookeeper.ssl.keyStore.password", PASSWORD);
        System.setProperty("zookeeper.ssl.trustStore.location", trustStore.toString());
        System.setProperty("zookeeper.ssl.trustStore.password", PASSWORD);
        securePort = Ports.free();
        Properties config = new Properties();
        config.setProperty("secureClientPort", Integer.toString(securePort));
        config.setProperty("secureClientPortAddress", "127.0.0.1");
        config.setProperty("tickTime", "500");
        config.setProperty("admin.enableServer", "false");
        Files.createDirectories(dir.resolve("zk"));
        server = ZooKeeperServerEmbedded.builder().baseDir(dir.resolve("zk")).configuration(config).exitHandler(ExitHandler.LOG_ONLY).build();
        server.start();
        FleetRig.await("the TLS port listening", () -> {
            try (java.net.Socket probe = new java.net.Socket("127.0.0.1", securePort)) {
                return true;
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }

    @After
    public void stop() throws Exception {
        children.forEach(c -> c.process.destroyForcibly());
        if (server != null) {
            server.close();
        }
        for (String p : SERVER_PROPERTIES) {
            System.clearProperty(p);
        }
    }

    private List<String> tls(List<String> args) {
        List<String> full = new ArrayList<>(args);
        full.addAll(List.of("--fleet", "127.0.0.1:" + securePort, "--fleet-path", "/tls", "--fleet-connect-timeout", "20s",
                "--fleet-truststore", trustStore.toString(), "--fleet-keystore", keyStore.toString()));
        return full;
    }

    private static Map<String, String> passwords() {
        return Map.of("BATON_FLEET_TRUSTSTORE_PASSWORD", PASSWORD, "BATON_FLEET_KEYSTORE_PASSWORD", PASSWORD);
    }

    @Test
    public void agentsAndTheRolloutCliWorkOverTlsAndAClientWithoutTheTrustStoreIsRefused() throws Exception {
        // two containers join over TLS and serve the cart 1.0.0
        for (String id : List.of("t1", "t2")) {
            Path home = dir.resolve(id);
            children.add(Child.start(dir, id, tls(List.of("run", "--no-console", "--home", home.toString(), "--repo", FleetRig.INDEX,
                    "--node", id, "--fleet-session-timeout", "3s")), passwords()));
        }
        for (String id : List.of("t1", "t2")) {
            deploy(id);
        }
        FleetConfig config = new FleetConfig().connectString("127.0.0.1:" + securePort).path("/tls")
                .clientProperty("zookeeper.client.secure", "true")
                .clientProperty("zookeeper.clientCnxnSocket", "org.apache.zookeeper.ClientCnxnSocketNetty")
                .clientProperty("zookeeper.ssl.trustStore.location", trustStore.toString())
                .clientProperty("zookeeper.ssl.trustStore.password", PASSWORD)
                .clientProperty("zookeeper.ssl.keyStore.location", keyStore.toString())
                .clientProperty("zookeeper.ssl.keyStore.password", PASSWORD);
        try (RolloutClient client = RolloutClient.connect(config)) {
            FleetRig.await("two registrations over TLS", () -> client.nodes().size() == 2);
        }

        // the rollout CLI over TLS: a rollout to 2.0.0 completes (exit 0 with --wait), status shows both nodes on it
        Child start = Child.run(dir, "start", tls(List.of("rollout", "start", "--wait", "--canary", "0", "--batch", "2",
                "--probation", "1s", "--min-calls", "0", "io.baton.example.cart.impl@2.0.0")), passwords());
        assertEquals(start.toString(), 0, start.exit());
        assertTrue(start.out(), start.out().contains("COMPLETED") && start.out().contains("t1") && start.out().contains("t2"));
        Child status = Child.run(dir, "status", tls(List.of("rollout", "status", "--json")), passwords());
        assertEquals(status.toString(), 0, status.exit());
        assertTrue(status.out(), status.out().contains("\"io.baton.example.cart.impl\" : \"2.0.0\""));

        // without the trust store (plain TCP to the TLS port): no server answers, exit 2 within the connect timeout
        Child plain = Child.run(dir, "plain", List.of("rollout", "status", "--fleet", "127.0.0.1:" + securePort, "--fleet-path", "/tls",
                "--fleet-connect-timeout", "3s"));
        assertEquals(plain.toString(), 2, plain.exit());
        assertTrue(plain.err(), plain.err().contains("No ZooKeeper server answered at 127.0.0.1:" + securePort));
    }

    private void deploy(String id) throws Exception {
        Path home = dir.resolve(id);
        FleetRig.await(id + " control channel", () -> Files.exists(home.resolve("ctl.port")));
        Child deploy = Child.run(dir, "deploy-" + id, List.of("ctl", "--home", home.toString(),
                "baton:deploy io.baton.example.cart.api io.baton.example.cart.impl@1.0.0"));
        assertEquals(deploy.toString(), 0, deploy.exit());
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new AssertionError("keytool " + command + ": " + out);
        }
    }
}
