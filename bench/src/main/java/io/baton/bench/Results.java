package io.baton.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one run measured, sample by sample. Filled by the benches, read by the report. */
final class Results {
    final BenchConfig config;
    final Map<String, String> machine = MachineInfo.describe();
    final String startedAt = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).withNano(0).toString();
    final List<SwapSample> swaps = new ArrayList<>();
    /** Swaps of the smallest size with {@code syncCheckpoints=false}: checkpoints not forced to disk in the pause. */
    final List<SwapSample> noSyncSwaps = new ArrayList<>();
    /** Swaps of the keyed blob (pre-copy), per size, next to {@link #swaps} of the eager one. */
    final List<SwapSample> keyedSwaps = new ArrayList<>();
    /** Acknowledged writes against the keyed blob's counter, per size. */
    final List<SizeCheck> keyedChecks = new ArrayList<>();
    final List<SizeCheck> sizeChecks = new ArrayList<>();
    final List<RollbackSample> rollbacks = new ArrayList<>();
    final List<PlainSample> plain = new ArrayList<>();
    final Map<String, JmhScore> jmh = new LinkedHashMap<>();
    int jmhRounds;
    /** The threads of the contended JMH run (as many as cores, at least 2). */
    int jmhThreads;
    Endurance endurance;
    final List<String> problems = new ArrayList<>();
    /** Per state size: heap the warm standby holds during probation (used heap after GC, in TRIAL minus after commit), bytes. */
    final Map<Long, Long> standbyBytes = new LinkedHashMap<>();
    /** Framework ERROR and WARNING events of the Baton container during the run. */
    final List<String> frameworkEvents = new ArrayList<>();
    int frameworkErrors;
    int frameworkWarnings;
    String loadAtEnd;
    long durationMillis;

    Results(BenchConfig config) {
        this.config = config;
    }

    /** One swap through Baton under load. */
    static final class SwapSample {
        long size;
        String status;
        String failure;
        long pauseMicros;
        long reportLongestWaitMicros;
        long waitedCalls;
        long stateBytes;
        long totalMicros;
        Map<String, Long> phaseMicros = new LinkedHashMap<>();
        long callerLongestCallMicros;
        long failedCalls;
        long okCalls;
        int consumerRestarts;
        boolean stateIntact;
    }

    /** After all swaps and rollbacks of one size through Baton: were the acknowledged writes kept? */
    static final class SizeCheck {
        long size;
        long acknowledgedWrites;
        long writesInState;
        long failedCalls;
    }

    /** One rollback: by hand ({@code manual}) or by the error-rate detector ({@code error-rate}). */
    static final class RollbackSample {
        long size;
        String kind;
        String state;
        String failure;
        /** As recorded (SwapRecord.rollbackMicros): detection until the swap back returned, RETIRE included. */
        long rollbackMicros;
        /** Detection until the gates opened on the old version: rollbackMicros less RETIRE and SWITCH's work after the gates opened. */
        long servingMicros;
        long pauseMicros;
        long detectionMillis = -1;
        /** From the call that crossed the detector's threshold to the detection (SwapRecord.detectionMicros); -1 for none. */
        long detectionMicros = -1;
        long failedCalls;
        long callerLongestCallMicros;
        boolean stateIntact;
        String evidence;
        Map<String, Long> phaseMicros = new LinkedHashMap<>();
    }

    /** One swap without Baton: {@code update+refresh} or {@code restart}. */
    static final class PlainSample {
        long size;
        String method;
        long operationMicros;
        long downtimeMicros;
        long callerLongestCallMicros;
        long failedCalls;
        int consumerRestarts;
        long stateBytesLost;
        long writesLost;
        String lastFailure;
    }

    /** A JMH score, ns/op. */
    static final class JmhScore {
        double score;
        double error;
    }

    /** The endurance run. */
    static final class Endurance {
        int cycles;
        int failedCycles;
        long failedCalls;
        long acknowledgedWrites;
        long writesInState;
        long millis;
        /** Snapshots in order: start, after the warm-up, every quarter, end (the last one). */
        final List<JvmSnapshot> snapshots = new ArrayList<>();
        /** Mean cycle time of each quarter of the run, by the cycle that ended it. */
        final Map<Integer, Double> cycleMillis = new LinkedHashMap<>();
        String firstFailure;
    }
}
