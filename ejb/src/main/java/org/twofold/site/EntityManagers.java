package org.twofold.site;

import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Twofold's persistence context for the CDI beans that run inside a caller's transaction (the
 * services under the authentication facade: {@code @Inject EntityManager}). The container injects
 * {@code @PersistenceContext} into enterprise beans only; this one hands its transaction-scoped
 * entity manager — a thread-safe proxy to the persistence context of whatever JTA transaction is
 * current — to CDI once per injected bean.
 */
@Singleton
public class EntityManagers {
    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

    @Produces
    @Lock(LockType.READ)
    public EntityManager entityManager() {
        return em;
    }
}
