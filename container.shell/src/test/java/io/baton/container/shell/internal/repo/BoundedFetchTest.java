package io.baton.container.shell.internal.repo;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Reads bounded in time and size, redirects shown to the caller before they are followed. */
public class BoundedFetchTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final List<AutoCloseable> open = new ArrayList<>();
    private final BoundedFetch fetch = new BoundedFetch(1000, 200);

    @After
    public void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    /**
     * A loopback listener that accepts connections and answers each with {@code response} then closes it,
     * or, if {@code response} is null, never answers.
     */
    private URI server(String response, AtomicInteger accepted) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        open.add(server);
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    Socket s = server.accept();
                    open.add(s);
                    accepted.incrementAndGet();
                    if (response != null) {
                        try (Socket answered = s) {
                            readRequest(answered);
                            OutputStream out = answered.getOutputStream();
                            out.write(response.getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                        }
                    }
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        t.setDaemon(true);
        t.start();
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/repo/index.xml");
    }

    private static void readRequest(Socket s) throws IOException {
        java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            // request line and headers
        }
    }

    @Test
    public void aServerThatAcceptsAndNeverAnswersIsBoundedByTheReadTimeout() throws Exception {
        URI silent = server(null, new AtomicInteger());

        BoundedFetch.FetchException e = assertThrows(BoundedFetch.FetchException.class, () -> fetch.read(silent, 1000, u -> u));

        assertEquals("did not answer within 200 ms (read timeout)", e.getMessage());
    }

    @Test
    public void aRedirectIsShownToTheCallerWhoCanRefuseItBeforeAnythingIsRequested() throws Exception {
        AtomicInteger admin = new AtomicInteger();
        URI target = server("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok", admin);
        URI redirecting = server("HTTP/1.1 302 Found\r\nLocation: " + target + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", new AtomicInteger());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fetch.read(redirecting, 1000, u -> {
            throw new IllegalArgumentException(u + " refused");
        }));

        assertEquals(target + " refused", e.getMessage());
        assertEquals("nothing asked of the redirect target", 0, admin.get());
        assertEquals("ok", new String(fetch.read(redirecting, 1000, u -> u), StandardCharsets.US_ASCII));
    }

    @Test
    public void contentOverTheCapIsRefusedAndOnlyPlainFilesAreRead() throws Exception {
        Path big = tmp.newFile("big").toPath();
        Files.write(big, new byte[2048]);
        assertEquals("is larger than 1024 bytes; refused", assertThrows(BoundedFetch.FetchException.class,
                () -> fetch.read(big.toUri(), 1024, u -> u)).getMessage());
        assertEquals("is not a regular file", assertThrows(BoundedFetch.FetchException.class,
                () -> fetch.read(tmp.getRoot().toURI(), 1024, u -> u)).getMessage());
        assertTrue(assertThrows(BoundedFetch.FetchException.class, () -> fetch.read(URI.create("jar:file:/x.jar!/a"), 1024, u -> u))
                .getMessage().startsWith("has scheme 'jar'"));
    }
}
