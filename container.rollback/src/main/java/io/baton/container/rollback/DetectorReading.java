package io.baton.container.rollback;

import org.osgi.dto.DTO;

/** What one detector of the swap in TRIAL saw at its latest check, against its limit. */
public class DetectorReading extends DTO {
    /** {@code error-rate}, {@code latency}, {@code bundle}, {@code component} or {@code health-check}. */
    public String detector;
    /** What it judges, e.g. {@code io.baton.example.cart.impl|cart add(String,String,int)} or a bundle. */
    public String subject;
    /** The reading, for people, e.g. {@code 2.1% (3 of 140 calls in the window)}. */
    public String reading;
    /** The limit, for people, e.g. {@code 5.0% above the old version's 0.0%, from 50 calls}. */
    public String limit;
    /** {@code ok}, {@code judging} (too few calls or samples yet), {@code over} (it fires), or {@code off}. */
    public String state;
    /** The reading as a number where there is one (a rate as a fraction, a p99 in microseconds), else -1. */
    public double value = -1;
    /** The limit as a number where there is one, same unit, else -1. */
    public double limitValue = -1;
    /** When it was read, milliseconds since the epoch. */
    public long at;
}
