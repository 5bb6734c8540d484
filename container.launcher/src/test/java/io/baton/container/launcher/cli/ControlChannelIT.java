package io.baton.container.launcher.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.baton.container.launcher.BatonHomeException;
import io.baton.container.launcher.ChildJvm;
import io.baton.container.launcher.internal.ControlClient;
import io.baton.container.launcher.internal.ControlProtocol;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The control channel of a real {@code baton.jar run} under abuse from its neighbours: idle and slow
 * connections, a wrong token, an oversize request, and a listener that squats on a stale port.
 */
public class ControlChannelIT {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final List<ChildJvm> children = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();

    @After
    public void cleanUp() throws Exception {
        for (Socket s : sockets) {
            s.close();
        }
        for (ChildJvm c : children) {
            c.kill();
        }
    }

    private ChildJvm baton(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("-jar", Path.of(System.getProperty("baton.jar", "target/baton.jar")).toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ChildJvm child = ChildJvm.start(tmp.getRoot().toPath(), command);
        children.add(child);
        return child;
    }

    private Path running() throws Exception {
        Path home = tmp.newFolder("home").toPath();
        baton("run", "--home", home.toString()).awaitText("Control channel on 127.0.0.1:", 60);
        return home;
    }

    private Socket connect(Path home) throws Exception {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(Files.readString(home.resolve("ctl.port")).trim()));
        sockets.add(s);
        return s;
    }

    @Test
    public void sixIdleAndOneSlowConnectionDoNotDelayARealCtl() throws Exception {
        Path home = running();
        for (int i = 0; i < 6; i++) {
            connect(home); // connected, silent
        }
        Socket slow = connect(home);
        Thread trickle = new Thread(() -> {
            try {
                OutputStream out = slow.getOutputStream();
                for (byte b : (ControlProtocol.GREETING + " ").getBytes(StandardCharsets.US_ASCII)) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(400); // a byte at a time, each well inside any per-read timeout
                }
            } catch (Exception e) {
                // the server gave up on it: as it should
            }
        }, "slow-sender");
        trickle.start();
        Thread.sleep(300);

        long t0 = System.nanoTime();
        ControlClient.Answer answer = ControlClient.send(home, "baton:status", 30_000);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        ChildJvm.Result ctl = baton("ctl", "--home", home.toString(), "baton:status").await(60);

        assertEquals(answer.error(), 0, answer.status());
        assertTrue(answer.output(), answer.output().contains("TRIAL: none"));
        // one request at a time with 10 s per read would have waited 60 s and more behind them
        assertTrue("answered while seven connections hung: " + millis + " ms", millis < 8_000);
        assertEquals(ctl.toString(), 0, ctl.exit);

