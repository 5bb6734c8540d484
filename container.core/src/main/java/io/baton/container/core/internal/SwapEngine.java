package io.baton.container.core.internal;

import io.baton.container.core.BundleInfo;
import io.baton.container.core.SwapInProgressException;
import io.baton.container.core.SwapProgress;
import io.baton.container.core.SwapReport;
import io.baton.container.core.SwapRequest;
import io.baton.container.core.spi.BundleRemoval;
import io.baton.container.core.spi.SwapKind;
import io.baton.container.statexfer.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
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
    private volatile SwapDriver running;

    SwapEngine(Supplier<SwapEnvironment> environment) {
        this.environment = environment;
    }

    SwapReport plan(SwapRequest request) {
        return exclusive("plan", () -> driver("plan", request, SwapKind.SWAP, Map.of(), null), SwapDriver::plan);
    }

    SwapReport swap(SwapRequest request, SwapKind kind, Map<String, Snapshot> restore, SwapProgress progress) {
        return exclusive("swap", () -> driver("swap", request, kind, restore, progress), SwapDriver::swap);
    }

    private SwapDriver driver(String prefix, SwapRequest request, SwapKind kind, Map<String, Snapshot> restore, SwapProgress progress) {
        String id = prefix + "-" + counter.incrementAndGet();
        return new SwapDriver(new SwapContext(id, request, kind, restore, environment.get()), progress);
    }

    private SwapReport exclusive(String what, Supplier<SwapDriver> create, Function<SwapDriver, SwapReport> body) {
        if (!lock.tryLock()) {
            SwapDriver current = running;
            throw new SwapInProgressException("Cannot " + what + ": swap " + (current == null ? "?" : current.id()) + " is in phase "
                    + (current == null ? "?" : current.phase()) + "; Baton runs one swap at a time");
        }
        try {
            SwapDriver driver = create.get();
            running = driver;
            return body.apply(driver);
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
                String runtime = env.runtime.refusal(jar, "deploy");
                if (runtime != null) {
                    throw new IllegalArgumentException(runtime);
                }
                for (Bundle b : env.roles.active()) {
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
                Bundle b = ManagedInstall.install(env, jar);
                env.roles.set(b, BundleRoles.Role.ACTIVE);
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
            installed.forEach(env.roles::forget);
            BundleRemoval.uninstallAndRefresh(env.context, installed, true);
            if (e instanceof IllegalArgumentException) {
                throw (IllegalArgumentException) e;
            }
            throw new IllegalArgumentException("Deploy failed, nothing installed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }
}
