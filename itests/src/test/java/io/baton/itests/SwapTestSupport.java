package io.baton.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.composite;

import io.baton.container.core.BundleInfo;
import io.baton.container.core.Container;
import io.baton.container.core.PhaseTiming;
import io.baton.container.core.SwapPhase;
import io.baton.container.core.SwapReport;
import io.baton.container.core.SwapRequest;
import io.baton.container.core.SwapStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.inject.Inject;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Base of the swap tests: the base configuration plus the example API bundle (installed unmanaged, so
 * test classes can use its types), and helpers to reach the example jars, make variants, deploy and
 * swap, and compare the framework before and after.
 */
public abstract class SwapTestSupport extends BatonTestSupport {

    @Inject
    protected Container container;

    @Override
    @Configuration
    public Option[] config() {
        return new Option[] {baseConfiguration(), composite(bundle(jar("example.cart.api").toUri().toString()).start())};
    }

    /** A jar built by the reactor and copied by the itests build into target/bundles. */
    protected static Path jar(String artifactId) {
        Path jar = Path.of(System.getProperty("baton.itest.bundles", "target/bundles"), artifactId + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No test bundle " + jar + "; is it a dependency of itests?");
        }
        return jar;
    }

    /** A fresh path for a variant or a bad input, under the Pax Exam work folder. */
    protected static Path workFile(String name) throws IOException {
        Path dir = Path.of(System.getProperty("baton.itest.work", "target/exam"), "variants");
        Files.createDirectories(dir);
        return Files.createTempFile(dir, name, ".jar");
    }

    /** A fresh folder under the Pax Exam work folder. */
    protected static Path workFolder(String name) throws IOException {
        Path dir = Path.of(System.getProperty("baton.itest.work", "target/exam"));
        Files.createDirectories(dir);
        return Files.createTempDirectory(dir, name);
    }

    protected static Path variant(String artifactId, String version) throws IOException {
        return JarVariants.of(jar(artifactId)).version(version).writeTo(workFile(artifactId + "-" + version));
    }

    protected List<BundleInfo> deploy(Path... jars) {
        List<String> sources = new ArrayList<>();
        for (Path p : jars) {
            sources.add(p.toString());
        }
        return container.deploy(sources);
    }

    protected SwapReport swap(Path... jars) {
        return container.swap(request(jars));
    }

    protected static SwapRequest request(Path... jars) {
        SwapRequest r = new SwapRequest();
        for (Path p : jars) {
            r.targets.add(p.toString());
        }
        return r;
    }

    /** @return symbolic name to version of every managed bundle serving */
    protected Map<String, String> managedVersions() {
        Map<String, String> versions = new TreeMap<>();
        for (BundleInfo b : container.managed()) {
            versions.put(b.symbolicName, b.version);
        }
        return versions;
    }

    protected <T> T service(Class<T> type, String filter) throws Exception {
        return type.cast(awaitService("(&(objectClass=" + type.getName() + ")" + filter + ")", 10_000));
    }

    protected ServiceReference<?> reference(Class<?> type, String filter) throws Exception {
        ServiceReference<?>[] refs = context.getServiceReferences(type.getName(), filter);
        assertTrue("exactly one " + type.getSimpleName() + " " + filter + " visible", refs != null && refs.length == 1);
        return refs[0];
    }

    /** Every bundle's id, symbolic name, version, state and wires, to compare before and after. */
    protected Map<Long, String> frameworkSnapshot() {
        Map<Long, String> snapshot = new TreeMap<>();
        for (Bundle b : context.getBundles()) {
            StringBuilder s = new StringBuilder(b.getSymbolicName() + " " + b.getVersion() + " " + b.getState());
            BundleWiring wiring = b.adapt(BundleWiring.class);
            if (wiring != null) {
                for (BundleWire w : wiring.getRequiredWires(null)) {
                    s.append(" ->").append(w.getProvider().getBundle().getBundleId());
                }
            }
            snapshot.put(b.getBundleId(), s.toString());
        }
        return snapshot;
    }

    /** The invariants of every swap report: status, phases in order, plausible timings. */
    protected static void assertSwapped(SwapReport report) {
        assertEquals(report.failure, SwapStatus.SWAPPED, report.status);
        List<SwapPhase> phases = new ArrayList<>();
        long sum = 0;
        for (PhaseTiming t : report.phases) {
            phases.add(t.phase);
            assertTrue(t.phase + " took " + t.micros, t.micros >= 0);
            sum += t.micros;
        }
        assertEquals(List.of(SwapPhase.values()), phases);
        assertTrue("pause " + report.pauseMicros, report.pauseMicros > 0);
        assertTrue("phases " + sum + " fit in the total " + report.totalMicros, sum <= report.totalMicros);
        // the gates close at the start of QUIESCE and open within SWITCH
        assertTrue("pause " + report.pauseMicros + " covers TRANSFER " + report.phaseMicros(SwapPhase.TRANSFER),
                report.pauseMicros >= report.phaseMicros(SwapPhase.TRANSFER));
        long beforeQuiesce = report.phaseMicros(SwapPhase.VALIDATE) + report.phaseMicros(SwapPhase.STAGE);
        assertTrue("pause " + report.pauseMicros + " fits after VALIDATE and STAGE in the total " + report.totalMicros,
                report.pauseMicros <= report.totalMicros - beforeQuiesce);
    }
}
