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
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.osgi.framework.Bundle;
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
    /** How long a deployed bundle's activator may take: a swap's default STAGE timeout. */
    static final long DEPLOY_START_MILLIS = new SwapRequest().stageTimeoutMillis;

    private final SwapIds ids;
    private volatile SwapDriver running;
    private volatile List<String> deploying;

    SwapEngine(Supplier<SwapEnvironment> environment, SwapIds ids) {
        this.environment = environment;
        this.ids = ids;
    }

    SwapReport plan(SwapRequest request) {
        TargetReads reads = TargetReads.of(request == null ? null : request.targets); // outside the lock: see TargetReads
        return exclusive("plan", () -> driver("plan", request, SwapKind.SWAP, Map.of(), null, reads), SwapDriver::plan);
    }

    SwapReport swap(SwapRequest request, SwapKind kind, Map<String, Snapshot> restore, SwapProgress progress) {
        TargetReads reads = TargetReads.of(request == null ? null : request.targets);
        return exclusive("swap", () -> driver("swap", request, kind, restore, progress, reads), SwapDriver::swap);
    }

    private SwapDriver driver(String prefix, SwapRequest request, SwapKind kind, Map<String, Snapshot> restore, SwapProgress progress,
            TargetReads reads) {
        return new SwapDriver(new SwapContext(ids.next(prefix), request, kind, restore, environment.get(), reads), progress);
    }

    private SwapReport exclusive(String what, Supplier<SwapDriver> create, Function<SwapDriver, SwapReport> body) {
        if (!lock.tryLock()) {
            throw new SwapInProgressException("Cannot " + what + ": " + holder() + "; Baton runs one swap at a time");
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
        List<TargetJar> read = new ArrayList<>();
        for (String source : sources) {
            read.add(TargetJar.read(source)); // outside the lock: a slow or hostile jar keeps nobody waiting
        }
        if (!lock.tryLock()) {
            throw new SwapInProgressException("Cannot deploy: " + holder());
        }
        deploying = sources;
        SwapEnvironment env = environment.get();
        List<Bundle> installed = new ArrayList<>();
        try {
            List<TargetJar> jars = new ArrayList<>();
            for (TargetJar jar : read) {
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
                // the activator is application code: bounded like a swap's STAGE
                env.apps.run(b.getSymbolicName() + " " + b.getVersion() + " start()", DEPLOY_START_MILLIS, b::start);
                LOG.info("Deployed {} {} (bundle {}) as managed", b.getSymbolicName(), b.getVersion(), b.getBundleId());
            }
            List<BundleInfo> infos = new ArrayList<>();
            installed.forEach(b -> infos.add(ContainerImpl.info(b)));
            return infos;
        } catch (RuntimeException | PhaseFailure e) {
            installed.forEach(env.roles::forget);
            try {
                env.apps.run("removal of the bundles of a failed deploy", DEPLOY_START_MILLIS,
                        () -> BundleRemoval.uninstallAndRefresh(env.context, installed, true));
            } catch (PhaseFailure f) {
                LOG.error("Deploy of {}: {}", sources, f.getMessage());
            }
            if (e instanceof IllegalArgumentException) {
                throw (IllegalArgumentException) e;
            }
            throw new IllegalArgumentException("Deploy failed, nothing installed: " + e.getMessage(), e);
        } finally {
            deploying = null;
            lock.unlock();
        }
    }

    /** @return who holds the lock, for the refusal of whoever waits: a swap and its phase, or a deploy */
    private String holder() {
        SwapDriver current = running;
        List<String> deploy = deploying;
        if (current != null) {
            return "swap " + current.id() + " is in phase " + current.activity();
        }
        return deploy != null ? "a deploy of " + deploy + " runs" : "another swap or deploy runs";
    }
}
