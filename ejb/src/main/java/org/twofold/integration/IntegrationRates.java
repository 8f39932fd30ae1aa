package org.twofold.integration;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.twofold.site.Settings;

/**
 * The per-integration request rate limit: {@code twofold.ws.rate.per.minute}
 * ({@code TWOFOLD_WS_RATE_PER_MINUTE}) requests per minute for each integration key, as a token
 * bucket ({@link RequestRate}) shared by every node on the database ({@link RateBuckets}).
 *
 * <p>To keep the request path cheap, a node takes tokens from the shared bucket in leases of 1% of
 * the limit (at least one) and spends them from memory: the database is written once per lease.
 * The price is precision: tokens leased by a node that then falls quiet wait there, so a burst may
 * pass the limit by up to one lease per node, or be refused while another node still holds some.
 * After an empty lease a node refuses from memory until the shared bucket has had time to refill
 * by one token, so a flood costs no database write per refused request. The limit is read at
 * start-up; give every node the same.
 */
@ApplicationScoped
public class IntegrationRates {
    /** The setting's name. */
    public static final String PER_MINUTE = "twofold.ws.rate.per.minute";

    private final ConcurrentMap<String, Lease> leases = new ConcurrentHashMap<>();
    private volatile int perMinute;

    @EJB
    private RateBuckets buckets;

    int perMinute() {
        int p = perMinute;
        if (p == 0) {
            p = Math.max(1, Settings.current().getInt(PER_MINUTE));
            perMinute = p;
        }
        return p;
    }

    /** Outcome of one request: passed, refused, or refused and the first of a run of refusals (on this node). */
    enum Admission {
        PASSED, REFUSED, FIRST_REFUSED
    }

    /** This node's tokens of one integration, leased from the shared bucket. */
    private static final class Lease {
        int tokens;
        boolean waiting;
        long askAgainAt;
        boolean refusing;
    }

    Admission admit(String integrationKey) {
        Lease lease = leases.computeIfAbsent(integrationKey, k -> new Lease());
        synchronized (lease) {
            if (lease.tokens == 0 && (!lease.waiting || System.nanoTime() - lease.askAgainAt >= 0)) {
                lease.tokens = draw(integrationKey);
                lease.waiting = lease.tokens == 0;
                lease.askAgainAt = System.nanoTime() + (long) (60e9 / perMinute());
            }
            if (lease.tokens > 0) {
                lease.tokens--;
                lease.refusing = false;
                return Admission.PASSED;
            }
            boolean first = !lease.refusing;
            lease.refusing = true;
            return first ? Admission.FIRST_REFUSED : Admission.REFUSED;
        }
    }

    /** How many tokens one lease asks for: 1% of the limit, at least one. */
    static int leaseSize(int perMinute) {
        return Math.max(1, perMinute / 100);
    }

    private int draw(String integrationKey) {
        int size = leaseSize(perMinute());
        try {
            return buckets.lease(integrationKey, perMinute(), size);
        } catch (EJBException | PersistenceException raced) {
            // another node created the bucket at the same moment: it exists now
            return buckets.lease(integrationKey, perMinute(), size);
        }
    }
}
