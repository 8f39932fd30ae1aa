package org.twofold.throttle;

import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What this node knows of each source's failures, to tell whether a new failure may be the one that
 * reaches the source's limit: only such a failure must be written before its request is answered
 * (so that the block holds from the next attempt on); every other one may be written behind, in the
 * next batch. A failure may reach the limit when the failures the ledger last reported for the source
 * ({@code known}, kept only from half the limit on) and those counted here since ({@code unknown}:
 * not yet written, or written and not yet reported back) add up to it. A source the ledger last
 * reported below half the limit, or not at all, is taken to be just below half — so it never
 * counts low, and a source's first failures never wait. Plain Java and thread-safe.
 */
final class SourceCounts {
    /** A source's failures in its window as the ledger last reported them, and when that window ends. */
    record Known(int failures, Instant windowEnds) {
    }

    /** Failures counted here and not yet part of {@link #known}, per source key. */
    private final ConcurrentMap<String, Integer> unknown = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Known> known = new ConcurrentHashMap<>();

    /** From how many failures on the ledger's figure for a source is kept: half the limit. */
    static int keptFrom(int maxFailures) {
        return (maxFailures + 1) / 2;
    }

    /**
     * Counts a failure of {@code key} and tells whether it may be the one that reaches {@code
     * maxFailures} (or passes it): then it must be written, and the block learned, before its
     * request is answered.
     */
    boolean countMayReachLimit(String key, int maxFailures, Instant now) {
        int here = unknown.merge(key, 1, Integer::sum);
        Known k = known.get(key);
        int before = k != null && now.isBefore(k.windowEnds()) ? k.failures() : keptFrom(maxFailures) - 1;
        return before + here >= maxFailures;
    }

    /** The ledger's figure for {@code key}: kept from half the limit on, else forgotten. */
    void learn(String key, SourceFailures.Standing s, int maxFailures) {
        if (s.blockedUntil() == null && s.failures() >= keptFrom(maxFailures)) {
            known.put(key, new Known(s.failures(), s.windowEnds()));
        } else {
            known.remove(key);
        }
    }

    /**
     * After {@code batch} (failures per source) was written and the ledger's figures for its sources
     * {@link #learn learned}: the batch is no longer counted as unknown (in this order, so that a
     * failure counted meanwhile sees it twice, never not at all).
     */
    void written(SortedMap<String, Integer> batch) {
        batch.forEach((key, n) -> unknown.computeIfPresent(key, (k, v) -> v > n ? v - n : null));
    }

    /** Forgets the figures of windows that ended before {@code now}. */
    void prune(Instant now) {
        known.values().removeIf(k -> !now.isBefore(k.windowEnds()));
    }

    /** How many sources' figures are kept (for tests). */
    int knownSources() {
        return known.size();
    }

    /** Failures counted and not yet reported back, per source (for tests). */
    Map<String, Integer> unknown() {
        return Map.copyOf(unknown);
    }
}
