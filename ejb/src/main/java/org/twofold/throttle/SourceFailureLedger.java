package org.twofold.throttle;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

/**
 * Writes a source's failure in its own short transaction, so that two nodes (or threads) creating
 * the same source's first row cannot roll back the failed login that is being recorded; the
 * loser of such a race retries once ({@link SourceThrottle}).
 */
@Stateless
public class SourceFailureLedger {
    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

    /** Counts a failure of {@code source}; returns the end of its block if it is now refused, else null. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Instant count(String source, Instant now, SourceLimits limits) {
        SourceFailures row = em.find(SourceFailures.class, source, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            row = new SourceFailures(source);
            em.persist(row);
        }
        Instant blockedUntil = row.recordFailure(now, limits);
        em.flush();
        return blockedUntil;
    }

}
