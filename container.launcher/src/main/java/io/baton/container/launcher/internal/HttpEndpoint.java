package io.baton.container.launcher.internal;

import io.baton.container.launcher.BatonContainer;
import io.baton.container.launcher.BatonException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.osgi.framework.Filter;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the container's HTTP runtime really listens (with port 0 only the runtime knows): read from its
 * {@code HttpServiceRuntime} service's {@code osgi.http.endpoint} property, written to
 * {@code <home>/http.port} for scripts and tests, and logged with the dashboard's address. The file is
 * removed on close.
 */
public final class HttpEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoint.class);
    public static final String PORT_FILE = "http.port";
    private static final String ENDPOINT = "osgi.http.endpoint";

    private final Path file;
    private final URI uri;

    private HttpEndpoint(Path file, URI uri) {
        this.file = file;
        this.uri = uri;
    }

    /**
     * Waits for the HTTP runtime and publishes its port.
     *
     * @throws BatonException if no HTTP runtime appears within {@code timeout} (it could not bind: the log says why)
     */
    public static HttpEndpoint publish(BatonContainer container, Duration timeout) {
        URI uri = await(container, timeout);
        Path file = container.home().resolve(PORT_FILE);
        try {
            Files.writeString(file, uri.getPort() + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new BatonException("Cannot write " + file + ": " + e.getMessage(), e);
        }
        LOG.info("Dashboard on {}baton/ (REST API {}baton/api/, metrics {}baton/metrics; port in {}, token in {})",
                uri, uri, uri, file, container.home().resolve(ControlServer.TOKEN_FILE));
        return new HttpEndpoint(file, uri);
    }

    /** @return the runtime's base address, e.g. {@code http://127.0.0.1:41234/} */
    public URI uri() {
        return uri;
    }

    private static URI await(BatonContainer container, Duration timeout) {
        Filter filter;
        try {
            filter = container.context().createFilter("(" + ENDPOINT + "=*)");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(container.context(), filter, null);
        tracker.open(true);
        try {
            if (tracker.waitForService(timeout.toMillis()) == null) {
                throw new BatonException("The HTTP runtime did not start within " + timeout.toSeconds()
                        + " s (is its port in use? see the log above)");
            }
            ServiceReference<Object> ref = tracker.getServiceReference();
            for (String endpoint : values(ref.getProperty(ENDPOINT))) {
                URI uri = URI.create(endpoint);
                if (uri.getPort() > 0) {
                    return uri;
                }
            }
            throw new BatonException("The HTTP runtime names no usable endpoint: " + values(ref.getProperty(ENDPOINT)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BatonException("Interrupted while waiting for the HTTP runtime", e);
        } finally {
            tracker.close();
        }
    }

    private static List<String> values(Object property) {
        if (property instanceof String[] array) {
            return Arrays.asList(array);
        }
        if (property instanceof Collection<?> collection) {
            List<String> list = new ArrayList<>();
            collection.forEach(o -> list.add(String.valueOf(o)));
            return list;
        }
        return property == null ? List.of() : List.of(property.toString());
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("{} not removed: {}", file, e.toString());
        }
    }
}
