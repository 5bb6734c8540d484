package io.baton.container.core.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.baton.container.core.ServiceChange;
import io.baton.container.core.SwapPhase;
import io.baton.container.core.SwapReport;
import io.baton.container.core.SwapRequest;
import io.baton.container.core.SwapStatus;
import io.baton.container.core.spi.SwapKind;
import io.baton.container.statexfer.Stateful;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.SynchronousBundleListener;

/**
 * Each phase on its own, in a real framework, against one swap context: what it does, and what its
 * undo restores. The scenario: bundle {@code t.counter} 1.0.0 serves a stateful Supplier (schema 1)
 * behind its facade; the target is 2.0.0 (schema 2, migrator 1 -> 2 multiplies by ten).
 */
public class PhasesTest {
    private static final String COMPONENT = "counter";

    @Rule
    public final TestFramework fw = new TestFramework();

    private final FakeStateTransfer transfer = new FakeStateTransfer().migrator(1, 2, m -> {
        m.put("n", ((Number) m.get("n")).intValue() * 10);
        return m;
    });
    private Bundle old;
    private final TestService v1 = new TestService("v1");
    private final TestService v2 = new TestService("v2");
    private Facade facade;
    private Path target;
    private List<String> bundlesBefore;

    @Before
    public void oneVersionServes() throws Exception {
        old = fw.deploy("t.counter", "1.0.0");
        v1.state.put("n", 3);
        v1.registerIn(old, COMPONENT, 1);
        facade = fw.managed.facades.of(old).get(0);
        target = fw.file("t.counter", "2.0.0", TestFramework.component(COMPONENT, Map.of(Stateful.STATE_TYPE, "counter", Stateful.STATE_VERSION, 2)));
        // the new version's "activator": registers v2 when the staged bundle starts
        fw.context.addBundleListener((SynchronousBundleListener) e -> {
            if (e.getType() == BundleEvent.STARTED && e.getBundle().getVersion().toString().equals("2.0.0")) {
                v2.registerIn(e.getBundle(), COMPONENT, 2);
            }
        });
        bundlesBefore = bundles();
    }

    private SwapContext swap(Path jar) {
        SwapRequest request = SwapRequest.of(jar.toString());
        request.stageTimeoutMillis = 2000;
        request.drainTimeoutMillis = 300;
        return new SwapContext("swap-1", request, SwapKind.SWAP, Map.of(), fw.env(transfer));
    }

    private List<String> bundles() {
        List<String> all = new ArrayList<>();
        for (Bundle b : fw.context.getBundles()) {
            all.add(b.getBundleId() + " " + b.getSymbolicName() + " " + b.getVersion() + " " + b.getState());
        }
        return all;
    }

    @SuppressWarnings("unchecked")
    private String callThroughFacade() {
        return ((Supplier<String>) fw.context.getService(facade.reference())).get();
    }

    private SwapContext upTo(SwapPhase last) throws PhaseFailure {
        SwapContext swap = swap(target);
        for (Phase p : SwapDriver.REVERSIBLE) {
            p.run(swap);
            if (p.id() == last) {
                break;
            }
        }
        return swap;
    }

    // ---- VALIDATE --------------------------------------------------------------------------------

    @Test
    public void validateMatchesServicesAndChainsFromTheDescriptorsAndChangesNothing() throws Exception {
        SwapContext swap = upTo(SwapPhase.VALIDATE);

        assertEquals("1.0.0", swap.report.targets.get(0).fromVersion);
        assertEquals("2.0.0", swap.report.targets.get(0).toVersion);
        assertEquals(ServiceChange.Kind.KEPT, swap.report.services.get(0).change);
        assertEquals(List.of("1->2"), swap.report.migrations.get(0).chain);
        assertEquals("nothing installed or started", bundlesBefore, bundles());
    }

