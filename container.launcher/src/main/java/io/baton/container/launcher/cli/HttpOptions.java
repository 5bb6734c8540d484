package io.baton.container.launcher.cli;

import io.baton.container.launcher.Baton;
import io.baton.container.launcher.RuntimeAssembly;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --http-host}, {@code --http-port}: where {@code run}'s HTTP runtime (dashboard, API, metrics, applications' servlets) listens. */
final class HttpOptions {
    @Option(names = "--http-host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "address the HTTP runtime binds: dashboard, REST API, metrics and the applications' servlets (default: ${DEFAULT-VALUE}, loopback only)")
    String host = "127.0.0.1";

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "0",
            description = "its port; 0 (the default) picks a free one; the port in use is written to <home>/http.port and logged")
    int port;

    /** @return why the options cannot be used (a bad port, a port in use), or null */
    String problem() {
        if (port < 0 || port > 65535) {
            return "--http-port must be from 0 to 65535, was " + port;
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (IOException e) {
            return "--http-host " + host + " is not an address of this machine: " + e.getMessage();
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(address, port));
        } catch (IOException e) {
            return port == 0 ? "--http-host " + host + " cannot be bound: " + e.getMessage()
                    : "--http-port " + port + " on " + host + " is in use or not allowed: " + e.getMessage();
        }
        return null;
    }

    /** Hands the options, and the token file that opens the web parts, to the container. */
    Baton.Builder apply(Baton.Builder builder, Path tokenFile) {
        return builder.property(RuntimeAssembly.HTTP_HOST_PROPERTY, host)
                .property(RuntimeAssembly.HTTP_PORT_PROPERTY, Integer.toString(port))
                .property(RuntimeAssembly.TOKEN_FILE_PROPERTY, tokenFile.toAbsolutePath().normalize().toString());
    }
}
