package io.baton.bench;

import io.baton.bench.api.BlobService;
import io.baton.bench.api.ConsumerProbe;
import io.baton.container.core.BundleInfo;
import io.baton.container.core.Container;
import io.baton.container.launcher.Baton;
import io.baton.container.launcher.BatonContainer;
import io.baton.container.launcher.RuntimeAssembly;
import io.baton.container.rollback.Lifecycle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * A real embedded Baton container on a fresh home with the blob deployed as a managed bundle (1.0.0)
 * and the consumer installed as an ordinary bundle. The host holds the blob's facade, as a DS
 * consumer would.
 */
final class BatonRig implements AutoCloseable {
    /** Baton's shared packages plus the bench API, so that host and bundles see the same BlobService. */
    static final String SYSTEM_PACKAGES = RuntimeAssembly.SYSTEM_PACKAGES_EXTRA + ",io.baton.bench.api;version=1.0.0";

    final BatonContainer baton;
    final Container container;
    final Lifecycle lifecycle;
    final BlobService facade;
    private final ServiceTracker<ConsumerProbe, ConsumerProbe> consumer;

    BatonRig(Path home, BenchBundles bundles, boolean withConsumer) throws BundleException, InterruptedException, InvalidSyntaxException {
        baton = Baton.builder().home(home).clean(true)
                .property("org.osgi.framework.system.packages.extra", SYSTEM_PACKAGES)
                .start();
        try {
            container = baton.service(Container.class, Duration.ofSeconds(30));
            lifecycle = baton.service(Lifecycle.class, Duration.ofSeconds(30));
            container.deploy(List.of(bundles.blobV1.toString()));
            facade = facade(baton.context());
            consumer = new ServiceTracker<>(baton.context(), ConsumerProbe.class, null);
            consumer.open();
            if (withConsumer) {
                baton.context().installBundle(bundles.consumer.toUri().toString()).start();
                if (consumer.waitForService(30_000) == null) {
                    throw new IllegalStateException("the bench consumer did not activate");
                }
            }
        } catch (RuntimeException | BundleException | InterruptedException | InvalidSyntaxException e) {
            baton.close();
            throw e;
        }
    }

    /**
     * The blob's facade. Filtered on {@code baton.facade}: the host looks through the system bundle's
     * context, which service hooks do not filter, so it also sees the hidden implementation.
     */
    private static BlobService facade(BundleContext context) throws InterruptedException, InvalidSyntaxException {
        ServiceTracker<BlobService, BlobService> t = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=" + BlobService.class.getName() + ")(baton.facade=true))"), null);
        t.open();
        try {
            BlobService s = t.waitForService(30_000);
            if (s == null) {
                throw new IllegalStateException("no facade for the blob service within 30 s");
            }
            return s;
        } finally {
            t.close(); // the facade object stays valid: its registration never changes across swaps
        }
    }

    /** @return the consumer's activation count, or -1 if none is registered */
    /**
     * Sets {@code syncCheckpoints} of Baton's rollback configuration (PID {@code io.baton.rollback}) through
     * ConfigAdmin, by reflection: the host does not share the ConfigAdmin API with the bundles.
     */
    void syncCheckpoints(boolean sync) throws Exception {
        BundleContext context = baton.context();
        ServiceReference<?> ref = context.getServiceReference("org.osgi.service.cm.ConfigurationAdmin");
        if (ref == null) {
            throw new IllegalStateException("no ConfigurationAdmin in the container");
        }
        Object admin = context.getService(ref);
        try {
            Object configuration = admin.getClass().getMethod("getConfiguration", String.class, String.class).invoke(admin, "io.baton.rollback", "?");
            java.util.Hashtable<String, Object> props = new java.util.Hashtable<>();
            props.put("syncCheckpoints", sync);
            configuration.getClass().getMethod("update", java.util.Dictionary.class).invoke(configuration, props);
        } finally {
            context.ungetService(ref);
        }
        Thread.sleep(1000); // ConfigAdmin and SCR apply it asynchronously (@Modified)
    }

    int consumerActivations() {
        ConsumerProbe p = consumer.getService();
        return p == null ? -1 : p.activations();
    }

    /** @return the managed blob bundle serving now */
    Bundle blobBundle() {
        for (BundleInfo b : container.managed()) {
            if (b.symbolicName.equals("io.baton.bench.blob")) {
                return baton.context().getBundle(b.id);
            }
        }
        throw new IllegalStateException("no blob bundle is managed: " + container.managed());
    }

    /**
     * The blob's implementation object itself, as its own bundle sees it (everyone else sees the
     * facade): the direct call of the overhead benchmark.
     */
    BlobService directBlob() throws InvalidSyntaxException {
        BundleContext own = blobBundle().getBundleContext();
        for (ServiceReference<BlobService> ref : own.getServiceReferences(BlobService.class, "(!(baton.facade=true))")) {
            if (ref.getBundle().getBundleId() == own.getBundle().getBundleId()) {
                return own.getService(ref);
            }
        }
        throw new IllegalStateException("the blob bundle registered no BlobService");
    }

    @Override
    public void close() {
        consumer.close();
        baton.close();
    }
}
