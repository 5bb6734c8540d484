package io.baton.container.launcher.internal;

import io.baton.container.launcher.BatonException;
import io.baton.container.launcher.RuntimeAssembly;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the framework's runtime bundles in line with the assembly: installs what is missing, keeps
 * what is already installed with the same content, uninstalls runtime bundles the assembly no longer
 * has. Other bundles (managed application bundles) are left alone: they survive restarts.
 *
 * <p>A runtime bundle's location is {@code baton:runtime/<file>?sha256=<digest prefix>}, so a rebuilt
 * jar with the same name is a new location and replaces the old one.
 */
public final class RuntimeInstaller {
    private static final Logger LOG = LoggerFactory.getLogger(RuntimeInstaller.class);
    public static final String LOCATION_PREFIX = "baton:runtime/";

    private final BundleContext context;
    private final List<Bundle> toStart = new ArrayList<>();

    public RuntimeInstaller(BundleContext context) {
        this.context = context;
    }

    /** Call between {@code Framework.init()} and {@code start()}. */
    public void install(RuntimeAssembly assembly) throws IOException, BundleException {
        Map<String, Bundle> existing = new HashMap<>();
        for (Bundle b : context.getBundles()) {
            if (b.getLocation().startsWith(LOCATION_PREFIX)) {
                existing.put(b.getLocation(), b);
            }
        }
        int installed = 0;
        for (RuntimeAssembly.Entry entry : assembly.bundles()) {
            String location = LOCATION_PREFIX + entry.fileName() + "?sha256=" + digest(entry);
            Bundle bundle = existing.remove(location);
            if (bundle == null) {
                try (InputStream in = entry.url().openStream()) {
                    bundle = context.installBundle(location, in);
                }
                installed++;
            }
            bundle.adapt(BundleStartLevel.class).setStartLevel(entry.startLevel());
            if (!entry.fragment()) {
                bundle.start(); // persistent: starts when the framework reaches the bundle's level
                toStart.add(bundle);
            }
        }
        for (Bundle stale : existing.values()) {
            LOG.info("Uninstalling runtime bundle {} {} no longer in the assembly", stale.getSymbolicName(), stale.getVersion());
            stale.uninstall();
        }
        LOG.debug("Runtime: {} bundles, {} newly installed", assembly.bundles().size(), installed);
    }

    private static String digest(RuntimeAssembly.Entry entry) throws IOException {
        try (InputStream in = new DigestInputStream(entry.url().openStream(), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /**
     * Waits until every started runtime bundle is ACTIVE.
     *
     * @throws BatonException naming the bundles that are not, with their state
     */
    public void awaitActive(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            StringJoiner notActive = new StringJoiner(", ");
            StringJoiner failed = new StringJoiner("; ");
            for (Bundle b : toStart) {
                if (b.getState() == Bundle.INSTALLED || b.getState() == Bundle.RESOLVED) {
                    // The start level was reached and the bundle did not start: ask again for the reason.
                    try {
                        b.start();
                    } catch (BundleException e) {
                        failed.add(b.getSymbolicName() + " " + b.getVersion() + ": " + e.getMessage());
                    }
                }
                if (b.getState() != Bundle.ACTIVE) {
                    notActive.add(b.getSymbolicName() + " " + b.getVersion() + " (" + stateName(b.getState()) + ")");
                }
            }
            if (failed.length() > 0) {
                throw new BatonException("Runtime bundles failed to start: " + failed);
            }
            if (notActive.length() == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new BatonException("Runtime bundles not ACTIVE after " + timeout.toMillis() + " ms: " + notActive);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BatonException("Interrupted while waiting for the runtime bundles", e);
            }
        }
    }

    private static String stateName(int state) {
        switch (state) {
            case Bundle.INSTALLED: return "INSTALLED, unresolved";
            case Bundle.RESOLVED: return "RESOLVED";
            case Bundle.STARTING: return "STARTING";
            case Bundle.STOPPING: return "STOPPING";
            case Bundle.UNINSTALLED: return "UNINSTALLED";
            default: return String.valueOf(state);
        }
    }
}
