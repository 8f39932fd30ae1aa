package org.twofold.throttle;

import java.time.Duration;
import java.time.Instant;

/**
 * When the failures written behind are tried again while the ledger cannot be written (the database
 * unreachable), and what the log says of it: the first failed write is logged with its cause, then
 * at most one line a minute while the outage lasts, and one line when a write succeeds again; the
 * retries wait 1 s, then twice as long each time, up to 30 s. What was not written is kept meanwhile
 * ({@link UnwrittenFailures}), and a failure that may reach its source's limit still tries its own
 * write at once. Thread-safe.
 */
final class WriteRetries {
    /** The wait before the first retry. */
    static final Duration FIRST = Duration.ofSeconds(1);
    /** The longest wait between retries. */
    static final Duration LONGEST = Duration.ofSeconds(30);
    /** How often a lasting outage is logged again. */
    static final Duration QUIET = Duration.ofMinutes(1);

    /** What to do after a failed write: retry after {@code delay}; log it if {@code log}, with its cause if {@code withCause}. */
    record Retry(Duration delay, boolean log, boolean withCause, int failedWrites, Instant failingSince) {
    }

    /** An outage that ended: how long it lasted and how many writes failed in it. */
    record Recovery(Duration lasted, int failedWrites) {
    }

    private Instant failingSince;
    private Instant logged;
    private int failedWrites;
    private Duration next = FIRST;

    /** A write failed at {@code now}. */
    synchronized Retry failed(Instant now) {
        failedWrites++;
        boolean first = failingSince == null;
        if (first) {
            failingSince = now;
        }
        boolean log = first || !now.isBefore(logged.plus(QUIET));
        if (log) {
            logged = now;
        }
        Duration delay = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(LONGEST) > 0 ? LONGEST : doubled;
        return new Retry(delay, log, first, failedWrites, failingSince);
    }

    /** A write succeeded at {@code now}: the outage it ends, if writes had failed before it. */
    synchronized Recovery succeeded(Instant now) {
        if (failingSince == null) {
            return null;
        }
        Recovery r = new Recovery(Duration.between(failingSince, now), failedWrites);
        failingSince = null;
        logged = null;
        failedWrites = 0;
        next = FIRST;
        return r;
    }
}
