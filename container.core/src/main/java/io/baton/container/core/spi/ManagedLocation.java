package io.baton.container.core.spi;

import java.util.UUID;
import org.osgi.framework.Bundle;

/**
 * The location of bundles Baton installs as managed: {@code baton:managed:<nonce>:<source>}. The
 * prefix is how Baton recognises its bundles after a restart; the nonce lets the same jar be staged
 * again after a rollback (a location is unique in a framework).
 */
public final class ManagedLocation {
    /** Location prefix of every managed bundle. */
    public static final String PREFIX = "baton:managed:";

    private ManagedLocation() {}

    /** @return a fresh location for a jar read from {@code source} */
    public static String of(String source) {
        return PREFIX + UUID.randomUUID().toString().substring(0, 8) + ":" + source;
    }

    /** @return whether Baton installed this bundle as managed */
    public static boolean isManaged(Bundle bundle) {
        return bundle.getLocation().startsWith(PREFIX);
    }
}
