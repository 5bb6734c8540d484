package io.baton.container.rollback.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of probation and the failure monitor (PID {@code io.baton.rollback}). */
@ObjectClassDefinition(name = "Baton rollback", description = "Probation after each swap, its failure detectors, and checkpoint retention")
public @interface RollbackConfig {
    String PID = "io.baton.rollback";

    @AttributeDefinition(name = "Probation (ms)", min = "0", description = "How long a swap stays in TRIAL before it is committed; a swap request may set its own")
    long probationMillis() default 30_000;

    @AttributeDefinition(name = "Check interval (ms)", min = "1", description = "How often the detectors look during probation")
    long checkIntervalMillis() default 20;

    @AttributeDefinition(name = "Error-rate detector", description = "Roll back when calls into the new version fail more than the old version's did")
    boolean errorRateEnabled() default true;

    @AttributeDefinition(name = "Failure limit", min = "0", max = "1", description = "Allowed rise of the failure rate over the old version's, as a fraction (0.05 = 5 points)")
    double failureLimit() default 0.05;

    @AttributeDefinition(name = "Minimum calls", min = "1", description = "Calls in the window before the error rate is judged")
    long minCalls() default 50;

    @AttributeDefinition(name = "Window (ms)", min = "1", description = "The sliding window of the error rate")
    long windowMillis() default 5_000;

    @AttributeDefinition(name = "Bundle detector", description = "Roll back when a new bundle is not ACTIVE or posts a framework ERROR")
    boolean bundleDetectorEnabled() default true;

    @AttributeDefinition(name = "Component detector", description = "Roll back when a DS component of a new bundle fails to activate or is unsatisfied")
    boolean componentDetectorEnabled() default true;

    @AttributeDefinition(name = "Health-check detector", description = "Roll back when a Felix Health Check with one of the tags is CRITICAL or fails to run")
    boolean healthCheckEnabled() default true;

    @AttributeDefinition(name = "Health-check tags", description = "Tags of the health checks that judge a swap")
    String[] healthCheckTags() default {"baton"};

    @AttributeDefinition(name = "Health-check interval (ms)", min = "1", description = "How often the health checks run during probation")
    long healthCheckIntervalMillis() default 250;

    @AttributeDefinition(name = "Latency detector", description = "Roll back when the p99 call latency of the new version exceeds the old one's by a factor (off by default)")
    boolean latencyEnabled() default false;

    @AttributeDefinition(name = "Latency factor", min = "1", description = "How many times the old version's p99 the new version's may reach")
    double latencyFactor() default 3.0;

    @AttributeDefinition(name = "Latency floor (us)", min = "0", description = "A p99 below this never fires the latency detector: factors of sub-millisecond times are noise")
    long latencyFloorMicros() default 1000;

    @AttributeDefinition(name = "Sync checkpoints", description = "Force each checkpoint to disk (fsync) before the swap's point of no return. "
            + "Off, a process crash still loses nothing (the OS holds the written pages and the rename is atomic), but a power loss may "
            + "lose the newest checkpoint, and the pause loses its fsync")
    boolean syncCheckpoints() default true;

    @AttributeDefinition(name = "Retained checkpoints", min = "1", description = "Checkpoints kept, with their pinned jars")
    int retainCheckpoints() default 5;
}
