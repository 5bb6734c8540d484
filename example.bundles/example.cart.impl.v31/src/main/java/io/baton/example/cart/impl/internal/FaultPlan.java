package io.baton.example.cart.impl.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Which calls fail: a fraction of them, spread evenly and deterministically over the calls (rate 0.25
 * fails calls 4, 8, 12, ...), so tests can predict the failures instead of waiting for luck.
 * Thread-safe: the calls are counted by an AtomicLong.
 */
final class FaultPlan {
    /** The framework or system property with the fault rate, a fraction from 0 (never) to 1 (always). */
    static final String RATE_PROPERTY = "baton.example.fault.rate";
    /** Every 4th call. */
    static final double DEFAULT_RATE = 0.25;
    private static final long SCALE = 1_000_000;

    private final double rate;
    /** The rate in millionths, so the plan is exact integer arithmetic. */
    private final long perMillion;
    private final AtomicLong calls = new AtomicLong();

    FaultPlan(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(RATE_PROPERTY + " must be a fraction from 0 to 1, was " + rate);
        }
        this.rate = rate;
        this.perMillion = Math.round(rate * SCALE);
    }

    /**
     * @param value the property's value; {@code null} or blank for {@link #DEFAULT_RATE}
     * @throws IllegalArgumentException if it is not a number from 0 to 1
     */
    static FaultPlan parse(String value) {
        if (value == null || value.isBlank()) {
            return new FaultPlan(DEFAULT_RATE);
        }
        try {
            return new FaultPlan(Double.parseDouble(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(RATE_PROPERTY + " must be a fraction from 0 to 1, was '" + value + "'", e);
        }
    }

    /**
     * Counts a call and fails it if its turn has come: call {@code n} fails when
     * {@code floor(n * rate)} steps up from {@code floor((n - 1) * rate)}.
     *
     * @throws IllegalStateException {@code "cart 3.1.0 fault ..."} for a failing call
     */
    void next() {
        long n = calls.incrementAndGet();
        if (n * perMillion / SCALE != (n - 1) * perMillion / SCALE) {
            throw new IllegalStateException("cart 3.1.0 fault: add call " + n + " failed on purpose ("
                    + RATE_PROPERTY + "=" + rate + ")");
        }
    }
}
