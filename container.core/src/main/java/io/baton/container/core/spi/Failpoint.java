package io.baton.container.core.spi;

import org.osgi.framework.BundleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fault injection for crash tests: when the framework property {@code baton.failpoint} names this
 * point, Baton logs {@code FAILPOINT <name> reached} and holds the thread for a minute, so that a test
 * can kill the JVM (SIGKILL) exactly there. Never set in production; costs a property lookup.
 */
public final class Failpoint {
    private static final Logger LOG = LoggerFactory.getLogger(Failpoint.class);
    public static final String PROPERTY = "baton.failpoint";

    private Failpoint() {}

    public static void reach(BundleContext context, String name) {
        if (name.equals(context.getProperty(PROPERTY))) {
            LOG.warn("FAILPOINT {} reached: holding for a kill", name);
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
