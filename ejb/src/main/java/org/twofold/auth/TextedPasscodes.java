package org.twofold.auth;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.delivery.Recipient;
import org.twofold.delivery.SmsGateway;
import org.twofold.device.Devices;
import org.twofold.passcode.SmsBatch;
import org.twofold.passcode.SmsPasscodes;
import org.twofold.policy.Factor;
import org.twofold.policy.Policies;
import org.twofold.policy.Policy;
import org.twofold.site.Settings;
import org.twofold.user.User;
import org.twofold.user.Users;

/**
 * The prompt's "Send codes" (and SOAP's {@code factor=sms}): a new batch of SMS passcodes ({@link
 * SmsPasscodes}) texted to one of the user's phones, recorded as a transaction that ends at once as
 * {@code sent} — beside {@link PushPrompt} and {@link PhoneCalls}, the other factors a login starts.
 */
@Stateless
public class TextedPasscodes {
    @EJB
    private Users users;

    @EJB
    private Devices devices;

    @EJB
    private Policies policies;

    @EJB
    private SmsPasscodes batches;

    @EJB
    private Transactions transactions;

    @Inject
    private SmsGateway gateway;

    @EJB
    private AuditTrail audit;

    @Inject
    private Clock clock;

    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

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
        SmsBatch batch = batches.issueBatch(actor, username);
        gateway.text(to, Settings.current().get(Settings.ORG_NAME) + " passcodes: " + String.join(" ", batch.codes()));
        AuthTransaction t = new AuthTransaction(transactions.newTxid(), user, to.deviceId(), Factor.SMS, TxState.SENT,
                to.lastFour(), null, null, actor.origin(), actor.name(), now, now);
        transactions.persist(t);
        return TxView.sent(t, String.valueOf(batch.nextHint()));
    }
}
