package org.twofold.auth;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.device.DeviceDisabled;
import org.twofold.policy.Factor;
import org.twofold.policy.Policy;
import org.twofold.secret.Secrets;
import org.twofold.user.User;

/**
 * Following and ending authentication transactions: status by {@code txid} (ending it as
 * timeout if its deadline passed), cancel, the periodic sweep of overdue ones, and the common
 * ending of every transaction (audit row; a success ends the user's run of failures).
 */
@Stateless
public class Transactions {
    /** The audit's word for a request that exists but was started by someone else. */
    static final String FOREIGN = "foreign_transaction";
    static final EnumSet<TxState> PENDING = EnumSet.copyOf(java.util.Arrays.stream(TxState.values()).filter(TxState::pending).toList());

    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    @Inject
    private Secrets secrets;

    @Inject
    private Clock clock;

    /** A new transaction id: 128 random bits, hex. */
    public String newTxid() {
        return HexFormat.of().formatHex(secrets.codes().bytes(16));
    }

    /** The transaction, locked for update. */
    public AuthTransaction lock(String txid) {
        List<AuthTransaction> found = txid == null || txid.length() > 32 ? List.of()
                : em.createNamedQuery(AuthTransaction.BY_TXID, AuthTransaction.class).setParameter("txid", txid.trim())
                        .setLockMode(LockModeType.PESSIMISTIC_WRITE).setHint("eclipselink.refresh", "true").getResultList();
        if (found.isEmpty()) {
            throw new TwofoldException(ErrorCode.UNKNOWN_TRANSACTION);
        }
        return found.get(0);
    }

    /** The transaction as committed, not locked: for delivering it, which changes nothing. */
    public AuthTransaction committed(String txid) {
        List<AuthTransaction> found = em.createNamedQuery(AuthTransaction.BY_TXID, AuthTransaction.class).setParameter("txid", txid)
                .setHint("eclipselink.refresh", "true").getResultList();
        if (found.isEmpty()) {
            throw new TwofoldException(ErrorCode.UNKNOWN_TRANSACTION);
        }
        return found.get(0);
    }

    /**
     * A push the gateway could not deliver ends as {@link TxState#CANCELLED} for reason
     * {@code undelivered} (audited), unless it already ended; in a transaction of its own, since the
     * caller goes on to fail with the delivery's error.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void undelivered(Actor actor, String txid) {
        AuthTransaction t = lock(txid);
        Instant now = clock.instant();
        if (t.expireIfDue(now)) {
            ended(actor, t);
        } else if (t.getState().pending()) {
            change(t, () -> t.undelivered(now));
            ended(actor, t);
        }
    }

    /**
     * The transaction's state now, for the one who started it (the same integration, or the same
     * user's login page): a request is readable by no one else.
     *
     * @throws TwofoldException {@code UNKNOWN_TRANSACTION}; with the message {@link #FOREIGN} when it
     *     exists but {@code requester} did not start it (for the audit only: boundaries answer both alike)
     */
    public TxView statusFor(Actor requester, String txid) {
        AuthTransaction t = lock(txid);
        if (requester == null || !requester.name().equals(t.getActor())) {
            throw new TwofoldException(ErrorCode.UNKNOWN_TRANSACTION, FOREIGN);
        }
        return status(t);
    }

    /** The transaction's state now; an overdue pending one ends as timeout here. */
    public TxView status(String txid) {
        return status(lock(txid));
    }

    private TxView status(AuthTransaction t) {
        if (t.expireIfDue(clock.instant())) {
            ended(Actor.system(), t);
        }
        return TxView.of(t);
    }

    public TxView cancel(Actor actor, String txid) {
        AuthTransaction t = lock(txid);
        Instant now = clock.instant();
        if (t.expireIfDue(now)) {
            ended(actor, t);
        } else {
            change(t, () -> t.cancel(now));
            ended(actor, t);
        }
        return TxView.of(t);
    }

