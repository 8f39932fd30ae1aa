package org.twofold.integration;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

/**
 * The UsernameToken nonces seen, in the database so that every node sharing it agrees: a nonce is
 * accepted once per integration; the primary key settles two nodes racing on the same nonce.
 * Rows are deleted once their token is stale (then the timestamp check refuses a replay anyway).
 */
@Stateless
public class Nonces {
    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

    @Inject
    private Clock clock;

    /**
     * Records {@code nonce} for {@code integrationKey} in its own transaction.
     *
     * @return false if it was seen before (a replay)
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean firstUse(String integrationKey, byte[] nonce, Instant staleAfter) {
        String text = Base64.getEncoder().encodeToString(nonce);
        if (text.length() > 88 || em.find(SeenNonce.class, new SeenNonce.Key(integrationKey, text)) != null) {
            return false;
        }
        try {
            em.persist(new SeenNonce(integrationKey, text, staleAfter));
            em.flush();
            return true;
        } catch (PersistenceException e) {
            // Another request (perhaps on another node) stored it first.
            return false;
        }
    }

    /** Deletes the nonces of stale tokens; returns how many. */
    public int forgetStale() {
        return em.createQuery("DELETE FROM SeenNonce n WHERE n.staleAfter < :now").setParameter("now", clock.instant()).executeUpdate();
    }

}
