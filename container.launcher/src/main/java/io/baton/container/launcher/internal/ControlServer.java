package io.baton.container.launcher.internal;

import io.baton.container.launcher.BatonContainer;
import io.baton.container.launcher.BatonException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control channel of a running container: loopback only, on a port chosen at start and written
 * to {@code <home>/ctl.port}, authenticated with a random token in {@code <home>/ctl.token} (owner
 * read/write only). One request per connection, one at a time.
 *
 * <p>Protocol (UTF-8): the client sends the token on the first line, then the Gogo script, then closes
 * its output. The server answers with a status line ({@code 0} success, {@code 1} a command failed,
 * {@code 2} refused), then the output; on failure the error follows the output.
 */
public final class ControlServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
    public static final String PORT_FILE = "ctl.port";
    public static final String TOKEN_FILE = "ctl.token";
    private static final int MAX_REQUEST_BYTES = 1 << 20;

    private final BatonContainer container;
    private final ServerSocket socket;
    private final byte[] token;
    private final Path home;
    private final Thread thread;

    private ControlServer(BatonContainer container, ServerSocket socket, byte[] token, Path home) {
        this.container = container;
        this.socket = socket;
        this.token = token;
        this.home = home;
        this.thread = new Thread(this::serve, "baton-ctl");
        thread.setDaemon(true);
    }

    /** Opens the channel and writes its port and token into the home. */
    public static ControlServer start(BatonContainer container) {
        Path home = container.home();
        try {
            ServerSocket socket = new ServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            byte[] raw = new byte[32];
            new SecureRandom().nextBytes(raw);
            String token = HexFormat.of().formatHex(raw);
            Path tokenFile = home.resolve(TOKEN_FILE);
            Files.deleteIfExists(tokenFile);
            Files.createFile(tokenFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tokenFile, token + "\n", StandardCharsets.US_ASCII);
            Files.writeString(home.resolve(PORT_FILE), socket.getLocalPort() + "\n", StandardCharsets.US_ASCII);
            ControlServer server = new ControlServer(container, socket, token.getBytes(StandardCharsets.US_ASCII), home);
            server.thread.start();
            LOG.info("Control channel on 127.0.0.1:{} (token in {})", socket.getLocalPort(), tokenFile);
            return server;
        } catch (IOException e) {
            throw new BatonException("Cannot open the control channel in " + home + ": " + e.getMessage(), e);
        }
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                client.setSoTimeout(10_000);
                handle(client);
            } catch (SocketTimeoutException e) {
                LOG.warn("Control request timed out");
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.warn("Control request failed: {}", e.toString());
                }
            }
        }
    }

    private void handle(Socket client) throws IOException {
        InputStream in = client.getInputStream();
        byte[] request = in.readNBytes(MAX_REQUEST_BYTES);
        String text = new String(request, StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        String presented = newline < 0 ? text : text.substring(0, newline);
        OutputStream out = client.getOutputStream();
        if (!MessageDigest.isEqual(presented.trim().getBytes(StandardCharsets.US_ASCII), token)) {
            LOG.warn("Control request from {} refused: wrong token", client.getRemoteSocketAddress());
            out.write("2\nbaton: refused: wrong token\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String script = newline < 0 ? "" : text.substring(newline + 1);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        String status = "0";
        String error = "";
        try (PrintStream sessionOut = new PrintStream(printed, true, StandardCharsets.UTF_8);
                GogoSession session = container.openSession(sessionOut, new PrintStream(OutputStream.nullOutputStream()))) {
            List<String> statements = ScriptSplitter.split(script);
            for (String statement : statements) {
                try {
                    String result = session.execute(statement);
                    if (result != null) {
                        sessionOut.println(result);
                    }
                } catch (Exception e) {
                    status = "1";
                    error = "baton: command failed: " + statement + "\n" + GogoSession.describe(e) + "\n";
                    break;
                }
            }
        }
        LOG.info("Control request ran ({}): {}", status.equals("0") ? "ok" : "failed", script.strip());
        out.write((status + "\n").getBytes(StandardCharsets.UTF_8));
        out.write(printed.toByteArray());
        out.write(error.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        try {
            socket.close();
            Files.deleteIfExists(home.resolve(PORT_FILE));
            Files.deleteIfExists(home.resolve(TOKEN_FILE));
        } catch (IOException e) {
            LOG.warn("Control channel files not removed: {}", e.toString());
        }
    }
}