        // the slow sender is cut off at the request deadline, not served
        long deadline = System.currentTimeMillis() + 20_000;
        InputStream in = slow.getInputStream();
        slow.setSoTimeout(20_000);
        int read = in.read(); // -1 once the server closes it
        assertEquals("closed without an answer", -1, read);
        assertTrue(System.currentTimeMillis() < deadline);
        trickle.interrupt();
    }

    @Test
    public void aWrongTokenAnOversizeRequestAndAnOverlongLineAreRefusedAndNothingRuns() throws Exception {
        Path home = running();
        byte[] token = Files.readString(home.resolve("ctl.token")).trim().getBytes(StandardCharsets.US_ASCII);

        // the wrong token: refused before any command is read
        String wrong = exchange(home, "0".repeat(64).getBytes(StandardCharsets.US_ASCII), 20, "baton:deploy /etc/passwd");
        assertTrue(wrong, wrong.startsWith("2\nbaton: refused: wrong token"));

        // the right token, a request over 1 MiB: refused, never cut and run
        String oversize = exchange(home, token, ControlProtocol.MAX_SCRIPT_BYTES + 1, null);
        assertTrue(oversize, oversize.startsWith("2\nbaton: refused: a request of 1048577 bytes; expected at most 1048576"));

        // a first line that never ends: dropped at the line limit, nothing buffered beyond it
        Socket junk = connect(home);
        junk.getOutputStream().write(new byte[64 << 10]);
        junk.setSoTimeout(20_000);
        assertEquals(-1, junk.getInputStream().read());

        // and the container is fine
        ControlClient.Answer after = ControlClient.send(home, "baton:history", 30_000);
        assertEquals(after.error(), 0, after.status());
        assertFalse("nothing was deployed: " + after.output(), after.output().contains("DEPLOY"));
    }

    /** One hand-made request: the handshake with {@code token}, a declared length, and (if given) the script. */
    private String exchange(Path home, byte[] token, int declaredLength, String script) throws Exception {
        try (Socket s = connect(home)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            String clientNonce = ControlProtocol.nonce();
            out.write((ControlProtocol.GREETING + " " + clientNonce + "\n").getBytes(StandardCharsets.US_ASCII));
            String[] hello = ControlProtocol.readLine(in, ControlProtocol.MAX_LINE).split(" ");
            out.write((ControlProtocol.proof(token, "client", clientNonce, hello[2]) + " " + declaredLength + "\n").getBytes(StandardCharsets.US_ASCII));
            if (script != null) {
                out.write(script.getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    public void aListenerOnAStalePortIsRefusedAndNeverSeesTheToken() throws Exception {
        Path home = tmp.newFolder("stale").toPath();
        String token = ControlProtocol.nonce();
        Files.writeString(home.resolve("ctl.token"), token + "\n");
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Files.writeString(home.resolve("ctl.port"), squatter.getLocalPort() + "\n");
            Thread fake = new Thread(() -> {
                try (Socket victim = squatter.accept()) {
                    victim.setSoTimeout(5_000);
                    InputStream in = victim.getInputStream();
                    OutputStream out = victim.getOutputStream();
                    // it plays along as best it can: a greeting with a made-up proof, then it records whatever comes
                    out.write((ControlProtocol.GREETING + " " + ControlProtocol.nonce() + " " + "ab".repeat(32) + "\n0\nSWAPPED\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    byte[] buffer = new byte[8192];
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        synchronized (received) {
                            received.write(buffer, 0, n);
                        }
                    }
                } catch (Exception e) {
                    // the client hung up
                }
            }, "squatter");
            fake.start();

            BatonHomeException e = assertThrows(BatonHomeException.class, () -> ControlClient.send(home, "baton:status", 10_000));
            fake.join(10_000);

            assertTrue(e.getMessage(), e.getMessage().contains("is not the Baton container of") && e.getMessage().contains("nothing was sent"));
            String seen;
            synchronized (received) {
                seen = received.toString(StandardCharsets.US_ASCII);
            }
            assertFalse("the token never crossed the wire: " + seen, seen.contains(token));
            assertFalse("nor the commands: " + seen, seen.contains("baton:status"));
            assertTrue("only the greeting and a nonce: " + seen, seen.matches(ControlProtocol.GREETING + " [0-9a-f]{64}\n"));
        }

        // the CLI says so and exits 2, printing no forged SWAPPED
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Files.writeString(home.resolve("ctl.port"), squatter.getLocalPort() + "\n");
            Thread fake = new Thread(() -> {
                try (Socket victim = squatter.accept()) {
                    victim.getOutputStream().write("0\nSWAPPED\n".getBytes(StandardCharsets.US_ASCII));
                    victim.getInputStream().readAllBytes();
                } catch (Exception e) {
                    // gone
                }
            }, "squatter-2");
            fake.start();
            ChildJvm.Result ctl = baton("ctl", "--home", home.toString(), "baton:swap x.jar").await(60);
            assertEquals(ctl.toString(), 2, ctl.exit);
            assertFalse(ctl.out, ctl.out.contains("SWAPPED"));
            assertTrue(ctl.err, ctl.err.contains("is not the Baton container of"));
        }
    }
}
