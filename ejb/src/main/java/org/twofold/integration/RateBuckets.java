package org.twofold.integration;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The integrations' shared request budgets ({@link RateBucket}), in the database so that every
 * node counts against the same limit. A node draws a lease of several tokens at a time
 * ({@link IntegrationRates}), so the database is written once per lease, not once per request.
 */
@Stateless
public class RateBuckets {
    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

    @Inject
    private Clock clock;

    /**
     * Takes up to {@code want} tokens from the integration's bucket ({@code perMinute} burst and
     * refill), in its own transaction under the row's lock, and answers how many it got. The first
     * draw creates the bucket, full; two nodes creating it at once collide on the primary key, and
     * the loser's caller simply draws again.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int lease(String integrationKey, int perMinute, int want) {
        long now = nanosSinceEpoch(clock.instant());
        List<RateBucket> found = em.createQuery("SELECT b FROM RateBucket b WHERE b.integrationKey = :key", RateBucket.class)
                .setParameter("key", integrationKey).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("eclipselink.refresh", "true").getResultList();
        if (found.isEmpty()) {
            RequestRate fresh = new RequestRate(perMinute, now);
            int granted = fresh.take(want, now);
            em.persist(new RateBucket(integrationKey, fresh));
            em.flush();
            return granted;
        }
        RateBucket bucket = found.get(0);
        RequestRate rate = bucket.rate(perMinute);
        int granted = rate.take(want, now);
        bucket.store(rate);
        return granted;
    }

    private static long nanosSinceEpoch(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
