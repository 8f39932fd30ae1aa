package org.twofold.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SourceCountsTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final SourceLimits LIMITS = new SourceLimits(10, Duration.ofMinutes(15), Duration.ofMinutes(15));

    /** The ledger: one row per source, as SourceFailureLedger counts them. */
    private final Map<String, SourceFailures> rows = new TreeMap<>();

    private Map<String, SourceFailures.Standing> ledger(SortedMap<String, Integer> batch, Instant now) {
        Map<String, SourceFailures.Standing> standings = new TreeMap<>();
        batch.forEach((key, n) -> {
            SourceFailures row = rows.computeIfAbsent(key, SourceFailures::new);
            for (int i = 0; i < n; i++) {
                row.recordFailure(now, LIMITS);
            }
            standings.put(key, row.standing(now, LIMITS));
        });
        return standings;
    }

    /** What SourceThrottle does after a write: learn the ledger's figures, then forget the batch as unknown. */
    private static void report(SourceCounts counts, SortedMap<String, Integer> batch, Map<String, SourceFailures.Standing> standings) {
        standings.forEach((key, s) -> counts.learn(key, s, 10));
        counts.written(batch);
    }

    @Test
    void aSourceTheLedgerAlreadyCountsIsCountedFromItsFigureAfterAStart() {
        SourceCounts counts = new SourceCounts(); // a node just started: the ledger has 9 for "a", 3 for "b"
        counts.learn("a", new SourceFailures.Standing(9, T0.plus(LIMITS.window()), null), 10);
        counts.learn("b", new SourceFailures.Standing(3, T0.plus(LIMITS.window()), null), 10);
        assertTrue(counts.countMayReachLimit("a", 10, T0), "9 + 1: the next failure reaches the limit and waits");
        assertFalse(counts.countMayReachLimit("b", 10, T0), "3 (counted as 4) + 1");
        assertEquals(1, counts.knownSources(), "a figure below half the limit is not kept");
    }

    @Test
    void aSourcesFirstFailuresNeverWaitAndTheOneThatReachesTheLimitDoes() {
        SourceCounts counts = new SourceCounts();
        List<Boolean> waits = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            waits.add(counts.countMayReachLimit("a", 10, T0)); // none written yet: each is known only here
        }
        // unwritten, the source is taken to stand just below half the limit (4): the 6th may reach 10
        assertEquals(List.of(false, false, false, false, false, true, true, true, true, true), waits);
    }

    @Test
    void writtenFailuresAreCountedExactlyFromHalfTheLimitOn() {
        SourceCounts counts = new SourceCounts();
        List<Boolean> waits = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            waits.add(counts.countMayReachLimit("a", 10, T0));
            // each failure written before the next, as writes behind of one failure each
            SortedMap<String, Integer> batch = new TreeMap<>(Map.of("a", 1));
            report(counts, batch, ledger(batch, T0));
        }
        // the ledger's figure is kept from 5 on (half the limit): only the 10th may reach 10
        assertEquals(List.of(false, false, false, false, false, false, false, false, false, true), waits);
        assertEquals(0, counts.knownSources(), "a blocked source's figure is not kept: its block refuses it");
        assertTrue(counts.unknown().isEmpty());
    }

    @Test
    void aFailureCountedWhileItsBatchIsWrittenCountsTwiceNeverNotAtAll() {
        SourceCounts counts = new SourceCounts();
        for (int i = 0; i < 5; i++) {
            assertFalse(counts.countMayReachLimit("a", 10, T0));
        }
        SortedMap<String, Integer> batch = new TreeMap<>(Map.of("a", 5));
        Map<String, SourceFailures.Standing> standings = ledger(batch, T0); // the ledger has 5 now
        // counted after the batch was written and before it is reported back: the five count as
        // unknown still, over the bound of 4 for a source not known here: 4 + 6 = 10, so it waits
        assertTrue(counts.countMayReachLimit("a", 10, T0), "counted twice (it waits without need), not missed");
        report(counts, batch, standings);
        assertEquals(Map.of("a", 1), counts.unknown(), "the batch's five are known now; the sixth is not yet written");
        List<Boolean> waits = new ArrayList<>();
        for (int i = 7; i <= 10; i++) {
            waits.add(counts.countMayReachLimit("a", 10, T0)); // 5 known + 2, 3, 4, 5 here
        }
        assertEquals(List.of(false, false, false, true), waits, "exact again: the 10th failure may reach 10");
    }

    @Test
    void anEndedWindowsFigureIsNotUsedAndIsForgotten() {
        SourceCounts counts = new SourceCounts();
        for (int i = 0; i < 8; i++) {
            counts.countMayReachLimit("a", 10, T0);
        }
        SortedMap<String, Integer> batch = new TreeMap<>(Map.of("a", 8));
        report(counts, batch, ledger(batch, T0));
        assertEquals(1, counts.knownSources());
        assertFalse(counts.countMayReachLimit("a", 10, T0.plusSeconds(1)), "8 known + 1");
        assertTrue(counts.countMayReachLimit("a", 10, T0.plusSeconds(2)), "8 known + 2 may reach 10");
        Instant later = T0.plus(Duration.ofMinutes(16));
        SourceCounts fresh = new SourceCounts();
        fresh.learn("a", new SourceFailures.Standing(8, T0.plus(LIMITS.window()), null), 10);
        assertFalse(fresh.countMayReachLimit("a", 10, later), "the window ended: its 8 are not counted (4 + 1)");
        counts.prune(T0.plus(Duration.ofMinutes(14)));
        assertEquals(1, counts.knownSources(), "a window still running is kept");
        counts.prune(later);
        assertEquals(0, counts.knownSources());
    }
}
