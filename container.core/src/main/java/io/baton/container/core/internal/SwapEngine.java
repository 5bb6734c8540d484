package io.baton.container.core.internal;

import io.baton.container.core.BundleInfo;
import io.baton.container.core.SwapInProgressException;
import io.baton.container.core.SwapProgress;
import io.baton.container.core.SwapReport;
import io.baton.container.core.SwapRequest;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place swaps go through: one at a time (a second request fails fast with
 * {@link SwapInProgressException}), and deployments never overlap a swap. Thread-safe.
 */
final class SwapEngine {
    private static final Logger LOG = LoggerFactory.getLogger(SwapEngine.class);

    private final Supplier<SwapEnvironment> environment;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicInteger counter = new AtomicInteger();
    private volatile SwapRun running;

    SwapEngine(Supplier<SwapEnvironment> environment) {
        this.environment = environment;
    }

    SwapReport plan(SwapRequest request) {
        return exclusive("plan", () -> new SwapRun(nextId("plan"), request, environment.get(), null), SwapRun::plan);
    }

    SwapReport swap(SwapRequest request, SwapProgress progress) {
        return exclusive("swap", () -> new SwapRun(nextId("swap"), request, environment.get(), progress), SwapRun::swap);
    }

    private String nextId(String kind) {
        return kind + "-" + counter.incrementAndGet();
    }

    private SwapReport exclusive(String what, Supplier<SwapRun> create, java.util.function.Function<SwapRun, SwapReport> body) {
        if (!lock.tryLock()) {
            SwapRun current = running;
            throw new SwapInProgressException("Cannot " + what + ": swap " + (current == null ? "?" : current.id()) + " is in phase "
                    + (current == null ? "?" : current.phase()) + "; Baton runs one swap at a time");
        }
        try {
            SwapRun run = create.get();
            running = run;
            return body.apply(run);
        } finally {
            running = null;
            lock.unlock();
        }
    }

    /**
     * Installs and starts bundles as managed, all or nothing.
     *
     * @throws IllegalArgumentException naming the source and the problem; nothing stays installed
     */
    List<BundleInfo> deploy(List<String> sources) {
        if (sources == null || sources.isEmpty()) {
            throw new IllegalArgumentException("Nothing to deploy; expected at least one jar path or URL");
        }
        if (!lock.tryLock()) {
            throw new SwapInProgressException("Cannot deploy while swap " + (running == null ? "?" : running.id()) + " runs");
        }
        SwapEnvironment env = environment.get();
        List<Bundle> installed = new ArrayList<>();
        try {
            List<TargetJar> jars = new ArrayList<>();
            for (String source : sources) {
                TargetJar jar = TargetJar.read(source);
                for (Bundle b : env.registry.activeBundles()) {
                    if (b.getSymbolicName().equals(jar.symbolicName)) {
                        throw new IllegalArgumentException("Cannot deploy " + jar + ": " + b.getSymbolicName() + " " + b.getVersion()
                                + " is already managed (bundle " + b.getBundleId() + "); swap it instead");
                    }
                }
                jars.add(jar);
            }
            List<String> unmet = ResolveCheck.unmet(jars, env.context);
            if (!unmet.isEmpty()) {
                throw new IllegalArgumentException("Cannot deploy, unresolvable: " + String.join("; ", unmet));
            }
            for (TargetJar jar : jars) {
                for (io.baton.container.core.SwapParticipant p : env.participants()) {
                    try {
                        p.installing(jar.symbolicName, jar.version.toString(), jar.source, jar.bytes);
                    } catch (Exception e) {
                        throw new IllegalArgumentException("Cannot deploy " + jar + ": " + e.getMessage(), e);
                    }
                }
                String location = FacadeRegistry.LOCATION_PREFIX + UUID.randomUUID().toString().substring(0, 8) + ":" + jar.source;
                Bundle b = env.context.installBundle(location, new ByteArrayInputStream(jar.bytes));
                env.registry.setRole(b, FacadeRegistry.Role.ACTIVE);
                installed.add(b);
            }
            for (Bundle b : installed) {
                b.start();
                LOG.info("Deployed {} {} (bundle {}) as managed", b.getSymbolicName(), b.getVersion(), b.getBundleId());
            }
            List<BundleInfo> infos = new ArrayList<>();
            installed.forEach(b -> infos.add(ContainerImpl.info(b)));
            return infos;
        } catch (BundleException | RuntimeException e) {
            for (Bundle b : installed) {
                try {
                    b.uninstall();
                } catch (BundleException | RuntimeException ignored) {
                    // best effort: the failure below says what went wrong
                }
                env.registry.forget(b);
            }
            if (e instanceof IllegalArgumentException) {
                throw (IllegalArgumentException) e;
            }
            throw new IllegalArgumentException("Deploy failed, nothing installed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }
}
