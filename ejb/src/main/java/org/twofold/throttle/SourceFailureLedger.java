package org.twofold.throttle;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
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
     * Where the sources stand that are refused at {@code now}, or have {@code atLeast} failures in a
     * window still running: what a node that just started must know before it counts failures.
     */
    public Map<String, SourceFailures.Standing> standings(Instant now, SourceLimits limits, int atLeast) {
        Map<String, SourceFailures.Standing> standings = new HashMap<>();
        em.createNamedQuery(SourceFailures.STANDING, SourceFailures.class)
                .setParameter("now", now).setParameter("atLeast", atLeast).setParameter("windowFrom", now.minus(limits.window()))
                .getResultStream().forEach(row -> standings.put(row.getSource(), row.standing(now, limits)));
        return standings;
    }

    /**
     * Counts {@code failures} (how many per source) as that many failures one after the other at
     * {@code now}; returns where each source stands then (refused until a time, or its failures in
     * the window). Rows are locked in the order of their keys, so that two such writes cannot deadlock.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Map<String, SourceFailures.Standing> count(SortedMap<String, Integer> failures, Instant now, SourceLimits limits) {
        Map<String, SourceFailures.Standing> standings = new HashMap<>();
        failures.forEach((source, n) -> {
            SourceFailures row = em.createNamedQuery(SourceFailures.FOR_UPDATE, SourceFailures.class)
                    .setParameter("source", source).getResultStream().findFirst().orElse(null);
            if (row == null) {
                row = new SourceFailures(source);
                em.persist(row);
            }
            for (int i = 0; i < n; i++) {
                row.recordFailure(now, limits);
            }
            standings.put(source, row.standing(now, limits));
        });
        em.flush();
        return standings;
    }
}
