package io.baton.container.launcher.internal;

import io.baton.container.launcher.BatonHomeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The client end of the control channel (see {@link ControlProtocol}): finds the container of a home
 * by its port file, makes it prove it knows the home's token before sending anything derived from it,
 * and sends one script.
 */
public final class ControlClient {
    /** An answer: the status (0 ok, 1 a command failed, 2 refused), the output, and the error if any. */
    public record Answer(int status, String output, String error) {
    }

    private ControlClient() {
    }

    /**
     * @param timeoutMillis how long the script may run
     * @throws BatonHomeException if no container of this home answers, or the listener is not it
     */
    public static Answer send(Path home, String script, long timeoutMillis) {
        Path dir = home.toAbsolutePath().normalize();
        int port;
        byte[] token;
        try {
            port = Integer.parseInt(Files.readString(dir.resolve(ControlServer.PORT_FILE)).trim());
            token = Files.readString(dir.resolve(ControlServer.TOKEN_FILE)).trim().getBytes(StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new BatonHomeException("No Baton container is running on home " + dir + " (no " + e.getFile() + "); start one with: run --home " + dir);
        } catch (NumberFormatException e) {
            throw new BatonHomeException("The port file in " + dir + " is malformed: " + e.getMessage());
        } catch (IOException e) {
            throw new BatonHomeException("The control files of " + dir + " cannot be read: " + e.getMessage());
        }
        byte[] body = script.getBytes(StandardCharsets.UTF_8);
        if (body.length > ControlProtocol.MAX_SCRIPT_BYTES) {
            throw new BatonHomeException("The commands are " + body.length + " bytes, over the control channel's limit of "
                    + ControlProtocol.MAX_SCRIPT_BYTES + "; split them");
        }
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            String clientNonce = ControlProtocol.nonce();
            out.write((ControlProtocol.GREETING + " " + clientNonce + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String[] hello = ControlProtocol.readLine(in, ControlProtocol.MAX_LINE).split(" ");
            if (hello.length != 4 || !(hello[0] + " " + hello[1]).equals(ControlProtocol.GREETING)
                    || !ControlProtocol.same(ControlProtocol.proof(token, "server", clientNonce, hello[2]), hello[3])) {
                throw new BatonHomeException("The listener on 127.0.0.1:" + port + " is not the Baton container of " + dir
                        + ": it cannot prove it knows the token in " + dir.resolve(ControlServer.TOKEN_FILE)
                        + " (a stale port file, or a token file that is not this container's); nothing was sent to it");
            }
            String serverNonce = hello[2];
            out.write((ControlProtocol.proof(token, "client", clientNonce, serverNonce) + " " + body.length + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.write((ControlProtocol.scriptMac(token, clientNonce, serverNonce, body) + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, timeoutMillis)));
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int newline = answer.indexOf('\n');
            int status;
            try {
                status = newline < 0 ? 2 : Integer.parseInt(answer.substring(0, newline).trim());
            } catch (NumberFormatException e) {
                status = 2;
            }
            String rest = newline < 0 ? answer : answer.substring(newline + 1);
            int error = rest.indexOf("baton: ");
            return status == 0 ? new Answer(0, rest, "")
                    : new Answer(status, error < 0 ? rest : rest.substring(0, error), error < 0 ? "" : rest.substring(error));
        } catch (ConnectException e) {
            throw new BatonHomeException("No Baton container answers on 127.0.0.1:" + port + " for home " + dir
                    + " (the port file is stale: is the container still running?)");
        } catch (SocketTimeoutException e) {
            throw new BatonHomeException("The control channel of " + dir + " on 127.0.0.1:" + port + " did not answer in time");
        } catch (IOException e) {
            throw new BatonHomeException("The control channel of " + dir + " failed: " + e.getMessage());
        }
    }
}
