package org.twofold.integration;

/**
 * A token bucket: at most {@code perMinute} requests in a burst, refilled evenly at
 * {@code perMinute} per minute, so any sustained rate above it is refused while short bursts up to
 * it pass. Not thread-safe by itself. The shared bucket of an integration ({@link RateBucket}, one
 * row every node draws from) is one of these, stored between two draws with a wall-clock time.
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

    /** A bucket as stored: {@code tokens} left at {@code lastNanos}. */
    RequestRate(int perMinute, double tokens, long lastNanos) {
        this(perMinute, lastNanos);
        this.tokens = Math.max(0, Math.min(perMinute, tokens));
    }

    /**
     * Takes up to {@code want} whole tokens at {@code nowNanos} (after refilling for the time since
     * the last draw) and answers how many it got: {@code want}, fewer when the bucket holds fewer,
     * or 0.
     */
    int take(int want, long nowNanos) {
        refill(nowNanos);
        int granted = (int) Math.min(want, Math.floor(tokens));
        tokens -= granted;
        return Math.max(0, granted);
    }

    double tokens() {
        return tokens;
    }

    long lastNanos() {
        return lastNanos;
    }

    private void refill(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - lastNanos);
        lastNanos = Math.max(lastNanos, nowNanos);
        tokens = Math.min(perMinute, tokens + elapsed * (perMinute / 60e9));
    }

    /** Whether one more request may pass at {@code nowNanos} (a monotonic clock, as {@link System#nanoTime()}). */
    boolean tryAcquire(long nowNanos) {
        refill(nowNanos);
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
