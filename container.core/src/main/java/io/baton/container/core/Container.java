package io.baton.container.core;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The Baton container as a service: one instance per framework, registered by container.core.
 *
 * <p>Thread-safe: every method may be called from any thread at any time.
 */
@ProviderType
public interface Container {

    /**
     * A snapshot of the container as it is now.
     *
     * @return the framework version and every installed bundle with its id, symbolic name, version
     *     and state, ordered by bundle id; never {@code null}
     */
    ContainerStatus status();
}
