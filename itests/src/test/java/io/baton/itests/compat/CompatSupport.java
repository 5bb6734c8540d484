package io.baton.itests.compat;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.baton.container.core.BundleInfo;
import io.baton.container.core.Container;
import io.baton.container.core.SwapReport;
import io.baton.container.core.SwapRequest;
import io.baton.container.core.SwapStatus;
import io.baton.container.rollback.Lifecycle;
import io.baton.container.rollback.SwapRecord;
import io.baton.itests.BatonTestSupport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.inject.Inject;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * The compatibility suite's base: real third-party bundles from Maven Central (copied by the itests
 * build into {@code target/compat}, versions in the file names), called through Baton's facades by
 * reflection (the test probe does not import their packages: it would be wired to them, and so in the
 * refresh closures it tests), and the invariants every case asserts: no call failed, the runtime
 * untouched, the facade reference unchanged, no crash recovery.
 */
public abstract class CompatSupport extends BatonTestSupport {
    @Inject
    protected Container container;

    @Inject
    protected Lifecycle lifecycle;

    /** A third-party jar the build copied, e.g. {@code org.apache.felix.metatype-1.2.2.jar}. */
    protected static String compat(String file) {
        Path jar = Path.of(System.getProperty("baton.itest.compat", "target/compat"), file);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No compat bundle " + jar + "; is it in the itests build's compat-bundles list?");
        }
        return jar.toString();
    }

    /** Installs and starts a dependency as a plain bundle, outside Baton (Baton does not judge it). */
    protected Bundle installPlain(String file) throws Exception {
        Bundle b = context.installBundle(Path.of(compat(file)).toUri().toString());
        if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
            b.start();
        }
        return b;
    }

    protected List<BundleInfo> deploy(String... files) {
        List<String> sources = new ArrayList<>();
        for (String f : files) {
            sources.add(compat(f));
        }
        return container.deploy(sources);
    }

    protected static SwapRequest request(String file, long probationMillis) {
        SwapRequest r = SwapRequest.of(compat(file));
        r.probationMillis = probationMillis;
        return r;
    }

    protected static void assertSwapped(SwapReport report) {
        assertEquals(report.failure, SwapStatus.SWAPPED, report.status);
    }

    /** The one facade of a service interface. */
    protected ServiceReference<?> facade(String type) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            ServiceReference<?>[] refs = context.getAllServiceReferences(type, "(baton.facade=true)");
            if (refs != null && refs.length == 1) {
                return refs[0];
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("expected one facade of " + type + ", found " + (refs == null ? 0 : refs.length));
            }
            Thread.sleep(20);
        }
    }

    /** The managed bundle of that name serving now. */
    protected BundleInfo managed(String symbolicName) {
        return container.managed().stream().filter(b -> b.symbolicName.equals(symbolicName)).findFirst()
                .orElseThrow(() -> new AssertionError(symbolicName + " is not managed: " + container.managed()));
    }

    /**
     * Calls a public method by name on an object the probe cannot name the type of (a facade proxy, or
     * what a service returned), through a public type that declares it (the object's own class may be
     * an implementation class that is not public).
     */
    protected static Object call(Object target, String method, Object... args) throws Exception {
        Method m = find(target.getClass(), method, args.length);
        if (m == null) {
            throw new NoSuchMethodException(method + " with " + args.length + " arguments on " + target.getClass());
        }
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
    }

    private static Method find(Class<?> type, String method, int arity) {
        if (type == null) {
            return null;
        }
        if (java.lang.reflect.Modifier.isPublic(type.getModifiers())) {
            for (Method m : type.getMethods()) {
                if (m.getName().equals(method) && m.getParameterCount() == arity) {
                    return m;
                }
            }
        }
        for (Class<?> i : type.getInterfaces()) {
            Method m = find(i, method, arity);
            if (m != null) {
                return m;
            }
        }
        return find(type.getSuperclass(), method, arity);
    }

    /**
     * The runtime as it is: every bundle at start level 1 or 2 and the system bundle, with its id and
     * state, the services its DS components registered, and every lifecycle event it had since the
     * test began (a restart shows as STOPPING, STOPPED, UNRESOLVED...). A swap, a commit or a rollback
     * must leave it equal. (Other services under a runtime bundle's name can come and go: a bundle that
     * reacts to a facade may register services with the facade's owner, which is Baton's core.)
     */
    protected Map<Long, String> runtime() {
        Map<Long, String> runtime = new TreeMap<>();
        for (Bundle b : context.getBundles()) {
            if (!isRuntime(b)) {
                continue;
            }
            ServiceReference<?>[] refs = b.getRegisteredServices();
            List<String> ids = new ArrayList<>();
            for (ServiceReference<?> r : refs == null ? new ServiceReference<?>[0] : refs) {
                if (r.getProperty("component.name") != null && r.getProperty("baton.facade") == null) {
                    ids.add(r.getProperty(Constants.SERVICE_ID) + " " + r.getProperty("component.name"));
                }
            }
            ids.sort(null);
            runtime.put(b.getBundleId(), b.getSymbolicName() + " " + b.getState() + " " + ids + " events " + lifecycleEvents.getOrDefault(b.getBundleId(), List.of()));
        }
        return runtime;
    }

    private final Map<Long, List<Integer>> lifecycleEvents = new java.util.concurrent.ConcurrentHashMap<>();

    /** Records every lifecycle event of a runtime bundle from now on. */
    @org.junit.Before
    public void watchTheRuntime() {
        context.addBundleListener((org.osgi.framework.SynchronousBundleListener) e -> {
            if (isRuntime(e.getBundle())) {
                lifecycleEvents.computeIfAbsent(e.getBundle().getBundleId(), id -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(e.getType());
            }
        });
    }

    private static boolean isRuntime(Bundle b) {
        return b.getBundleId() == 0 || b.adapt(BundleStartLevel.class).getStartLevel() <= 2;
    }

    /** Crash recovery did not run: no record was made by a restart. */
    protected void assertNoRecovery() {
        for (SwapRecord r : lifecycle.history(100)) {
            assertTrue("no crash recovery ran: " + r, !"restart".equals(r.detector));
        }
    }

    /** The checkpoint written by the swap of this report. */
    protected String checkpointOf(SwapReport report) {
        for (SwapRecord r : lifecycle.history(100)) {
            if (report.id.equals(r.swapId) && r.checkpointId != null) {
                return r.checkpointId;
            }
        }
        throw new AssertionError("no checkpoint recorded for " + report.id);
    }

    /** A bundle made on the fly, without classes: one more consumer with a context of its own. */
    protected Bundle consumerBundle(String symbolicName) throws IOException, org.osgi.framework.BundleException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        a.putValue(Constants.BUNDLE_SYMBOLICNAME, symbolicName);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, m)) {
            out.flush();
        }
        Bundle b = context.installBundle("compat:" + symbolicName, new ByteArrayInputStream(bytes.toByteArray()));
        b.start();
        assertNotNull(b.getBundleContext());
        return b;
    }

    protected BundleContext probeContext() {
        return context;
    }
}
