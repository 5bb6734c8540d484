package io.baton.container.core.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.baton.container.core.SwapPhase;
import io.baton.container.core.SwapReport;
import io.baton.container.core.SwapRequest;
import io.baton.container.core.SwapStatus;
import io.baton.container.core.spi.SwapKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** The driver alone, over phases that record what happens: the point of no return and the undo order. */
public class SwapDriverTest {
    private final List<String> log = new ArrayList<>();

    /** A phase that logs its run and undo, and fails as told. */
    private final class Step implements Phase {
        private final SwapPhase id;
        private final Throwable failure;

        Step(SwapPhase id, Throwable failure) {
            this.id = id;
            this.failure = failure;
        }

        @Override
        public SwapPhase id() {
            return id;
        }

        @Override
        public void run(SwapContext swap) throws PhaseFailure {
            log.add("run " + id);
            if (failure instanceof PhaseFailure) {
                throw (PhaseFailure) failure;
            }
            if (failure instanceof Error) {
                throw (Error) failure;
            }
            if (failure != null) {
                throw (RuntimeException) failure;
            }
        }

        @Override
        public void undo(SwapContext swap) {
            log.add("undo " + id);
        }
    }

    private static SwapContext context() {
        SwapEnvironment env = new SwapEnvironment(null, new ManagedServices(null, null, null, null), null, () -> null, () -> null, List::of);
        return new SwapContext("swap-1", SwapRequest.of("x.jar"), SwapKind.SWAP, Map.of(), env);
    }

    private SwapReport swap(Throwable atQuiesce, Throwable atSwitch) {
        List<Phase> reversible = List.of(new Step(SwapPhase.VALIDATE, null), new Step(SwapPhase.STAGE, null),
                new Step(SwapPhase.QUIESCE, atQuiesce), new Step(SwapPhase.TRANSFER, null));
        List<Phase> last = List.of(new Step(SwapPhase.SWITCH, atSwitch), new Step(SwapPhase.RETIRE, null));
        return new SwapDriver(context(), null, reversible, last).swap();
    }

    @Test
    public void aSwapRunsEveryPhaseInOrderAndUndoesNothing() {
        SwapReport report = swap(null, null);

        assertEquals(SwapStatus.SWAPPED, report.status);
        assertEquals(List.of("run VALIDATE", "run STAGE", "run QUIESCE", "run TRANSFER", "run SWITCH", "run RETIRE"), log);
        assertEquals(6, report.phases.size());
        assertNull(report.failure);
    }

    @Test
    public void aFailureBeforeThePointOfNoReturnUndoesTheFailedPhaseAndEveryEarlierOneInReverse() {
        SwapReport report = swap(new PhaseFailure("calls still in flight"), null);

        assertEquals(SwapStatus.ABORTED, report.status);
        assertEquals(SwapPhase.QUIESCE, report.failedPhase);
        assertEquals("QUIESCE: calls still in flight", report.failure);
        assertEquals(List.of("run VALIDATE", "run STAGE", "run QUIESCE", "undo QUIESCE", "undo STAGE", "undo VALIDATE"), log);
    }

    @Test
    public void anErrorFromApplicationCodeAbortsAndUndoesLikeAnyFailure() {
        SwapReport report = swap(new NoClassDefFoundError("com/acme/Gone"), null);

        assertEquals(SwapStatus.ABORTED, report.status);
        assertTrue(report.failure, report.failure.startsWith("QUIESCE: unexpected java.lang.NoClassDefFoundError: com/acme/Gone"));
        assertEquals(List.of("run VALIDATE", "run STAGE", "run QUIESCE", "undo QUIESCE", "undo STAGE", "undo VALIDATE"), log);
    }

    @Test
    public void aFailureAfterThePointOfNoReturnIsReportedButNeverUndone() {
        SwapReport report = swap(null, new IllegalStateException("registration gone"));

        assertEquals("the new version serves", SwapStatus.SWAPPED, report.status);
        assertEquals(List.of("run VALIDATE", "run STAGE", "run QUIESCE", "run TRANSFER", "run SWITCH", "run RETIRE"), log);
    }

    @Test
    public void aRefusalInValidateIsRefusedNotAborted() {
        List<Phase> reversible = List.of(new Step(SwapPhase.VALIDATE, new PhaseFailure("no such bundle")), new Step(SwapPhase.STAGE, null));
        SwapReport report = new SwapDriver(context(), null, reversible, List.of()).swap();

        assertEquals(SwapStatus.REFUSED, report.status);
        assertEquals(List.of("run VALIDATE", "undo VALIDATE"), log);
    }

    @Test
    public void aPlanRunsValidateAlone() {
        List<Phase> reversible = List.of(new Step(SwapPhase.VALIDATE, null), new Step(SwapPhase.STAGE, null));
        SwapReport report = new SwapDriver(context(), null, reversible, List.of(new Step(SwapPhase.SWITCH, null))).plan();

        assertEquals(SwapStatus.PLANNED, report.status);
        assertEquals(List.of("run VALIDATE"), log);
    }

    @Test
    public void theRealPhaseListsSplitAtSwitch() {
        List<SwapPhase> before = new ArrayList<>();
        SwapDriver.REVERSIBLE.forEach(p -> before.add(p.id()));
        List<SwapPhase> after = new ArrayList<>();
        SwapDriver.FINAL.forEach(p -> after.add(p.id()));

        assertEquals(List.of(SwapPhase.VALIDATE, SwapPhase.STAGE, SwapPhase.QUIESCE, SwapPhase.TRANSFER), before);
        assertEquals(List.of(SwapPhase.SWITCH, SwapPhase.RETIRE), after);
    }
}
