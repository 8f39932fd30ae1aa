package org.twofold.site;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Whether the database answers: the body of {@code GET /health}. */
@Stateless
public class Health {
    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

    /** Runs a trivial portable query; any failure propagates to the caller. */
    public void probeDatabase() {
        em.createQuery("SELECT COUNT(o) FROM Operator o", Long.class).getSingleResult();
    }
}
