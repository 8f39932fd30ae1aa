package org.twofold.policy;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.function.UnaryOperator;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditTrail;

/**
 * The policy in force: read on every authentication, so it is kept in memory, replaced at once
 * when an administrator changes it here and re-read from the database every two seconds, so that
 * a change made through another node sharing the database is in force on this one within two
 * seconds. The first start stores the documented defaults. Every change is validated as a whole
 * ({@link Policy}'s rules) and audited with before → after.
 */
@Singleton
@Startup
@DependsOn("Schema")
public class Policies {
    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

    @Inject
    private AuditTrail audit;

    @Inject
    private Clock clock;

    private volatile Policy current;

    @PostConstruct
    void load() {
        PolicyRecord record = em.find(PolicyRecord.class, PolicyRecord.ID);
        if (record == null) {
            record = new PolicyRecord(Policy.defaults(), clock.instant());
            em.persist(record);
        }
        current = record.toPolicy();
    }

    /** Picks up a change stored by another node (one primary-key read every two seconds). */
    @Schedule(second = "*/2", minute = "*", hour = "*", persistent = false)
    @Lock(LockType.READ)
    public void reload() {
        PolicyRecord record = em.find(PolicyRecord.class, PolicyRecord.ID);
        if (record != null) {
            current = record.toPolicy();
        }
    }

    @Lock(LockType.READ)
    public Policy current() {
        return current;
    }

    /** Applies {@code change} to the policy in force, validates, stores and audits it. */
    @Lock(LockType.WRITE)
    public Policy change(Actor actor, UnaryOperator<Policy> change) {
        Policy before = current;
        Policy after = change.apply(before);
        String changes = after.changesFrom(before);
        if (changes.isEmpty()) {
            return before;
        }
        PolicyRecord record = em.find(PolicyRecord.class, PolicyRecord.ID);
        record.store(after, clock.instant());
        audit.record(actor, null, "policy.change", "done", null, changes);
        current = after;
        return after;
    }
}
