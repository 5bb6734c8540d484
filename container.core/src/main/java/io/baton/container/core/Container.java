package io.baton.container.core;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The Baton container as a service: one instance per framework, registered by container.core.
 *
 * <p>Thread-safe: every method may be called from any thread at any time. Swaps run one at a time.
 */
@ProviderType
public interface Container {
    /** Service property set on every facade registration. */
    String FACADE_PROPERTY = "baton.facade";
    /** Service property overriding the identity that matches a service across versions. */
    String IDENTITY_PROPERTY = "baton.service.identity";

    /**
     * A snapshot of the container as it is now.
     *
     * @return the framework version and every installed bundle with its id, symbolic name, version
     *     and state, ordered by bundle id; never {@code null}
     */
    ContainerStatus status();

    /**
     * Installs and starts bundles as managed: their services are published through facades that
     * survive swaps.
     *
     * @param sources jar paths or URLs
     * @return the installed bundles
     * @throws IllegalArgumentException naming the source and what is wrong with it (nothing installed)
     */
    List<BundleInfo> deploy(List<String> sources);

    /** @return the managed bundles currently serving */
    List<BundleInfo> managed();

    /**
     * The dry run: validates the request against the running framework without changing it.
     *
     * @return a report with status PLANNED or REFUSED (with the failure)
     * @throws SwapInProgressException if a swap runs
     */
    SwapReport plan(SwapRequest request);

    /**
     * Swaps the managed bundles named by the targets' symbolic names to the targets, atomically.
     *
     * @return the report: SWAPPED, or REFUSED/ABORTED with the phase and cause (container unchanged)
     * @throws SwapInProgressException if another swap runs
     */
    SwapReport swap(SwapRequest request);

    /**
     * As {@link #swap(SwapRequest)}, telling {@code progress} of each phase as it completes.
     *
     * @throws SwapInProgressException if another swap runs
     */
    SwapReport swap(SwapRequest request, SwapProgress progress);
}
