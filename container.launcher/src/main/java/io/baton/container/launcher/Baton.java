package io.baton.container.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Entry point of the embedding API: {@code Baton.builder().home(path).start()}.
 *
 * <p>The builder is not thread-safe; the {@link BatonContainer} it starts is.
 */
public final class Baton {
    /** Default home of the CLI: {@code ./baton-home}. */
    public static final Path DEFAULT_HOME = Path.of("baton-home");

    private Baton() {}

    public static Builder builder() {
        return new Builder();
    }

    /** Options of a container to start. */
    public static final class Builder {
        Path home = DEFAULT_HOME;
        boolean clean;
        boolean console;
        Duration startTimeout = Duration.ofSeconds(60);
        final Map<String, String> properties = new LinkedHashMap<>();

        private Builder() {}

        /** Where the framework storage (and later checkpoints) live; survives restarts. */
        public Builder home(Path home) {
            this.home = Objects.requireNonNull(home, "home");
            return this;
        }

        /** Wipe the home before starting (after it is locked, never under another container). */
        public Builder clean(boolean clean) {
            this.clean = clean;
            return this;
        }

        /** Start Gogo's interactive console on the process' terminal. */
        public Builder console(boolean console) {
            this.console = console;
            return this;
        }

        /** Bound on the wait for every runtime bundle to become ACTIVE (default 60 s). */
        public Builder startTimeout(Duration startTimeout) {
            if (startTimeout.isNegative() || startTimeout.isZero()) {
                throw new IllegalArgumentException("startTimeout must be positive, was " + startTimeout);
            }
            this.startTimeout = startTimeout;
            return this;
        }

        /** An extra framework property; overrides Baton's default of the same name. */
        public Builder property(String key, String value) {
            properties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Starts the container and waits until every runtime bundle is ACTIVE.
         *
         * @throws BatonHomeException if the home is unusable or in use (nothing changed in it)
         * @throws BatonException if the framework fails to start (it is stopped again)
         */
        public BatonContainer start() {
            return BatonContainer.start(this);
        }
    }
}