    /** Ends every overdue pending transaction as timeout; returns how many. */
    public int expireOverdue() {
        Instant now = clock.instant();
        List<AuthTransaction> overdue = em.createNamedQuery(AuthTransaction.OVERDUE, AuthTransaction.class)
                .setParameter("pending", PENDING).setParameter("now", now)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).setMaxResults(500).getResultList();
        int n = 0;
        for (AuthTransaction t : overdue) {
            if (t.expireIfDue(now)) {
                ended(Actor.system(), t);
                n++;
            }
        }
        return n;
    }

    /**
     * Cancels the pending pushes and calls of a device that was just disabled, each audited as
     * cancelled (observed within the transaction that disabled it).
     */
    public void deviceDisabled(@Observes DeviceDisabled event) {
        Instant now = clock.instant();
        for (AuthTransaction t : em.createQuery("SELECT t FROM AuthTransaction t WHERE t.deviceId = :d AND t.state IN :pending", AuthTransaction.class)
                .setParameter("d", event.deviceId()).setParameter("pending", PENDING).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList()) {
            t.cancel(now);
            ended(event.actor(), t);
        }
    }

    /** How many transactions are pending now. */
    public long countPending() {
        return em.createQuery("SELECT COUNT(t) FROM AuthTransaction t WHERE t.state IN :pending", Long.class)
                .setParameter("pending", PENDING).getSingleResult();
    }

    /** Applies a phone's event; an event a transaction cannot take (already ended) is refused clearly. */
    public void change(AuthTransaction t, Runnable event) {
        try {
            event.run();
        } catch (IllegalStateException e) {
            throw new TwofoldException(ErrorCode.TRANSACTION_FINISHED, e.getMessage());
        }
    }

    /** Audits a step or the end of a transaction; an allowed one ends the user's run of failures. */
    public void ended(Actor actor, AuthTransaction t) {
        User user = t.getUser();
        if (t.getState() == TxState.ALLOW) {
            user.recordSuccess();
        }
        AuditAction action = t.getFactor().auditAction();
        String result = t.getState() == TxState.ALLOW ? "allow" : t.getState().pending() ? t.getState().keyword() : "deny";
        audit.record(actor, user.getUsername(), action, result, t.getState() == TxState.ALLOW || t.getState().pending() ? null
                : (t.getReason() == null ? t.getState().name().toLowerCase(Locale.ROOT) : t.getReason()),
                "tx " + t.getTxid() + (t.getDeviceId() == null ? "" : " device " + t.getDeviceId()));
    }

    /**
     * Refuses a push or call that would take the user over {@link StartLimits}, with its audit row
     * ({@code auth.push → refused (too_many_pushes)}); empty when it may start. Call it holding the
     * user's row lock (as {@code Starts.checkedUser} leaves it): starts through any door and on any
     * node sharing the database are then counted one after the other, from the stored transactions.
     */
    public Optional<TxView> refusal(Actor actor, User user, Factor factor, Policy policy) {
        Instant now = clock.instant();
        List<StartLimits.Start> starts = em.createQuery("SELECT t.factor, t.state, t.createdAt, t.updatedAt FROM AuthTransaction t "
                        + "WHERE t.user = :u AND t.factor IN :f AND t.createdAt > :since", Object[].class)
                .setParameter("u", user).setParameter("f", EnumSet.of(Factor.PUSH, Factor.PHONE))
                .setParameter("since", StartLimits.horizon(policy, now)).getResultList().stream()
                .map(r -> new StartLimits.Start((Factor) r[0], (TxState) r[1], (Instant) r[2], (Instant) r[3])).toList();
        return StartLimits.refusal(factor, policy, starts, now).map(r -> {
            audit.record(actor, user.getUsername(), factor.auditAction(), "refused", r.reason(), null);
            return TxView.refused(factor, r);
        });
    }

    public void persist(AuthTransaction t) {
        em.persist(t);
    }
}
