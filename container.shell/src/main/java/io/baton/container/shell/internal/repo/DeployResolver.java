package io.baton.container.shell.internal.repo;

import java.util.List;
import java.util.Map;
import org.apache.felix.resolver.Logger;
import org.apache.felix.resolver.ResolverImpl;
import org.osgi.framework.BundleContext;
import org.osgi.resource.Resource;
import org.osgi.resource.Wire;
import org.osgi.service.resolver.ResolutionException;
import org.slf4j.LoggerFactory;

/**
 * Decides what a deploy installs: the Felix resolver (the one inside Apache Felix, embedded here so
 * that Baton resolves alike on every framework) wires the targets against the running framework and
 * the repositories, backtracking through the candidates and checking {@code uses} constraints, so
 * what it picks is what the framework will wire. Thread-safe; one resolution at a time per call.
 */
final class DeployResolver {
    /** Felix's resolver logs to stdout by default: to SLF4J instead. */
    private static final class Slf4jLogger extends Logger {
        private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(DeployResolver.class);

        Slf4jLogger() {
            super(LOG.isDebugEnabled() ? LOG_DEBUG : LOG_WARNING);
        }

        @Override
        protected void doLog(int level, String msg, Throwable throwable) {
            if (level <= LOG_WARNING) {
                LOG.warn(msg, throwable);
            } else {
                LOG.debug(msg, throwable);
            }
        }
    }

    private DeployResolver() {}

    /**
     * @param targets the resources the deploy names
     * @return the resources to install (targets and the repository bundles they need), each after the
     *         new ones it wires to
     * @throws IllegalArgumentException if the set cannot be wired, naming the chain of missing
     *         requirements ({@code Unable to resolve a: missing requirement ... [caused by: Unable to
     *         resolve b: ...]})
     */
    static List<Resource> resolve(BundleContext framework, List<Resource> targets, IndexRepository repository) {
        DeployContext context = new DeployContext(framework, targets, repository);
        Map<Resource, List<Wire>> result;
        try {
            // parallelism 1: on the calling thread, no pool left behind
            result = new ResolverImpl(new Slf4jLogger(), 1).resolve(context);
        } catch (ResolutionException e) {
            throw new IllegalArgumentException("Cannot deploy " + targets + ": " + e.getMessage(), e);
        }
        return context.newResourcesInWiringOrder(result);
    }
}
