package org.twofold.auth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import org.twofold.policy.Factor;
import org.twofold.user.User;

/**
 * One push, phone call or SMS send, followed by its {@code txid} (the prompt's status bar, SOAP
 * {@code authStatus}). It is stored, so a login in progress survives a restart, and it owns the one
 * lifecycle all of them share: a pending state that the phone's answers move on, a deadline after
 * which it ends as {@link TxState#TIMEOUT}, and final states that never change again.
 */
@Entity
@Table(name = "TF_TRANSACTION")
@NamedQuery(name = AuthTransaction.BY_TXID, query = "SELECT t FROM AuthTransaction t WHERE t.txid = :txid")
@NamedQuery(name = AuthTransaction.OVERDUE, query = "SELECT t FROM AuthTransaction t WHERE t.state IN :pending AND t.deadline <= :now")
public class AuthTransaction {
    public static final String BY_TXID = "AuthTransaction.byTxid";
    public static final String OVERDUE = "AuthTransaction.overdue";

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "TF_IDS")
    private Long id;

    @Column(nullable = false, unique = true, length = 32)
    private String txid;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "USER_ID")
    private User user;

    private Long deviceId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Factor factor;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private TxState state;

    @Column(length = 64)
    private String reason;

    /** Verified push: the number the prompt shows and the app must send back. */
    @Column(length = 3)
    private String verifyNumber;

    @Column(length = 4)
    private String numberLastFour;

    @Column(length = 100)
    private String application;

    @Column(length = 100)
    private String origin;

    @Column(nullable = false, length = 100)
    private String actor;

    @Column(nullable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private Instant deadline;

    @Column(nullable = false)
    private Instant updatedAt;

    protected AuthTransaction() {
    }

    public AuthTransaction(String txid, User user, Long deviceId, Factor factor, TxState initial, String numberLastFour,
                           String verifyNumber, String application, String origin, String actor, Instant now, Instant deadline) {
        this.txid = txid;
        this.user = user;
        this.deviceId = deviceId;
        this.factor = factor;
        this.state = initial;
        this.numberLastFour = numberLastFour;
        this.verifyNumber = verifyNumber;
        this.application = application;
        this.origin = origin;
        this.actor = actor;
        this.createdAt = now;
        this.deadline = deadline;
        this.updatedAt = now;
    }

    private void move(TxState to, String why, Instant now) {
        this.state = to;
        this.reason = why;
        this.updatedAt = now;
    }

    private void require(TxState expected, String event) {
        if (state != expected) {
            throw new IllegalStateException("cannot " + event + " a transaction that is " + state.keyword());
        }
    }

    /** Ends a pending transaction whose deadline has passed; returns whether it did. */
    public boolean expireIfDue(Instant now) {
        if (state.pending() && !now.isBefore(deadline)) {
            move(TxState.TIMEOUT, factor == Factor.PHONE ? (state == TxState.ANSWERED ? "no_key_pressed" : "not_answered") : "not_answered", now);
            return true;
        }
        return false;
    }

    /** The app approves a push, with the verified-push number if one was shown (constant-time check). */
    public void approve(String typedNumber, Instant now) {
        require(TxState.PUSHED, "approve");
        if (verifyNumber != null && (typedNumber == null
                || !MessageDigest.isEqual(verifyNumber.getBytes(StandardCharsets.US_ASCII), typedNumber.trim().getBytes(StandardCharsets.US_ASCII)))) {
            move(TxState.DENY, "wrong_verification_number", now);
            return;
        }
        move(TxState.ALLOW, null, now);
    }

    /** The app denies a push; {@code fraud}: "this was not me". */
    public void deny(boolean fraud, Instant now) {
        require(TxState.PUSHED, "deny");
        move(fraud ? TxState.FRAUD : TxState.DENY, fraud ? "reported_fraud" : "denied", now);
    }

    public void answer(Instant now) {
        require(TxState.CALLING, "answer");
        move(TxState.ANSWERED, null, now);
    }

    public void pressKey(Instant now) {
        require(TxState.ANSWERED, "press a key on");
        move(TxState.ALLOW, null, now);
    }

    public void hangUp(Instant now) {
        if (state != TxState.CALLING && state != TxState.ANSWERED) {
            throw new IllegalStateException("cannot hang up a transaction that is " + state.keyword());
        }
        move(TxState.DENY, state == TxState.CALLING ? "rejected" : "hung_up", now);
    }

    public void cancel(Instant now) {
        if (!state.pending()) {
            throw new IllegalStateException("cannot cancel a transaction that is " + state.keyword());
        }
        move(TxState.CANCELLED, "cancelled", now);
    }

    /** The push could not be delivered (the push service refused it): it ends before anyone answered. */
    public void undelivered(Instant now) {
        require(TxState.PUSHED, "mark undelivered");
        move(TxState.CANCELLED, "undelivered", now);
    }

    public String getTxid() {
        return txid;
    }

    public User getUser() {
        return user;
    }

    public Long getDeviceId() {
        return deviceId;
    }

    public Factor getFactor() {
        return factor;
    }

    public TxState getState() {
        return state;
    }

    public String getReason() {
        return reason;
    }

    public String getVerifyNumber() {
        return verifyNumber;
    }

    /** The last four digits of the number called or texted; null for a push. */
    public String getNumberLastFour() {
        return numberLastFour;
    }

    public String getApplication() {
        return application;
    }

    /** Who started it, as the audit names them ({@code integration:KEY}, {@code user:NAME}). */
    public String getActor() {
        return actor;
    }

    public String getOrigin() {
        return origin;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getDeadline() {
        return deadline;
    }
}
