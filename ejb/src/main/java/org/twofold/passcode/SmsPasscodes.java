package org.twofold.passcode;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.auth.AuthTransaction;
import org.twofold.auth.Transactions;
import org.twofold.auth.TxState;
import org.twofold.auth.TxView;
import org.twofold.delivery.Recipient;
import org.twofold.delivery.SmsGateway;
import org.twofold.device.Devices;
import org.twofold.policy.Factor;
import org.twofold.policy.Policies;
import org.twofold.policy.Policy;
import org.twofold.site.Settings;
import org.twofold.user.User;
import org.twofold.user.Users;

/**
 * SMS passcode batches: 7-digit codes, as many as the policy's batch size (1–10), each usable
 * once within the policy's lifetime. A new batch revokes every older code of the user. The codes
 * exist in clear only in the returned batch, for delivery; only keyed hashes are stored.
 */
@Stateless
public class SmsPasscodes {
    @Inject
    private Users users;

    @Inject
    private IssuedCodes codes;

    @Inject
    private Policies policies;

    @Inject
    private AuditTrail audit;

    @Inject
    private Clock clock;

    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

    @Inject
    private Devices devices;

    @Inject
    private Transactions transactions;

    @Inject
    private SmsGateway gateway;

    public SmsBatch issueBatch(Actor actor, String username) {
        Policy policy = policies.current();
        if (!policy.allowedFactors().contains(Factor.SMS)) {
            audit.recordRefusal(actor, username, AuditAction.SMS_BATCH, "factor_not_allowed", null);
            throw new TwofoldException(ErrorCode.FACTOR_NOT_ALLOWED, "SMS passcodes are not allowed by policy");
        }
        User user = users.requireForUpdate(actor, username, AuditAction.SMS_BATCH);
        Instant now = clock.instant();
        int revoked = codes.revokeAll(user, CodeKind.SMS, now);
        SmsBatch batch = new SmsBatch(codes.issue(user, CodeKind.SMS, policy.smsBatchSize(), 1, now,
                Duration.ofHours(policy.smsCodeLifetimeHours()), actor.name()));
        audit.record(actor, user.getUsername(), AuditAction.SMS_BATCH, "done", null,
                batch.codes().size() + " codes" + (revoked > 0 ? ", " + revoked + " older revoked" : ""));
        return batch;
    }

    /**
     * "Send codes": issues a new batch and texts it to the user's {@code deviceIndex}-th phone that
     * takes texts. At most the policy's number of sends per phone in its window (against SMS
     * pumping); the transaction ends at once as {@code sent}.
     */
    public TxView send(Actor actor, String username, int deviceIndex) {
        Policy policy = policies.current();
        User user = users.requireForUpdate(actor, username, AuditAction.AUTH_SMS);
        Recipient to = devices.recipient(user, Factor.SMS, Math.max(1, deviceIndex));
        Instant now = clock.instant();
        long recent = em.createQuery("SELECT COUNT(t) FROM AuthTransaction t WHERE t.deviceId = :d AND t.factor = :f AND t.createdAt > :since", Long.class)
                .setParameter("d", to.deviceId()).setParameter("f", Factor.SMS)
                .setParameter("since", now.minus(Duration.ofMinutes(policy.smsSendWindowMinutes()))).getSingleResult();
        if (recent >= policy.smsSendsPerNumber()) {
            audit.recordRefusal(actor, user.getUsername(), AuditAction.AUTH_SMS, "too_many_sms", "device " + to.deviceId());
            throw new TwofoldException(ErrorCode.TOO_MANY_REQUESTS, "Too many text messages to this phone; wait "
                    + policy.smsSendWindowMinutes() + " minutes or use another method.");
        }
        SmsBatch batch = issueBatch(actor, username);
        gateway.text(to, Settings.current().get(Settings.ORG_NAME) + " passcodes: " + String.join(" ", batch.codes()));
        AuthTransaction t = new AuthTransaction(transactions.newTxid(), user, to.deviceId(), Factor.SMS, TxState.SENT,
                to.lastFour(), null, null, actor.origin(), actor.name(), now, now);
        transactions.persist(t);
        return TxView.sent(t, String.valueOf(batch.nextHint()));
    }

    /** The first digit of the user's next unused SMS passcode ("Next SMS passcode starts with 1."). */
    public Optional<String> nextCodeHint(String username) {
        return users.find(username).flatMap(u -> codes.nextSmsHint(u, clock.instant()));
    }
}
