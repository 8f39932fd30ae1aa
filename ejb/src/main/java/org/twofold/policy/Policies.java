package org.twofold.policy;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;

/**
 * The policy in force: read on every authentication, so it is kept in memory, replaced at once
 * when an administrator changes it here and re-read from the database every two seconds, so that
 * a change made through another node sharing the database is in force on this one within two
 * seconds. A setting never changed is not stored and has its documented default ({@link
 * PolicySetting}). Every change is validated as a whole ({@link Policy}'s rules), stores the
 * settings it changed and is audited with before → after.
 */
@Singleton
@Startup
@DependsOn("Schema")
public class Policies {
    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    @Inject
    private Clock clock;

    private volatile Policy current;

    @PostConstruct
    void load() {
        current = read();
    }

    /** Picks up a change stored by another node (one small query every two seconds). */
    @Schedule(second = "*/2", minute = "*", hour = "*", persistent = false)
    @Lock(LockType.READ)
    public void reload() {
        current = read();
    }

    private Policy read() {
        Map<String, String> stored = new HashMap<>();
        for (StoredSetting s : em.createQuery("SELECT s FROM StoredSetting s", StoredSetting.class).getResultList()) {
            stored.put(s.name(), s.value());
        }
        return Policy.stored(stored);
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
        Instant now = clock.instant();
        for (PolicySetting setting : PolicySetting.values()) {
            if (!after.text(setting).equals(before.text(setting))) {
                StoredSetting row = em.find(StoredSetting.class, setting.attribute());
                if (row == null) {
                    em.persist(new StoredSetting(setting.attribute(), after.text(setting), now));
                } else {
                    row.change(after.text(setting), now);
                }
            }
        }
        audit.record(actor, null, AuditAction.POLICY_CHANGE, "done", null, changes);
        current = after;
        return after;
    }
}
