package io.baton.container.core.spi;

import org.osgi.framework.Bundle;

/** Names for the framework's bundle state bits. */
public final class BundleStates {
    private BundleStates() {}

    /** @return the state's name, e.g. {@code ACTIVE}; {@code UNKNOWN(n)} for a value outside the spec */
    public static String name(int state) {
        switch (state) {
            case Bundle.UNINSTALLED: return "UNINSTALLED";
            case Bundle.INSTALLED: return "INSTALLED";
            case Bundle.RESOLVED: return "RESOLVED";
            case Bundle.STARTING: return "STARTING";
            case Bundle.STOPPING: return "STOPPING";
            case Bundle.ACTIVE: return "ACTIVE";
            default: return "UNKNOWN(" + state + ")";
        }
    }
}
