package io.baton.container.core.internal;

import io.baton.container.core.spi.ManagedLocation;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * Which bundles make the runtime: the system bundle and every unmanaged bundle at or below the start
 * level of framework property {@value #PROPERTY} (default {@value #DEFAULT_LEVEL}: Baton's launcher
 * puts its infrastructure at 1 and Baton at 2, applications at 3). An application swap never touches
 * the runtime: no runtime bundle is wired to a managed bundle ({@link RuntimeIsolation}), none is
 * deployed or swapped through Baton.
 */
final class RuntimeBundles {
    /** Framework property: the highest start level of the runtime's bundles. */
    static final String PROPERTY = "baton.runtime.startlevel";
    static final int DEFAULT_LEVEL = 2;

    private final BundleContext context;
    private final int maxLevel;

    RuntimeBundles(BundleContext context) {
        this.context = context;
        String value = context.getProperty(PROPERTY);
        try {
            this.maxLevel = value == null ? DEFAULT_LEVEL : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Framework property " + PROPERTY + "=" + value + "; expected a start level (a whole number)", e);
        }
    }

    boolean isRuntime(Bundle b) {
        if (b.getBundleId() == 0) {
            return true;
        }
        if (ManagedLocation.isManaged(b) || b.getState() == Bundle.UNINSTALLED) {
            return false;
        }
        BundleStartLevel level = b.adapt(BundleStartLevel.class);
        return level != null && level.getStartLevel() <= maxLevel;
    }

    /** @return the runtime bundle with this symbolic name, or null */
    Bundle named(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName()) && isRuntime(b)) {
                return b;
            }
        }
        return null;
    }

    /** @return a refusal for deploying or swapping this jar (a runtime bundle, or a fragment of one), or null */
    String refusal(TargetJar jar, String what) {
        String host = jar.fragmentHost();
        Bundle b = host == null ? null : named(host);
        if (b != null) {
            return "Cannot " + what + " " + jar + ": it is a fragment of " + b.getSymbolicName() + " " + b.getVersion() + " (bundle "
                    + b.getBundleId() + "), which is part of Baton's runtime; attached, it would put the runtime in every refresh of it";
        }
        return refusal(jar.symbolicName, what);
    }

    /** @return a refusal for deploying or swapping {@code symbolicName}, or null if it is not the runtime's */
    String refusal(String symbolicName, String what) {
        Bundle b = named(symbolicName);
        if (b == null) {
            return null;
        }
        return "Cannot " + what + " " + symbolicName + ": it is part of Baton's runtime (bundle " + b.getBundleId() + " "
                + b.getSymbolicName() + " " + b.getVersion() + ", start level " + level(b) + " <= " + maxLevel
                + "); Baton swaps applications, not its own runtime: upgrade the runtime by starting a newer Baton"
                + (b.getBundleId() == 0 ? "" : " (or change its runtime assembly)");
    }

    static int level(Bundle b) {
        BundleStartLevel level = b.adapt(BundleStartLevel.class);
        return level == null ? 0 : level.getStartLevel();
    }
}
