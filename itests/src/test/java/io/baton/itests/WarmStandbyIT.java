package io.baton.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.baton.container.core.SwapReport;
import io.baton.container.core.SwapRequest;
import io.baton.container.rollback.Lifecycle;
import io.baton.container.rollback.RecordKind;
import io.baton.container.rollback.RecordState;
import io.baton.container.rollback.SwapRecord;
import io.baton.example.cart.api.CartService;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The old version as a warm standby during probation (issue 13): active but unseen, so a rollback
 * moves state and points the facades back, starting and resolving nothing; commit removes it; a cold
 * swap stops it at once. And detection that does not wait for a poll.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class WarmStandbyIT extends SwapTestSupport {
    private static final String CART = "io.baton.example.cart.impl";

    @Inject
    private Lifecycle lifecycle;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Test
    public void aRollbackDuringProbationStartsAndResolvesNothingAndCarriesEveryWriteBack() throws Exception {
        deploy(jar("example.cart.impl.v2"));
        CartService cart = service(CartService.class, "");
        cart.add("c", "x", 2);
        SwapRequest r = request(jar("example.cart.impl.v3"));
        r.probationMillis = 60_000;
        assertSwapped(container.swap(r));
        Bundle standby = bundle(CART, "2.0.0");
        assertEquals("the old version is kept active", Bundle.ACTIVE, standby.getState());
        assertEquals("callers reach the new version only", "3.0.0", reference(CartService.class, null).getProperty("baton.facade.version"));

        List<String> events = new ArrayList<>();
        SynchronousBundleListener watch = e -> {
            if (e.getBundle().getBundleId() == standby.getBundleId()) {
                synchronized (events) {
                    events.add(type(e.getType()));
                }
            }
        };
        context.addBundleListener(watch);
        CartLoad load = new CartLoad(cart, 4, Integer.MAX_VALUE);
        SwapRecord back;
        try {
            Thread.sleep(100);
            back = lifecycle.rollback();
            Thread.sleep(100);
        } finally {
            load.close();
            context.removeBundleListener(watch);
        }

        assertEquals(back.failure, RecordState.DONE, back.state);
        assertEquals("the standby bundle was neither started, stopped nor resolved again", List.of(), events);
        assertEquals(Bundle.ACTIVE, standby.getState());
        assertTrue("the time to the old version serving is recorded: " + back.servingMicros, back.servingMicros > 0);
        assertEquals("2.0.0", reference(CartService.class, null).getProperty("baton.facade.version"));
        assertEquals("no call failed: " + load.failures, List.of(), load.failures);
        assertEquals(Map.of("x", 2), cart.lines("c"));
        for (Map.Entry<String, Map<String, Integer>> e : load.expected().entrySet()) {
            assertEquals("every acknowledged write came back down: " + e.getKey(), e.getValue(), cart.lines(e.getKey()));
        }
        assertEquals("the version rolled back from is gone", 1, bundles(CART).size());
    }

    @Test
    public void commitStopsAndRemovesTheStandby() throws Exception {
        deploy(jar("example.cart.impl.v2"));
        SwapRequest r = request(jar("example.cart.impl.v3"));
        r.probationMillis = 60_000;
        assertSwapped(container.swap(r));
        assertEquals(2, bundles(CART).size());

        SwapRecord commit = lifecycle.commit();

        assertEquals(RecordState.DONE, commit.state);
        assertEquals("only the new version is left", List.of("3.0.0"), versions(bundles(CART)));
    }

    @Test
    public void aColdSwapStopsTheOldVersionAtOnce() throws Exception {
        deploy(jar("example.cart.impl.v2"));
        SwapRequest r = request(jar("example.cart.impl.v3"));
        r.probationMillis = 60_000;
        r.standby = false;

        SwapReport report = container.swap(r);

        assertSwapped(report);
        assertEquals(Bundle.RESOLVED, bundle(CART, "2.0.0").getState());
        assertEquals(RecordState.DONE, lifecycle.rollback().state); // and a rollback still works, starting it again
        assertEquals("2.0.0", reference(CartService.class, null).getProperty("baton.facade.version"));
    }

    @Test
    public void aFailingReleaseIsDetectedAtTheFailedCallNotAtTheNextPoll() throws Exception {
        // the detectors' poll every 10 minutes: only the signal of the failed calls can roll back within the test
        configurationAdmin.getConfiguration("io.baton.rollback", "?").update(new Hashtable<>(Map.of("checkIntervalMillis", 600_000L)));
        Thread.sleep(500); // the rollback component takes the new configuration (asynchronously)
        deploy(jar("example.cart.impl.v2"));
        CartService cart = service(CartService.class, "");
        CartLoad load = new CartLoad(cart, 4, Integer.MAX_VALUE);
        SwapRecord rollback;
        try {
            Thread.sleep(100);
            SwapRequest r = request(jar("example.cart.impl.v31")); // fails a quarter of its adds
            r.probationMillis = 60_000;
            assertSwapped(container.swap(r));
            rollback = awaitRollback(20_000);
        } finally {
            load.close();
        }

        assertEquals(rollback.failure, RecordState.DONE, rollback.state);
        assertEquals("error-rate", rollback.detector);
        assertTrue("found by a signalled call, not a poll: " + rollback.detectionMicros, rollback.detectionMicros >= 0);
        assertEquals("2.0.0", reference(CartService.class, null).getProperty("baton.facade.version"));
        for (Map.Entry<String, Map<String, Integer>> e : load.expected().entrySet()) {
            assertEquals("cart " + e.getKey(), e.getValue(), cart.lines(e.getKey()));
        }
    }

    private SwapRecord awaitRollback(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            for (SwapRecord r : lifecycle.history(5)) {
                if (r.kind == RecordKind.ROLLBACK) {
                    return r;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no rollback within " + millis + " ms: " + lifecycle.history(5));
    }

    private Bundle bundle(String symbolicName, String version) {
        return bundles(symbolicName).stream().filter(b -> b.getVersion().toString().equals(version)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + symbolicName + " " + version));
    }

    private List<Bundle> bundles(String symbolicName) {
        List<Bundle> found = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                found.add(b);
            }
        }
        return found;
    }

    private static List<String> versions(List<Bundle> bundles) {
        List<String> v = new ArrayList<>();
        bundles.forEach(b -> v.add(b.getVersion().toString()));
        return v;
    }

    private static String type(int type) {
        switch (type) {
            case BundleEvent.STARTING: return "STARTING";
            case BundleEvent.STARTED: return "STARTED";
            case BundleEvent.STOPPING: return "STOPPING";
            case BundleEvent.STOPPED: return "STOPPED";
            case BundleEvent.RESOLVED: return "RESOLVED";
            case BundleEvent.UNRESOLVED: return "UNRESOLVED";
            case BundleEvent.UPDATED: return "UPDATED";
            default: return "event " + type;
        }
    }
}
