package io.baton.container.core;

import java.util.ArrayList;
import java.util.List;
import org.osgi.dto.DTO;

/** What a plan found or a swap did. Times are microseconds. */
public class SwapReport extends DTO {
    /** Unique id, e.g. {@code swap-3}. */
    public String id;
    public SwapStatus status;
    /** Bundles swapped: symbolic name, from and to version. */
    public List<TargetInfo> targets = new ArrayList<>();
    /** Services matched across the versions: ADDED, KEPT, REMOVED, INACTIVE or UNKNOWN. */
    public List<ServiceChange> services = new ArrayList<>();
    /**
     * Components of the versions being replaced that are not active (no configuration, an unsatisfied
     * reference, a failed activation): the new versions are not required to bring them up, and the
     * probation does not count them against the new version.
     */
    public List<InactiveComponent> inactiveComponents = new ArrayList<>();
    /**
     * Services of the versions being replaced that Baton cannot hold stable, and why: registered under
     * a class, not an interface, so no facade stands in front of them; consumers bind to them directly.
     */
    public List<String> notHeldStable = new ArrayList<>();
    /** Services kept whose state is not carried: they declare none ({@code baton.state.type}), so whatever they hold in memory is lost. */
    public List<String> stateNotCarried = new ArrayList<>();
    /** State migrations, one per stateful service. */
    public List<MigrationInfo> migrations = new ArrayList<>();
    /** Bundles that would need a refresh (class-space change); empty when none. */
    public List<String> refreshClosure = new ArrayList<>();
    /** Duration of each phase that ran, in order. */
    public List<PhaseTiming> phases = new ArrayList<>();
    /** Time the gates were closed (calls held), microseconds. */
    public long pauseMicros;
    /**
     * From the start of the swap until the gates reopened on the new version, microseconds: how soon the
     * new version answers (for a rollback, how soon the old one does again); 0 if it never switched.
     */
    public long servingMicros;
    /** Calls that arrived while the gates were closed and waited. */
    public long waitedCalls;
    /** The longest such wait, microseconds. */
    public long longestWaitMicros;
    /** Bytes of state moved (sum of the snapshots exported). */
    public long stateBytes;
    /** Total duration, microseconds. */
    public long totalMicros;
    /** The phase that failed, or null. */
    public SwapPhase failedPhase;
    /** Why it failed, naming the phase and the cause; null on success. */
    public String failure;
    /** Remarks a person must read, e.g. that writes since a checkpoint were dropped. */
    public List<String> notes = new ArrayList<>();
    /** Calls that did not leave the old objects within drainTimeout (thread and method). */
    public List<String> stuckCalls = new ArrayList<>();

    /** Microseconds of a phase, or -1 if it did not run. */
    public long phaseMicros(SwapPhase phase) {
        for (PhaseTiming t : phases) {
            if (t.phase == phase) {
                return t.micros;
            }
        }
        return -1;
    }
}
