package org.twofold.auth;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditTrail;
import org.twofold.delivery.PushGateway;
import org.twofold.delivery.PushRequest;
import org.twofold.delivery.Recipient;
import org.twofold.device.Devices;
import org.twofold.policy.Policies;
import org.twofold.policy.Policy;
import org.twofold.user.User;
import org.twofold.user.Users;

/**
 * "Send me a Push": a login request to the user's app, answered approve or deny (optionally "this
 * was not me", a fraud report). Against push fatigue: verified push (the prompt shows a 3-digit
 * number the app must send back), at most {@code PushUnansweredMax} unanswered pushes per user in
 * {@code PushUnansweredWindowMinutes}, and pushes paused for {@code PushPauseAfterFraudMinutes}
 * after a fraud report — all policy.
 */
@Stateless
public class PushPrompt {
    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

    @Inject
    private Users users;

    @Inject
    private Devices devices;

    @Inject
    private Policies policies;

    @Inject
    private Transactions transactions;

    @Inject
    private PushGateway gateway;

    @Inject
    private AuditTrail audit;

    @Inject
    private org.twofold.secret.Secrets secrets;

    @Inject
    private Clock clock;

    /** Pushes a login request to the user's {@code deviceIndex}-th push-capable device. */
    public TxView send(Actor actor, String username, int deviceIndex, String application) {
        Policy policy = policies.current();
        User user = Starts.checkedUser(users, audit, policy, actor, username, Factor.PUSH, "auth.push");
        Instant now = clock.instant();
        long unanswered = em.createQuery("SELECT COUNT(t) FROM AuthTransaction t WHERE t.user = :u AND t.factor = :f AND t.state IN :s AND t.createdAt > :since", Long.class)
                .setParameter("u", user).setParameter("f", Factor.PUSH).setParameter("s", EnumSet.of(TxState.PUSHED, TxState.TIMEOUT))
                .setParameter("since", now.minus(Duration.ofMinutes(policy.pushUnansweredWindowMinutes()))).getSingleResult();
        long frauds = em.createQuery("SELECT COUNT(t) FROM AuthTransaction t WHERE t.user = :u AND t.state = :s AND t.createdAt > :since", Long.class)
                .setParameter("u", user).setParameter("s", TxState.FRAUD).setParameter("since", now.minus(Duration.ofMinutes(policy.pushPauseAfterFraudMinutes()))).getSingleResult();
        if (frauds > 0 || unanswered >= policy.pushUnansweredMax()) {
            String why = frauds > 0 ? "paused_after_fraud_report" : "too_many_unanswered_pushes";
            audit.recordRefusal(actor, user.getUsername(), "auth.push", why, null);
            throw new TwofoldException(ErrorCode.TOO_MANY_REQUESTS, frauds > 0
                    ? "Pushes to this user are paused after a fraud report; use another method or contact the help desk."
                    : "Too many unanswered login requests; wait a few minutes or use another method.");
        }
        Recipient to = devices.recipient(user, Factor.PUSH, Math.max(1, deviceIndex));
        String number = policy.verifiedPush() ? secrets.codes().digits(3) : null;
        AuthTransaction t = new AuthTransaction(transactions.newTxid(), user, to.deviceId(), Factor.PUSH, TxState.PUSHED, null, number,
                application, actor.origin(), actor.name(), now, now.plusSeconds(policy.pushTimeoutSeconds()));
        transactions.persist(t);
        gateway.push(to, new PushRequest(t.getTxid(), application, actor.origin(), now, number != null));
        transactions.ended(actor, t);
        return TxView.of(t);
    }

    /** The app's answer: approve (with the verified-push number if one was shown), deny, or report fraud. */
    public TxView respond(Actor phone, String txid, boolean approve, String typedNumber, boolean fraud) {
        AuthTransaction t = transactions.lock(txid);
        Instant now = clock.instant();
        if (!t.expireIfDue(now)) {
            transactions.change(t, () -> {
                if (approve) {
                    t.approve(typedNumber, now);
                } else {
                    t.deny(fraud, now);
                }
            });
        }
        transactions.ended(phone, t);
        if (t.getState() == TxState.FRAUD) {
            audit.record(phone, t.getUser().getUsername(), "push.fraud", "done", null, "tx " + t.getTxid() + " from " + t.getOrigin());
        }
        return TxView.of(t);
    }
}
