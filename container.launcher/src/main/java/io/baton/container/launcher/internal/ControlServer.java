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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control channel of a running container: loopback only, on a port chosen at start and written
 * to {@code <home>/ctl.port}, authenticated both ways with a random token in {@code <home>/ctl.token}
 * (owner read/write only) that never crosses the wire (see {@link ControlProtocol}).
 *
 * <p>Every connection has its own thread (up to {@value #MAX_CONNECTIONS} at once; more are refused as
 * busy) and must present its proof and its whole request within {@value #REQUEST_DEADLINE_MILLIS} ms,
 * so an idle, slow or hostile client delays nobody else; a script runs as long as it takes.
 */
public final class ControlServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
    public static final String PORT_FILE = "ctl.port";
    public static final String TOKEN_FILE = "ctl.token";
    static final int MAX_CONNECTIONS = 32;
    static final long REQUEST_DEADLINE_MILLIS = 10_000;

    private final BatonContainer container;
    private final ServerSocket socket;
    private final byte[] token;
    private final Path home;
    private final Thread acceptor;
    private final ThreadPoolExecutor handlers;
    private final ScheduledExecutorService deadlines;

    private ControlServer(BatonContainer container, ServerSocket socket, byte[] token, Path home) {
        this.container = container;
        this.socket = socket;
        this.token = token;
        this.home = home;
        this.acceptor = new Thread(this::serve, "baton-ctl");
        acceptor.setDaemon(true);
        AtomicInteger n = new AtomicInteger();
        this.handlers = new ThreadPoolExecutor(0, MAX_CONNECTIONS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "baton-ctl-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "baton-ctl-deadlines");
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens the channel and writes its port and token into the home. */
    public static ControlServer start(BatonContainer container) {
        Path home = container.home();
        try {
            ServerSocket socket = new ServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            String token = ControlProtocol.nonce();
            Path tokenFile = home.resolve(TOKEN_FILE);
            Files.deleteIfExists(tokenFile);
            Files.createFile(tokenFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tokenFile, token + "\n", StandardCharsets.US_ASCII);
            Files.writeString(home.resolve(PORT_FILE), socket.getLocalPort() + "\n", StandardCharsets.US_ASCII);
            ControlServer server = new ControlServer(container, socket, token.getBytes(StandardCharsets.US_ASCII), home);
            server.acceptor.start();
            LOG.info("Control channel on 127.0.0.1:{} (token in {})", socket.getLocalPort(), tokenFile);
            return server;
        } catch (IOException e) {
            throw new BatonException("Cannot open the control channel in " + home + ": " + e.getMessage(), e);
        }
    }

    private void serve() {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.warn("Control channel accept failed: {}", e.toString());
                }
                continue;
            }
            try {
                handlers.execute(() -> serve(client));
            } catch (RejectedExecutionException e) {
                LOG.warn("Control request from {} refused: {} connections already open", client.getRemoteSocketAddress(), MAX_CONNECTIONS);
                refuse(client, "busy: " + MAX_CONNECTIONS + " control connections are open; try again");
            }
        }
    }

    private void serve(Socket client) {
        // the whole request within the deadline, however slowly it trickles in
        ScheduledFuture<?> deadline = deadlines.schedule(() -> closeQuietly(client), REQUEST_DEADLINE_MILLIS, TimeUnit.MILLISECONDS);
        try (client) {
            client.setSoTimeout((int) REQUEST_DEADLINE_MILLIS);
            client.setTcpNoDelay(true);
            String script = authenticatedRequest(client);
            deadline.cancel(false);
            if (script != null) {
                run(client, script);
            }
        } catch (IOException e) {
            if (!socket.isClosed()) {
                LOG.warn("Control request from {} dropped: {}", client.getRemoteSocketAddress(),
                        client.isClosed() && !deadline.isCancelled() ? "not complete within " + REQUEST_DEADLINE_MILLIS + " ms" : e.toString());
            }
        } finally {
            deadline.cancel(false);
        }
    }

    /** @return the script, or null if the request was refused (answered already) */
    private String authenticatedRequest(Socket client) throws IOException {
        InputStream in = client.getInputStream();
        OutputStream out = client.getOutputStream();
        String[] hello = ControlProtocol.readLine(in, ControlProtocol.MAX_LINE).split(" ");
        if (hello.length != 3 || !(hello[0] + " " + hello[1]).equals(ControlProtocol.GREETING) || hello[2].length() != 64) {
            LOG.warn("Control request from {} refused: not {}", client.getRemoteSocketAddress(), ControlProtocol.GREETING);
            answer(out, "2\nbaton: refused: expected " + ControlProtocol.GREETING + " <nonce> (is this ctl from another Baton version?)\n");
            return null;
        }
        String clientNonce = hello[2];
        String serverNonce = ControlProtocol.nonce();
        answer(out, ControlProtocol.GREETING + " " + serverNonce + " " + ControlProtocol.proof(token, "server", clientNonce, serverNonce) + "\n");
        String[] request = ControlProtocol.readLine(in, ControlProtocol.MAX_LINE).split(" ");
        if (request.length != 2 || !ControlProtocol.same(ControlProtocol.proof(token, "client", clientNonce, serverNonce), request[0])) {
            LOG.warn("Control request from {} refused: wrong token", client.getRemoteSocketAddress());
            answer(out, "2\nbaton: refused: wrong token\n");
            return null;
        }
        long length;
        try {
            length = Long.parseLong(request[1]);
        } catch (NumberFormatException e) {
            length = -1;
        }
        if (length < 0 || length > ControlProtocol.MAX_SCRIPT_BYTES) {
            LOG.warn("Control request from {} refused: {} bytes", client.getRemoteSocketAddress(), request[1]);
            answer(out, "2\nbaton: refused: a request of " + request[1] + " bytes; expected at most " + ControlProtocol.MAX_SCRIPT_BYTES + "\n");
            return null;
        }
        byte[] script = in.readNBytes((int) length);
        if (script.length != length) {
            throw new IOException("the request ended after " + script.length + " of " + length + " bytes");
        }
        if (!ControlProtocol.same(ControlProtocol.scriptMac(token, clientNonce, serverNonce, script), ControlProtocol.readLine(in, ControlProtocol.MAX_LINE))) {
            LOG.warn("Control request from {} refused: its commands do not match their MAC", client.getRemoteSocketAddress());
            answer(out, "2\nbaton: refused: the commands were altered on the way\n");
            return null;
        }
        return new String(script, StandardCharsets.UTF_8);
    }

    private void run(Socket client, String script) throws IOException {
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
        OutputStream out = client.getOutputStream();
        out.write((status + "\n").getBytes(StandardCharsets.UTF_8));
        out.write(printed.toByteArray());
        out.write(error.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void answer(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void refuse(Socket client, String why) {
        try (client) {
            client.setSoTimeout(1_000);
            answer(client.getOutputStream(), "2\nbaton: refused: " + why + "\n");
        } catch (IOException e) {
            // the client is gone: nothing to tell
        }
    }

    private static void closeQuietly(Socket client) {
        try {
            client.close();
        } catch (IOException e) {
            // closing is all that was wanted
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
            handlers.shutdownNow();
            deadlines.shutdownNow();
            Files.deleteIfExists(home.resolve(PORT_FILE));
            Files.deleteIfExists(home.resolve(TOKEN_FILE));
        } catch (IOException e) {
            LOG.warn("Control channel files not removed: {}", e.toString());
        }
    }
}
