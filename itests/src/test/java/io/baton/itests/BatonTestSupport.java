package io.baton.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.frameworkStartLevel;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemPackages;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import io.baton.container.launcher.RuntimeAssembly;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.options.UrlProvisionOption;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The one base configuration every integration test reuses: the launcher's runtime assembly (same
 * bundles, same start levels, same framework properties) in a Felix started by Pax Exam. A test adds
 * only its own delta by overriding {@link #config()} and calling {@link #baseConfiguration()}.
 */
public abstract class BatonTestSupport {
    private static final String SYSTEM_PACKAGES_EXTRA = "org.osgi.framework.system.packages.extra";

    @Inject
    protected BundleContext context;

    @Configuration
    public Option[] config() {
        return new Option[] {baseConfiguration()};
    }

    public static Option baseConfiguration() {
        List<Option> options = new ArrayList<>();
        RuntimeAssembly.frameworkProperties().forEach((k, v) -> {
            // Pax Exam owns this property (it adds its own packages): hand ours over as options.
            if (k.equals(SYSTEM_PACKAGES_EXTRA)) {
                options.add(systemPackages(v.split(",")));
            } else {
                options.add(frameworkProperty(k).value(v));
            }
        });
        options.add(frameworkProperty("gosh.home").value(quietGoshHome()));
        for (RuntimeAssembly.Entry entry : RuntimeAssembly.load().bundles()) {
            UrlProvisionOption bundle = bundle(entry.url().toExternalForm()).startLevel(entry.startLevel());
            options.add(entry.fragment() ? bundle.noStart() : bundle.start());
        }
        options.add(frameworkStartLevel(RuntimeAssembly.APPLICATION_LEVEL + 2));
        options.add(junitBundles());
        options.add(systemProperty("org.ops4j.pax.url.mvn.localRepository")
                .value(System.getProperty("org.ops4j.pax.url.mvn.localRepository", "")));
        options.add(systemProperty("org.jline.terminal.dumb").value("true"));
        return composite(options.toArray(new Option[0]));
    }

    /** The URL of a jar of the runtime assembly whose file name starts with {@code prefix} (outside the framework only). */
    public static String runtimeJar(String prefix) {
        for (RuntimeAssembly.Entry e : RuntimeAssembly.load().bundles()) {
            if (e.fileName().startsWith(prefix)) {
                return e.url().toExternalForm();
            }
        }
        throw new IllegalStateException("No runtime jar " + prefix + "*");
    }

    /** A gosh.home whose profile is empty: no console runs in tests, so the login profile has no use. */
    private static String quietGoshHome() {
        Path home = Path.of(System.getProperty("baton.itest.work", "target/exam"), "gosh");
        try {
            Files.createDirectories(home.resolve("etc"));
            Files.writeString(home.resolve("etc/gosh_profile"), "# no console in tests\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write " + home, e);
        }
        return home.toAbsolutePath().toString();
    }

    /**
     * The runtime's HTTP server: the base configuration binds it to loopback on a free port, which only
     * its {@code HttpServiceRuntime} knows ({@code osgi.http.endpoint}, e.g. {@code http://127.0.0.1:41234/}).
     */
    protected URI httpEndpoint() throws IOException {
        try {
            awaitService("(osgi.http.endpoint=*)", 20_000);
            BundleContext ctx = context != null ? context : FrameworkUtil.getBundle(getClass()).getBundleContext();
            ServiceReference<?> ref = ctx.getServiceReferences((String) null, "(osgi.http.endpoint=*)")[0];
            Object endpoint = ref.getProperty("osgi.http.endpoint");
            String first = endpoint instanceof String[] ? ((String[]) endpoint)[0]
                    : endpoint instanceof java.util.Collection ? String.valueOf(((java.util.Collection<?>) endpoint).iterator().next()) : String.valueOf(endpoint);
            return URI.create(first);
        } catch (InterruptedException | InvalidSyntaxException e) {
            throw new IOException("No HTTP runtime endpoint: " + e, e);
        }
    }

    /** Waits up to {@code millis} for a service matching an LDAP filter. */
    protected Object awaitService(String filter, long millis) throws InterruptedException, InvalidSyntaxException {
        BundleContext ctx = context != null ? context : FrameworkUtil.getBundle(getClass()).getBundleContext();
        Filter f = ctx.createFilter(filter);
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(ctx, f, null);
        tracker.open(true);
        try {
            Object service = tracker.waitForService(millis);
            if (service == null) {
                throw new AssertionError("No service " + filter + " within " + millis + " ms");
            }
            return service;
        } finally {
            tracker.close();
        }
    }
}
