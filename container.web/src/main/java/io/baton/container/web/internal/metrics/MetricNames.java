package io.baton.container.web.internal.metrics;

/**
 * Every metric Baton exposes, as written in the exposition (counters get {@code _total}); the module
 * README and docs/operations.md list them with their labels. Names are given here without the suffix
 * the client library adds.
 */
final class MetricNames {
    /** Counter {@code baton_facade_calls_total{service, operation, bundle, version}}: calls into the facade's current implementation. */
    static final String CALLS = "baton_facade_calls";
    /** Counter {@code baton_facade_failures_total{...}}: of those, calls that threw. */
    static final String FAILURES = "baton_facade_failures";
    /** Histogram {@code baton_facade_call_duration_seconds{...}}: durations of sampled calls (about 1 in 64). */
    static final String DURATION = "baton_facade_call_duration_seconds";
    /** Counter {@code baton_swaps_total{status}}. */
    static final String SWAPS = "baton_swaps";
    /** Histogram {@code baton_swap_pause_seconds}. */
    static final String PAUSE = "baton_swap_pause_seconds";
    /** Counter {@code baton_commits_total}. */
    static final String COMMITS = "baton_commits";
    /** Counter {@code baton_rollbacks_total{detector}}. */
    static final String ROLLBACKS = "baton_rollbacks";
    /** Counter {@code baton_rollback_failures_total}. */
    static final String ROLLBACK_FAILURES = "baton_rollback_failures";
    /** Gauge {@code baton_probation_active}: 1 while a swap is in TRIAL, else 0. */
    static final String PROBATION_ACTIVE = "baton_probation_active";
    /** Gauge {@code baton_probation_remaining_seconds}: probation left of the swap in TRIAL, 0 without one. */
    static final String PROBATION_REMAINING = "baton_probation_remaining_seconds";
    /** Info {@code baton_managed_bundle_info{bundle, version}}: 1 per managed bundle serving. */
    static final String MANAGED = "baton_managed_bundle";

    private MetricNames() {}
}
