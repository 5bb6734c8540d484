package io.baton.container.rollback;

import io.baton.container.core.TargetInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.dto.DTO;

/** One entry of the swap history: a swap, a rollback or a commit. */
public class SwapRecord extends DTO {
    /** Journal sequence number, e.g. {@code 7}. */
    public long seq;
    public RecordKind kind;
    public RecordState state;
    /** The swap report's id ({@code swap-3}); for a rollback or commit, the id of the swap it concerns. */
    public String swapId;
    /** The checkpoint written before the swap passed its point of no return (the set to go back to). */
    public String checkpointId;
    /** The bundles swapped: symbolic name, the version before and the version after. */
    public List<TargetInfo> targets = new ArrayList<>();
    /** Per-phase durations in microseconds, from the swap report. */
    public Map<String, Long> phaseMicros;
    public long pauseMicros;
    public long startedAt;
    public long endedAt;
    /** End of probation (TRIAL), milliseconds since the epoch. */
    public long probationEndsAt;
    /** The detector that fired ({@code error-rate}, {@code bundle}, {@code component}, {@code manual}), or null. */
    public String detector;
    /** What it saw, e.g. {@code error rate 31% over 200 calls > 5%}. */
    public String evidence;
    /** Rollback: from detection to the rollback done (recorded, the replaced version removed), microseconds. */
    public long rollbackMicros;
    /** Rollback: from detection until the old version answered again (its gates reopened), microseconds. */
    public long servingMicros;
    /**
     * Automatic rollback: from the failed (or slow) call that crossed the detector's threshold to the
     * detection, microseconds; -1 when a poll found it (bundle, component, health-check detectors).
     */
    public long detectionMicros = -1;
    /** Remarks, e.g. that writes since the checkpoint were dropped. */
    public List<String> notes = new ArrayList<>();
    /** Why it failed, one line naming the root cause, or null. */
    public String failure;
    /** The bundles a swap refreshed (it changed an exported API package); a rollback of it may refresh them again. */
    public List<String> refreshClosure = new ArrayList<>();
    /** The phase a REFUSED or ABORTED swap stopped in, or null. */
    public String failedPhase;
}
