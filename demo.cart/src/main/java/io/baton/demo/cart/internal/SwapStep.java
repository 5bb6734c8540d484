package io.baton.demo.cart.internal;

import io.baton.container.core.SwapReport;
import io.baton.container.rollback.SwapRecord;
import java.util.List;

/**
 * One swap of the demo and what became of it: its report, its journal record once probation ended
 * (COMMITTED or ROLLED_BACK), the rollback's record if there was one, and the state check after it.
 */
final class SwapStep {
    final String from;
    final String to;
    /** True for the faulty release, which the failure monitor must roll back. */
    final boolean expectRollback;
    long startNanos;
    long endNanos;
    SwapReport report;
    /** The swap's own record when its probation ended. */
    SwapRecord outcome;
    /** The rollback's record (kind ROLLBACK), if the swap was rolled back. */
    SwapRecord rollback;
    /** When the rollback finished (ns since the demo's origin), or 0. */
    long rollbackEndNanos;
    List<String> stateProblems = List.of();
    String failure;

    SwapStep(String from, String to, boolean expectRollback) {
        this.from = from;
        this.to = to;
        this.expectRollback = expectRollback;
    }

    String label() {
        return from + " -> " + to;
    }
}
