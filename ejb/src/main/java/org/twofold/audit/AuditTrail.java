package org.twofold.audit;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.twofold.TwofoldException;

/**
 * Writes and reads the audit trail. {@link #record} joins the caller's transaction, so a decision
 * and its audit row commit together or not at all; {@link #recordRefusal} commits on its own, for
 * refusals whose request is then rolled back (unknown user, locked out), and {@link
 * #recordRefusalHere} in the caller's transaction for a {@link org.twofold.CommittedRefusal}; {@link
 * #recordRequestRefusal} too, for refusals of requests nobody vouches for, which a flood from one
 * address may send by the thousand: beyond a limit per source those are counted and summarised
 * ({@link RefusalSummaries}). Recording a lockout or a fraud report also fires a {@link SecurityAlert}.
 */
@Stateless
public class AuditTrail {
    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

    @Inject
    private Clock clock;

    @EJB
    private Statistics statistics;

    @Inject
    private Event<SecurityAlert> alerts;

    @EJB
    private RefusalSummaries summaries;

    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void record(Actor actor, String subject, AuditAction action, String result, String reason, String detail) {
        em.persist(new AuditEvent(clock.instant(), actor.name(), subject, action.code(), result, reason, actor.origin(), detail));
        if (action.counted()) {
            statistics.count(action, result);
        }
        SecurityAlert.Kind.of(action, result).ifPresent(kind -> alerts.fire(new SecurityAlert(kind, subject, detail, clock.instant())));
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordRefusal(Actor actor, String subject, AuditAction action, String reason, String detail) {
        recordRefusalHere(actor, subject, action, reason, detail);
    }

    /**
     * Records a refusal in the caller's transaction, for a {@link org.twofold.CommittedRefusal}
     * thrown next (which commits it).
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void recordRefusalHere(Actor actor, String subject, AuditAction action, String reason, String detail) {
        em.persist(new AuditEvent(clock.instant(), actor.name(), subject, action.code(), "refused", reason, actor.origin(), detail));
        statistics.count(action, "refused");
    }

    /**
     * Records, in its own transaction, that a change was refused for what was asked ({@code
     * refusal}'s error code, in lower case, as the reason: {@code missing_field}, {@code
     * invalid_value}...), and returns the refusal for the caller to throw.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public TwofoldException refused(Actor actor, String subject, AuditAction action, TwofoldException refusal, String detail) {
        recordRefusal(actor, subject, action, refusal.code().name().toLowerCase(Locale.ROOT), detail);
        return refusal;
    }

    /**
     * Records, in its own transaction, the refusal of a request that concerns no user and that
     * nobody vouches for: no or wrong credentials ({@code integration.authenticate}), a SOAP
     * envelope refused before it is processed ({@code soap.*}), a page post whose view state cannot
     * be restored ({@code page.post}), an unknown application ({@code hosted.prompt}), a carrier
     * callback with a bad signature ({@code carrier.callback}). Its row is written unless its
     * source (the actor's origin, the client address) has had its limit of rows in the current
     * window ({@value RefusalSummaries#MAX}) and one of this kind: then it is only counted, and
     * the window's count is written as a summary row once the window has closed ({@link
     * RefusalSummaries}). Every refusal is counted in the {@link Statistics}. Decisions about a
     * user, allowed logins and state changes never come here: they are always written, each on
     * its own row.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordRequestRefusal(Actor actor, AuditAction action, String reason, String detail) {
        statistics.count(action, "refused");
        if (summaries.admit(actor.origin(), action, reason)) {
            em.persist(new AuditEvent(clock.instant(), actor.name(), null, action.code(), "refused", reason, actor.origin(), detail));
        }
    }

    /** Records, in its own transaction, a console call that succeeded (who called what, about whom). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordCall(Actor actor, String subject, AuditAction action, String detail) {
        em.persist(new AuditEvent(clock.instant(), actor.name(), subject, action.code(), "done", null, actor.origin(), detail));
    }

    /** The newest {@code count} events (at most 1,000), newest first. */
    public List<AuditEvent> recent(int count) {
        return em.createQuery("SELECT e FROM AuditEvent e ORDER BY e.id DESC", AuditEvent.class)
                .setMaxResults(Math.max(1, Math.min(count, 1000)))
                .getResultList();
    }

    /** The newest {@code count} events of one action (e.g. {@code push.fraud}), newest first. */
    public List<AuditEvent> ofAction(AuditAction action, int count) {
        return em.createQuery("SELECT e FROM AuditEvent e WHERE e.action = :a ORDER BY e.id DESC", AuditEvent.class)
                .setParameter("a", action.code())
                .setMaxResults(Math.max(1, Math.min(count, 1000)))
                .getResultList();
    }

    /** The newest {@code count} events about {@code subject} (a username), newest first. */
    public List<AuditEvent> forUser(String subject, int count) {
        return em.createQuery("SELECT e FROM AuditEvent e WHERE e.subject = :s ORDER BY e.id DESC", AuditEvent.class)
                .setParameter("s", subject)
                .setMaxResults(Math.max(1, Math.min(count, 1000)))
                .getResultList();
    }

    /**
     * The user's own recent logins for the self-service portal: primary-password checks and
     * second-factor decisions ({@code login.*}, {@code auth.*}), newest first.
     */
    public List<AuditEvent> loginsOf(String subject, int count) {
        return em.createQuery("SELECT e FROM AuditEvent e WHERE e.subject = :s AND (e.action LIKE :login OR e.action LIKE :auth) ORDER BY e.id DESC", AuditEvent.class)
                .setParameter("s", subject)
                .setParameter("login", AuditAction.Area.LOGIN.codePattern())
                .setParameter("auth", AuditAction.Area.AUTH.codePattern())
                .setMaxResults(Math.max(1, Math.min(count, 1000)))
                .getResultList();
    }

    /** The user's own fraud reports ("this was not me"), newest first. */
    public List<AuditEvent> fraudReportsOf(String subject, int count) {
        return em.createQuery("SELECT e FROM AuditEvent e WHERE e.subject = :s AND e.action = :fraud ORDER BY e.id DESC", AuditEvent.class)
                .setParameter("s", subject)
                .setParameter("fraud", AuditAction.PUSH_FRAUD.code())
                .setMaxResults(Math.max(1, Math.min(count, 1000)))
                .getResultList();
    }
}
