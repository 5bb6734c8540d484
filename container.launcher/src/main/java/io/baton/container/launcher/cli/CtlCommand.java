package io.baton.container.launcher.cli;

import io.baton.container.launcher.BatonHomeException;
import io.baton.container.launcher.internal.ControlServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code baton ctl}: run Gogo commands in the container running on a home, through its control channel. */
@Command(name = "ctl", mixinStandardHelpOptions = true,
        description = {"Send Gogo commands to the Baton container running on a home and print its answer.",
                "Exits 0, or 1 at the first failing command with the error on stderr, or 2 if no container answers."})
final class CtlCommand implements Callable<Integer> {
    @Mixin
    HomeOptions home;

    @Parameters(arity = "1", paramLabel = "COMMANDS", description = "Gogo commands; statements separated by newlines or ';'")
    String commands;

    @Override
    public Integer call() throws Exception {
        Path dir = home.home.toAbsolutePath().normalize();
        int port;
        String token;
        try {
            port = Integer.parseInt(Files.readString(dir.resolve(ControlServer.PORT_FILE)).trim());
            token = Files.readString(dir.resolve(ControlServer.TOKEN_FILE)).trim();
        } catch (NoSuchFileException e) {
            throw new BatonHomeException("No Baton container is running on home " + dir + " (no " + e.getFile() + "); start one with: run --home " + dir);
        } catch (NumberFormatException e) {
            throw new BatonHomeException("The port file in " + dir + " is malformed: " + e.getMessage());
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            socket.setSoTimeout(600_000);
            OutputStream out = socket.getOutputStream();
            out.write((token + "\n" + commands).getBytes(StandardCharsets.UTF_8));
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int newline = answer.indexOf('\n');
            int status = newline < 0 ? 2 : Integer.parseInt(answer.substring(0, newline).trim());
            String body = newline < 0 ? answer : answer.substring(newline + 1);
            if (status == 0) {
                System.out.print(body);
                return 0;
            }
            int error = body.indexOf("baton: ");
            System.out.print(error < 0 ? body : body.substring(0, error));
            System.err.print(error < 0 ? "" : body.substring(error));
            return status == 1 ? BatonCli.EXIT_FAILED : BatonCli.EXIT_USAGE;
        } catch (ConnectException e) {
            throw new BatonHomeException("No Baton container answers on 127.0.0.1:" + port + " for home " + dir
                    + " (the port file is stale: is the container still running?)");
        } catch (IOException e) {
            throw new BatonHomeException("The control channel of " + dir + " failed: " + e.getMessage());
        }
    }
}