    @Test
    public void validateRefusesATargetThatWouldLoseState() throws Exception {
        Path stateless = fw.file("t.counter", "2.0.0", TestFramework.component(COMPONENT, Map.of()));
        try {
            new ValidatePhase().run(swap(stateless));
            fail("refused");
        } catch (PhaseFailure expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("does not declare state type counter"));
        }
        assertEquals(bundlesBefore, bundles());
    }

    @Test
    public void validateRefusesTheVersionAlreadyRunning() throws Exception {
        try {
            new ValidatePhase().run(swap(fw.file("t.counter", "1.0.0", Map.of())));
            fail("refused");
        } catch (PhaseFailure expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("t.counter 1.0.0 is already running"));
        }
    }

    // ---- STAGE -----------------------------------------------------------------------------------

    @Test
    public void stageStartsTheNewVersionHiddenAndItsUndoRemovesIt() throws Exception {
        SwapContext swap = upTo(SwapPhase.STAGE);
        Target t = swap.targets.get(0);

        assertEquals(Bundle.ACTIVE, t.staged.getState());
        assertEquals(BundleRoles.Role.STAGED, fw.managed.roles.of(t.staged));
        StagedService s = t.services.get(0);
        assertSame("paired with the old facade", facade, s.facade);
        assertSame(v2, s.object);
        assertEquals(1, s.move.from);
        assertEquals(2, s.move.to);
        assertEquals("the new object's own threads wait for the import", List.of("suspend"), v2.events);
        assertEquals("consumers still reach the old version", "v1", callThroughFacade());

        new StagePhase().undo(swap);

        assertEquals(Bundle.UNINSTALLED, t.staged.getState());
        assertNull(fw.managed.roles.of(t.staged));
        assertEquals("the framework as before", bundlesBefore, bundles());
    }

    @Test
    public void stageFailsWhenTheDeclaredServiceNeverComesAndItsUndoRemovesTheBundle() throws Exception {
        Path other = fw.file("t.counter", "2.1.0", TestFramework.component(COMPONENT, Map.of(Stateful.STATE_TYPE, "counter", Stateful.STATE_VERSION, 2)));
        SwapContext swap = swap(other);
        swap.request.stageTimeoutMillis = 100;
        new ValidatePhase().run(swap);
        try {
            new StagePhase().run(swap);
            fail("aborted");
        } catch (PhaseFailure expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("did not register [t.counter|java.util.function.Supplier|counter] within 100 ms"));
        }
        new StagePhase().undo(swap);
        assertEquals(bundlesBefore, bundles());
    }

    // ---- QUIESCE ---------------------------------------------------------------------------------

    @Test
    public void quiesceHoldsNewCallsAndItsUndoReleasesThemToTheOldVersion() throws Exception {
        SwapContext swap = upTo(SwapPhase.QUIESCE);

        assertTrue(facade.isClosed());
        assertEquals(List.of("suspend"), v1.events);
        CompletableFuture<String> held = CompletableFuture.supplyAsync(this::callThroughFacade);
        Thread.sleep(50);
        assertFalse("a new call waits at the gate", held.isDone());

        new QuiescePhase().undo(swap);

        assertEquals("released to the old object, never failed", "v1", held.get(5, TimeUnit.SECONDS));
        assertFalse(facade.isClosed());
        assertEquals(List.of("suspend", "resume"), v1.events);
    }

    @Test
    public void quiesceFailsOnACallThatDoesNotLeaveAndNamesIt() throws Exception {
        SwapContext swap = upTo(SwapPhase.STAGE);
        CountDownLatch release = new CountDownLatch(1);
        v1.blockIn = release;
        Thread stuck = new Thread(this::callThroughFacade, "stuck-caller");
        stuck.start();
        while (facade.inFlight() == 0) {
            Thread.sleep(1);
        }
        try {
            new QuiescePhase().run(swap);
            fail("aborted");
        } catch (PhaseFailure expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("calls still in flight after drainTimeout of 300 ms"));
            assertTrue(swap.report.stuckCalls.toString(), swap.report.stuckCalls.get(0).contains("thread 'stuck-caller' in Supplier.get"));
        } finally {
            new QuiescePhase().undo(swap);
            release.countDown();
            stuck.join(5000);
        }
        assertFalse(facade.isClosed());
    }

    // ---- TRANSFER --------------------------------------------------------------------------------

    @Test
    public void transferMigratesTheOldStateIntoTheNewObject() throws Exception {
        SwapContext swap = upTo(SwapPhase.TRANSFER);

        assertEquals("schema 1 -> 2 by the migrator", 30, v2.state.get("n"));
        assertEquals("the old state was only read", 3, v1.state.get("n"));
        assertNotNull("the exported snapshot is kept for the checkpoint", swap.exported.get(facade.identity));
        assertTrue(swap.report.stateBytes > 0);
        assertTrue("still paused", facade.isClosed());
    }

    @Test
    public void transferFailsWhenTheNewObjectRefusesTheState() throws Exception {
        v2.importFailure = new IllegalArgumentException("schema 2 wants a positive n");
        SwapContext swap = upTo(SwapPhase.QUIESCE);
        try {
            new TransferPhase().run(swap);
            fail("aborted");
        } catch (PhaseFailure expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("importState() of t.counter|java.util.function.Supplier|counter 2.0.0 failed:"
                    + " java.lang.IllegalArgumentException: schema 2 wants a positive n"));
        }
        assertEquals(3, v1.state.get("n"));
    }

    @Test
    public void anImportThatNeverReturnsFailsWithinThePauseAndItsThreadIsNamed() throws Exception {
        v2.importBlocks = new CountDownLatch(1);
        SwapContext swap = swap(target);
        swap.request.maxPauseMillis = 300;
        try {
            SwapReport report = new SwapDriver(swap, null).swap();

            assertEquals(SwapStatus.ABORTED, report.status);
            assertTrue(report.failure, report.failure.matches("TRANSFER: importState\\(\\) of .* did not return within \\d+ ms; its thread 'baton-app-\\d+' is abandoned.*"));
            assertFalse("the gates are open again", facade.isClosed());
            assertEquals("the old version serves, its state untouched", "v1", callThroughFacade());
            assertEquals(3, v1.state.get("n"));
            assertTrue(fw.apps.abandoned().toString(), fw.apps.abandoned().get(0).contains("importState() of"));
        } finally {
            v2.importBlocks.countDown();
        }
    }

    @Test
    public void anErrorFromImportStateAbortsAndReopensTheGates() {
        v2.importFailure = null;
        v2.importError = new NoClassDefFoundError("com/acme/Gone");

        SwapReport report = new SwapDriver(swap(target), null).swap();

        assertEquals(SwapStatus.ABORTED, report.status);
        assertTrue(report.failure, report.failure.contains("java.lang.NoClassDefFoundError: com/acme/Gone"));
        assertFalse(facade.isClosed());
        assertEquals("v1", callThroughFacade());
    }

    @Test
    public void thePauseEndsWithinMaxPauseWhateverHangsInIt() throws Exception {
        CountDownLatch hang = new CountDownLatch(1);
        fw.participants.add(new io.baton.container.core.spi.SwapParticipant() {
            @Override
            public void admit(io.baton.container.core.spi.SwapTicket swap) {
            }

            @Override
            public void installing(String symbolicName, String version, String source, byte[] content) {
            }

            @Override
            public void quiescing(io.baton.container.core.spi.SwapTicket swap) {
            }

            @Override
            public void prepare(io.baton.container.core.spi.SwapTicket swap, Map<String, io.baton.container.statexfer.Snapshot> exported)
                    throws InterruptedException {
                hang.await(); // e.g. a write to a disk that never answers
            }

            @Override
            public void swapped(io.baton.container.core.spi.SwapTicket swap) {
            }

            @Override
            public void failed(io.baton.container.core.spi.SwapTicket swap) {
            }
        });
        SwapContext swap = swap(target);
        swap.request.maxPauseMillis = 200;
        CompletableFuture<SwapReport> running = CompletableFuture.supplyAsync(() -> new SwapDriver(swap, null).swap());
        while (swap.pause.get() != SwapContext.Pause.CLOSED) {
            Thread.sleep(1);
        }
        CompletableFuture<String> held = CompletableFuture.supplyAsync(this::callThroughFacade);

        assertEquals("the watchdog reopened the gates on the old version", "v1", held.get(10, TimeUnit.SECONDS));
        hang.countDown();
        SwapReport report = running.get(10, TimeUnit.SECONDS);
        assertEquals(SwapStatus.ABORTED, report.status);
        assertTrue(report.failure, report.failure.contains("over maxPause of 200 ms") || report.failure.contains("the watchdog reopened the gates"));
        assertEquals("v1", callThroughFacade());
    }

    // ---- SWITCH and RETIRE -----------------------------------------------------------------------

    @Test
    public void switchPointsTheSameFacadeAtTheNewObjectAndOpensTheGates() throws Exception {
        ServiceReference<?> before = facade.reference();
        SwapContext swap = upTo(SwapPhase.TRANSFER);

        new SwitchPhase().run(swap);

        assertSame("consumers keep their reference", before, facade.reference());
        assertEquals("v2", callThroughFacade());
        assertFalse(facade.isClosed());
        assertTrue(swap.report.pauseMicros > 0);
        assertEquals(BundleRoles.Role.RETIRED, fw.managed.roles.of(old));
        assertEquals(BundleRoles.Role.ACTIVE, fw.managed.roles.of(swap.targets.get(0).staged));
        assertEquals("the new object resumed after the import", List.of("suspend", "import", "resume"), v2.events);
        assertEquals("the pause ended: its watch is gone and holds nothing of the swap (or of the old version)", 0,
                swap.env.watchdog.watching());
    }

    @Test
    public void retireKeepsTheOldVersionActiveButUnseenAsAWarmStandby() throws Exception {
        SwapContext swap = upTo(SwapPhase.TRANSFER);
        new SwitchPhase().run(swap);

        new RetirePhase().run(swap);

        assertEquals("active: a rollback starts nothing", Bundle.ACTIVE, old.getState());
        assertEquals(BundleRoles.Role.RETIRED, fw.managed.roles.of(old));
        assertEquals("callers reach the new version only", "v2", callThroughFacade());
        assertTrue(swap.report.notes.toString(), swap.report.notes.toString().contains("warm standby until commit"));
    }

    @Test
    public void aColdSwapStopsTheOldVersionButKeepsItInstalledForARollback() throws Exception {
        SwapContext swap = upTo(SwapPhase.TRANSFER);
        swap.request.standby = false;
        new SwitchPhase().run(swap);

        new RetirePhase().run(swap);

        assertEquals(Bundle.RESOLVED, old.getState());
    }

    // ---- service scopes --------------------------------------------------------------------------

    /** A bundle-scoped service: each consumer bundle gets its own object, which says who it was made for. */
    private static ServiceFactory<Object> perConsumer(String version) {
        return new ServiceFactory<Object>() {
            @Override
            public Object getService(Bundle consumer, ServiceRegistration<Object> registration) {
                return (Supplier<String>) () -> version + " for " + consumer.getSymbolicName();
            }

            @Override
            public void ungetService(Bundle consumer, ServiceRegistration<Object> registration, Object service) {
                // nothing held
            }
        };
    }

    @Test
    @SuppressWarnings("unchecked")
    public void aBundleScopedServiceKeepsOneObjectPerConsumerThroughTheFacadeAndAcrossASwap() throws Exception {
        Bundle greeter = fw.deploy("t.greeter", "1.0.0");
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("component.name", "greeter");
        greeter.getBundleContext().registerService(Supplier.class.getName(), perConsumer("1.0.0"), props);
        Facade greeterFacade = fw.managed.facades.of(greeter).get(0);
        assertEquals(Facade.Scope.BUNDLE, greeterFacade.scope);
        Bundle a = fw.context.installBundle("consumer-a", new java.io.ByteArrayInputStream(TestFramework.jar("consumer.a", "1.0.0", Map.of())));
        Bundle b = fw.context.installBundle("consumer-b", new java.io.ByteArrayInputStream(TestFramework.jar("consumer.b", "1.0.0", Map.of())));
        a.start();
        b.start();
        Supplier<String> seenByA = (Supplier<String>) a.getBundleContext().getService(greeterFacade.reference());
        Supplier<String> seenByB = (Supplier<String>) b.getBundleContext().getService(greeterFacade.reference());
        assertEquals("1.0.0 for consumer.a", seenByA.get());
        assertEquals("1.0.0 for consumer.b", seenByB.get());

        fw.context.addBundleListener((SynchronousBundleListener) e -> {
            if (e.getType() == BundleEvent.STARTED && e.getBundle().getSymbolicName().equals("t.greeter")) {
                e.getBundle().getBundleContext().registerService(Supplier.class.getName(), perConsumer("2.0.0"), props);
            }
        });
        Path next = fw.file("t.greeter", "2.0.0", TestFramework.component("greeter", Map.of()));
        SwapReport report = new SwapDriver(swap(next), null).swap();

        assertEquals(report.failure, SwapStatus.SWAPPED, report.status);
        assertEquals("the same proxy, now the new version's object for the same consumer", "2.0.0 for consumer.a", seenByA.get());
        assertEquals("2.0.0 for consumer.b", seenByB.get());
    }

    // ---- the whole swap --------------------------------------------------------------------------

    @Test
    public void theDriverRunsTheRealPhasesToSwapped() {
        SwapReport report = new SwapDriver(swap(target), null).swap();

        assertEquals(report.failure, SwapStatus.SWAPPED, report.status);
        assertEquals("v2", callThroughFacade());
        assertEquals(30, v2.state.get("n"));
    }
}
