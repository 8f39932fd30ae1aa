package org.twofold.throttle;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;

/**
 * Writes sources' failures in their own short transaction, so that two nodes (or threads) creating
 * the same source's first row cannot roll back the failed login that is being recorded; the
 * loser of such a race retries once ({@link SourceThrottle}). One transaction may carry the
 * failures of many requests and sources at once (those that came while the previous write ran,
 * {@link SourceThrottle}), so that the refusals of one busy source do not queue up one by one behind
 * its row lock and a log sync each.
 */
@Stateless
public class SourceFailureLedger {
    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

    /**
     * Counts {@code failures} (how many per source) as that many failures one after the other at
     * {@code now}; returns the end of the block of each source that is now refused. Rows are
     * locked in the order of their keys, so that two such writes cannot deadlock.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Map<String, Instant> count(SortedMap<String, Integer> failures, Instant now, SourceLimits limits) {
        Map<String, Instant> blocks = new HashMap<>();
        failures.forEach((source, n) -> {
            SourceFailures row = em.find(SourceFailures.class, source, LockModeType.PESSIMISTIC_WRITE);
            if (row == null) {
                row = new SourceFailures(source);
                em.persist(row);
            }
            Instant blockedUntil = null;
            for (int i = 0; i < n; i++) {
                blockedUntil = row.recordFailure(now, limits);
            }
            if (blockedUntil != null) {
                blocks.put(source, blockedUntil);
            }
        });
        em.flush();
        return blocks;
    }
}
