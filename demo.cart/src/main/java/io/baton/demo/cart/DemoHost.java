package io.baton.demo.cart;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What the demo needs from whoever embeds it (the {@code baton} CLI): a Baton container started on a
 * home with some framework properties. Kept apart so that the demo, its charting and its JSON stay
 * out of the embedding library.
 */
public interface DemoHost {

    /**
     * Starts a container on a fresh (wiped) home.
     *
     * @param properties framework properties to add
     */
    Container start(Path home, Map<String, String> properties) throws Exception;

    /** A running container. */
    interface Container extends AutoCloseable {
        /** @return how long the start took */
        Duration startupTime();

        /** Waits until the Gogo commands are registered. */
        void awaitCommands(Duration timeout) throws Exception;

        /** Runs a Gogo command line and returns what it printed. */
        String execute(String command) throws Exception;

        /** @return a service of the framework, waiting at most {@code timeout} for it */
        <T> T service(Class<T> type, Duration timeout) throws Exception;

        /** Stops the framework in order. */
        @Override
        void close();
    }
}
