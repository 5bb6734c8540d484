package io.baton.container.core.spi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.FrameworkWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Uninstalls bundles and refreshes them out of the framework, the one way Baton removes bundles. */
public final class BundleRemoval {
    private static final Logger LOG = LoggerFactory.getLogger(BundleRemoval.class);
    /** Longest wait for the framework's refresh job. */
    public static final long REFRESH_TIMEOUT_SECONDS = 60;

    private BundleRemoval() {}

    /**
     * Uninstalls each bundle (a failure is logged and the others go on), then refreshes those that went
     * so that their revisions leave the framework.
     *
     * @param onlyIfAlone refresh only when nothing else depends on them (an undo must not restart anybody);
     *     otherwise refresh them with their dependency closure
     * @return the bundles uninstalled
     */
    public static List<Bundle> uninstallAndRefresh(BundleContext context, Collection<Bundle> bundles, boolean onlyIfAlone) {
        List<Bundle> gone = new ArrayList<>();
        for (Bundle b : bundles) {
            try {
                b.uninstall();
                gone.add(b);
            } catch (BundleException | IllegalStateException e) {
                LOG.error("Could not uninstall {} {} (bundle {}): {}", b.getSymbolicName(), b.getVersion(), b.getBundleId(), e.toString());
            }
        }
        if (gone.isEmpty()) {
            return gone;
        }
        FrameworkWiring fw = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        if (onlyIfAlone && !gone.containsAll(fw.getDependencyClosure(gone))) {
            return gone; // others are wired to them: their revisions stay until a refresh nobody forces
        }
        refresh(fw, gone);
        return gone;
    }

    /** Refreshes bundles (and their dependency closure) and waits, bounded, for the framework to finish. */
    public static void refresh(FrameworkWiring fw, Collection<Bundle> bundles) {
        CountDownLatch done = new CountDownLatch(1);
        long t0 = System.nanoTime();
        fw.refreshBundles(bundles, e -> done.countDown());
        try {
            if (!done.await(REFRESH_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                LOG.error("Refresh of {} bundles did not finish within {} s", bundles.size(), REFRESH_TIMEOUT_SECONDS);
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Refreshed {} bundles in {} ms", bundles.size(), (System.nanoTime() - t0) / 1_000_000);
    }
}
