package io.baton.container.launcher;

import io.baton.container.launcher.internal.GogoSession;
import io.baton.container.launcher.internal.HomeLock;
import io.baton.container.launcher.internal.OwnerOnly;
import io.baton.container.launcher.internal.RuntimeInstaller;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Baton container: an Apache Felix framework with the runtime assembly, on a locked home.
 *
 * <p>Thread-safe. {@link #close()} stops the framework in order (bundles stop by descending start
 * level), waits for it, and releases the home; it is idempotent.
 */
public final class BatonContainer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatonContainer.class);
    private static final String COMMAND_PROCESSOR = "org.apache.felix.service.command.CommandProcessor";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Path home;
    private final Framework framework;
    private final HomeLock lock;
    private final Duration startupTime;
    private boolean closed;

    private BatonContainer(Path home, Framework framework, HomeLock lock, Duration startupTime) {
        this.home = home;
        this.framework = framework;
        this.lock = lock;
        this.startupTime = startupTime;
    }

    static BatonContainer start(Baton.Builder options) {
        long t0 = System.nanoTime();
        Path home = options.home.toAbsolutePath().normalize();
        HomeLock lock = HomeLock.acquire(home);
        Framework framework = null;
        try {
            if (options.clean) {
                wipe(home);
            }
            OwnerOnly.secure(home);
            RuntimeAssembly assembly = RuntimeAssembly.load();
            Map<String, String> props = new HashMap<>(RuntimeAssembly.frameworkProperties());
            props.put(Constants.FRAMEWORK_STORAGE, home.resolve("framework").toString());
            props.put(Constants.FRAMEWORK_STORAGE_CLEAN, "none");
            props.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, Integer.toString(RuntimeAssembly.APPLICATION_LEVEL));
            if (options.console) {
                props.put("gosh.args", "");
            } else {
                props.put("gosh.home", quietGoshHome(home).toString());
            }
            props.putAll(options.properties);
            framework = ServiceLoader.load(FrameworkFactory.class, BatonContainer.class.getClassLoader())
                    .findFirst()
                    .orElseThrow(() -> new BatonException("No OSGi FrameworkFactory on the class path"))
                    .newFramework(props);
            framework.init();
            // felix.startlevel.bundle is Felix's own; the standard API gives managed bundles their level on any framework
            framework.adapt(FrameworkStartLevel.class).setInitialBundleStartLevel(RuntimeAssembly.APPLICATION_LEVEL);
            RuntimeInstaller installer = new RuntimeInstaller(framework.getBundleContext());
            installer.install(assembly);
            start(framework, options.startTimeout);
            installer.awaitActive(options.startTimeout);
            Duration startup = Duration.ofNanos(System.nanoTime() - t0);
            int bundles = framework.getBundleContext().getBundles().length;
            LOG.info("Baton started in {} ms, {} bundles (home {})", startup.toMillis(), bundles, home);
            return new BatonContainer(home, framework, lock, startup);
        } catch (BundleException | IOException | RuntimeException e) {
            stopQuietly(framework);
            lock.close();
            if (e instanceof BatonException) {
                throw (BatonException) e;
            }
            throw new BatonException("Baton failed to start on home " + home + ": " + e.getMessage(), e);
        }
    }

    /**
     * Starts the framework and waits for its STARTED event: the beginning start level reached, the
     * managed bundles started. Felix returns from {@code start()} only then, Equinox before; a host's
     * first command must not race the application's own services.
     */
    private static void start(Framework framework, Duration timeout) throws BundleException {
        CountDownLatch started = new CountDownLatch(1);
        FrameworkListener listener = event -> {
            if (event.getType() == FrameworkEvent.STARTED) {
                started.countDown();
            }
        };
        framework.getBundleContext().addFrameworkListener(listener);
        try {
            framework.start();
            if (!started.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new BatonException("The framework did not reach its beginning start level within " + timeout.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BatonException("Interrupted while the framework was starting", e);
        } finally {
            framework.getBundleContext().removeFrameworkListener(listener);
        }
    }

    /**
     * Without a console, Gogo's login profile only fails on its missing line reader: give it an empty
     * one under the home.
     */
    private static Path quietGoshHome(Path home) throws IOException {
        Path goshHome = home.resolve("gosh");
        Files.createDirectories(goshHome.resolve("etc"));
        Files.writeString(goshHome.resolve("etc/gosh_profile"), "# Baton: no console, no profile\n");
        return goshHome;
    }

    /** Deletes everything in the home but the lock file held by this process. */
    private static void wipe(Path home) throws IOException {
        try (Stream<Path> entries = Files.walk(home)) {
            for (Path p : (Iterable<Path>) entries.sorted(Comparator.reverseOrder())::iterator) {
                if (!p.equals(home) && !p.equals(home.resolve(HomeLock.FILE))) {
                    Files.delete(p);
                }
            }
        }
        LOG.info("Baton home {} wiped (--clean)", home);
    }

    /**
     * The framework writes files while it runs and as it stops (Equinox saves its state at each change)
     * with the process's umask; the home's 0700 already keeps others out, and tightening them again at
     * stop keeps a home that is copied or later loosened owner-only too.
     */
    private static void secureQuietly(Path home) {
        try {
            OwnerOnly.secure(home);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Baton home {}: could not make the files written while running owner-only: {}", home, e.toString());
        }
    }

    private static void stopQuietly(Framework framework) {
        if (framework == null) {
            return;
        }
        try {
            framework.stop();
            framework.waitForStop(STOP_TIMEOUT.toMillis());
        } catch (BundleException | InterruptedException | RuntimeException e) {
            LOG.warn("Framework did not stop cleanly: {}", e.toString());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** @return the absolute home folder */
    public Path home() {
        return home;
    }

    /** @return the framework, for hosts that need the full OSGi API */
    public Framework framework() {
        return framework;
    }

    /** @return the system bundle's context */
    public BundleContext context() {
        return framework.getBundleContext();
    }

    /** @return time from {@code start()} to every runtime bundle ACTIVE */
    public Duration startupTime() {
        return startupTime;
    }

    /**
     * Waits for a service. {@code type} must be a class the host shares with the bundles (the
     * {@code io.baton.container.core} API, or a JDK type).
     *
     * @throws BatonException if none appears within {@code timeout}
     */
    public <T> T service(Class<T> type, Duration timeout) {
        Object service = await("(" + Constants.OBJECTCLASS + "=" + type.getName() + ")", timeout);
        return type.cast(service);
    }

    /**
     * Waits until Gogo and Baton's commands are registered, so that {@link #execute} can run them.
     *
     * @throws BatonException if they do not appear within {@code timeout}
     */
    public void awaitCommands(Duration timeout) {
        await("(" + Constants.OBJECTCLASS + "=" + COMMAND_PROCESSOR + ")", timeout);
        await("(&(osgi.command.scope=baton)(osgi.command.function=status))", timeout);
    }

    private Object await(String filterText, Duration timeout) {
        Filter filter;
        try {
            filter = context().createFilter(filterText);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("Bad filter " + filterText, e);
        }
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context(), filter, null);
        tracker.open(true);
        try {
            Object service = tracker.waitForService(timeout.toMillis());
            if (service == null) {
                throw new BatonException("No service " + filterText + " within " + timeout.toMillis() + " ms");
            }
            return service;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BatonException("Interrupted while waiting for " + filterText, e);
        } finally {
            tracker.close();
        }
    }

    /**
     * Opens a Gogo session that prints to {@code out} and {@code err}; the caller closes it.
     *
     * @throws BatonException if Gogo is not there within 10 s
     */
    public GogoSession openSession(PrintStream out, PrintStream err) {
        Object processor = await("(" + Constants.OBJECTCLASS + "=" + COMMAND_PROCESSOR + ")", Duration.ofSeconds(10));
        return new GogoSession(processor, out, err);
    }

    /**
     * Runs a Gogo command line and returns what it printed followed by its formatted result.
     *
     * @throws CommandFailedException with Gogo's error if the command fails
     */
    public String execute(String command) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
                GogoSession session = openSession(out, out)) {
            String result;
            try {
                result = session.execute(command);
            } catch (Exception e) {
                out.flush();
                throw new CommandFailedException(command, GogoSession.describe(e),
                        buffer.toString(StandardCharsets.UTF_8), e);
            }
            out.flush();
            String printed = buffer.toString(StandardCharsets.UTF_8);
            return result == null ? printed : printed + result;
        }
    }

    /**
     * Blocks until the framework stops (by {@link #close()}, a shutdown hook, or a console command).
     */
    public void awaitStop() throws InterruptedException {
        FrameworkEvent event = framework.waitForStop(0);
        LOG.info("Framework stopped ({})", event.getType() == FrameworkEvent.STOPPED ? "STOPPED" : event.getType());
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long t0 = System.nanoTime();
        stopQuietly(framework);
        secureQuietly(home);
        lock.close();
        LOG.info("Baton stopped in {} ms (home {})", (System.nanoTime() - t0) / 1_000_000, home);
    }
}
