package io.baton.bench;

import io.baton.bench.api.BlobService;
import io.baton.bench.api.ConsumerProbe;
import io.baton.container.launcher.RuntimeAssembly;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The baseline: plain Apache Felix with Felix SCR (the same jars as Baton's runtime), no Baton. The
 * same blob bundle and consumer are installed as ordinary bundles; callers reach the blob through a
 * {@link ServiceTracker}. Swaps are what {@code bundle:update} does ({@code Bundle.update} then
 * {@code FrameworkWiring.refreshBundles}), or a framework restart on the same storage.
 */
final class PlainFelixRig implements AutoCloseable {
    private static final List<String> RUNTIME = List.of("org.osgi.util.function", "org.osgi.util.promise",
            "org.osgi.service.component", "org.apache.felix.scr");

    private final Path storage;
    private Framework framework;
    private volatile ServiceTracker<BlobService, BlobService> blob;
    private volatile ServiceTracker<ConsumerProbe, ConsumerProbe> consumer;
    private long blobId;

    PlainFelixRig(Path storage, BenchBundles bundles) throws Exception {
        this.storage = storage;
        start(true);
        Bundle b = framework.getBundleContext().installBundle("bench:blob", Files.newInputStream(bundles.blobV1));
        blobId = b.getBundleId();
        Bundle c = framework.getBundleContext().installBundle(bundles.consumer.toUri().toString());
        b.start();
        c.start();
        awaitServices();
    }

    private void start(boolean clean) throws Exception {
        Map<String, String> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, clean ? Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT : "none");
        // the state API as Baton's host shares it (the same version), and the bench API
        String stateApi = java.util.Arrays.stream(RuntimeAssembly.SYSTEM_PACKAGES_EXTRA.split(","))
                .filter(p -> p.startsWith("io.baton.container.statexfer;")).findFirst().orElseThrow();
        props.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, stateApi + ",io.baton.bench.api;version=1.0.0");
        props.put("felix.resolver.parallelism", "1");
        framework = ServiceLoader.load(FrameworkFactory.class, PlainFelixRig.class.getClassLoader()).findFirst()
                .orElseThrow().newFramework(props);
        framework.init();
        if (clean) {
            for (RuntimeAssembly.Entry e : RuntimeAssembly.load().bundles()) {
                if (RUNTIME.stream().anyMatch(name -> e.fileName().startsWith(name + "-"))) {
                    try (InputStream in = e.url().openStream()) {
                        framework.getBundleContext().installBundle("bench:runtime/" + e.fileName(), in).start();
                    }
                }
            }
        }
        framework.start();
        blob = new ServiceTracker<>(framework.getBundleContext(), BlobService.class, null);
        blob.open();
        consumer = new ServiceTracker<>(framework.getBundleContext(), ConsumerProbe.class, null);
        consumer.open();
    }

    void awaitServices() throws InterruptedException {
        if (blob.waitForService(30_000) == null || consumer.waitForService(30_000) == null) {
            throw new IllegalStateException("plain Felix: the blob or its consumer did not come up");
        }
    }

    /** The callers' source: whatever the tracker holds now (null between registrations). */
    BlobService current() {
        ServiceTracker<BlobService, BlobService> t = blob;
        return t == null ? null : t.getService();
    }

    /** The blob bundle's state and services, for error messages. */
    String describe() {
        Bundle b = framework.getBundleContext().getBundle(blobId);
        if (b == null) {
            return "blob bundle " + blobId + " not installed";
        }
        StringBuilder s = new StringBuilder("blob bundle " + b.getVersion() + " state " + b.getState() + ", services ");
        org.osgi.framework.ServiceReference<?>[] refs = b.getRegisteredServices();
        s.append(refs == null ? "none" : java.util.Arrays.toString(refs));
        s.append(", tracker holds ").append(blob.getService());
        return s.toString();
    }

    int consumerActivations() {
        ConsumerProbe p = consumer.getService();
        return p == null ? -1 : p.activations();
    }

    /** {@code bundle:update}: update the blob bundle from {@code jar}, refresh it, wait for the refresh. */
    void updateAndRefresh(Path jar) throws Exception {
        Bundle b = framework.getBundleContext().getBundle(blobId);
        try (InputStream in = Files.newInputStream(jar)) {
            b.update(in);
        }
        CountDownLatch refreshed = new CountDownLatch(1);
        framework.adapt(FrameworkWiring.class).refreshBundles(List.of(b), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED || event.getType() == FrameworkEvent.ERROR) {
                refreshed.countDown();
            }
        });
        if (!refreshed.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("plain Felix: refresh did not finish within 60 s");
        }
    }

    /** Stops the framework and starts it again on the same storage (bundles and versions kept). */
    void restart() throws Exception {
        blob.close();
        consumer.close();
        framework.stop();
        framework.waitForStop(60_000);
        start(false);
    }

    @Override
    public void close() throws BundleException, InterruptedException {
        blob.close();
        consumer.close();
        framework.stop();
        framework.waitForStop(60_000);
    }
}
