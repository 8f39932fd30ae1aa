package org.twofold.integration;

/**
 * A token bucket: at most {@code perMinute} requests in a burst, refilled evenly at
 * {@code perMinute} per minute, so any sustained rate above it is refused while short bursts up to
 * it pass. Not thread-safe by itself; {@link IntegrationRates} holds one per integration under a lock.
 */
final class RequestRate {
    private final int perMinute;
    private double tokens;
    private long lastNanos;
    private boolean refusing;

    RequestRate(int perMinute, long nowNanos) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be at least 1");
        }
        this.perMinute = perMinute;
        this.tokens = perMinute;
        this.lastNanos = nowNanos;
    }

    /** Whether one more request may pass at {@code nowNanos} (a monotonic clock, as {@link System#nanoTime()}). */
    boolean tryAcquire(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - lastNanos);
        lastNanos = nowNanos;
        tokens = Math.min(perMinute, tokens + elapsed * (perMinute / 60e9));
        if (tokens >= 1) {
            tokens -= 1;
            refusing = false;
            return true;
        }
        return false;
    }

    /**
     * Marks the bucket as refusing and answers whether it just started to: the first refusal of a run
     * is audited, the rest of the run is not (a flood must not flood the audit trail too).
     */
    boolean startRefusing() {
        boolean first = !refusing;
        refusing = true;
        return first;
    }

    int perMinute() {
        return perMinute;
    }
}
