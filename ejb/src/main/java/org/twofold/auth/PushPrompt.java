package org.twofold.auth;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.delivery.PushGateway;
import org.twofold.delivery.PushRequest;
import org.twofold.delivery.Recipient;
import org.twofold.device.Devices;
import org.twofold.policy.Factor;
import org.twofold.policy.Policies;
import org.twofold.policy.Policy;
import org.twofold.user.User;
import org.twofold.user.Users;

/**
 * "Send me a Push": a login request to the user's app, answered approve or deny (optionally "this
 * was not me", a fraud report). Against push fatigue: verified push (the prompt shows a 3-digit
 * number the app must send back) and the per-user limits of {@link StartLimits} (pushes left
 * unanswered, pushes started, a pause after a fraud report) — all policy. A push over the limits
 * is not sent: {@link #send} answers it as {@link TxState#REFUSED}. A push is recorded first
 * ({@link #send}) and delivered after that transaction committed ({@link #deliver}): a fast phone
 * that fetches the request as soon as the message arrives finds it.
 */
@Stateless
public class PushPrompt {
    @EJB
    private Users users;

    @EJB
    private Devices devices;

    @EJB
    private Policies policies;

    @EJB
    private Transactions transactions;

    @Inject
    private PushGateway gateway;

    @EJB
    private AuditTrail audit;

    @Inject
    private org.twofold.secret.Secrets secrets;

    @Inject
    private Clock clock;

    /**
     * Records a login request to the user's {@code deviceIndex}-th push-capable device, or refuses
     * it ({@link TxState#REFUSED}, audited) when the user is over the limits of {@link StartLimits}.
     * Nothing is sent yet: {@link #deliver} sends it once this transaction has committed.
     */
    public TxView send(Actor actor, String username, int deviceIndex, String application) {
        Policy policy = policies.current();
        User user = Starts.checkedUser(users, audit, policy, actor, username, Factor.PUSH, AuditAction.AUTH_PUSH);
        Optional<TxView> refused = transactions.refusal(actor, user, Factor.PUSH, policy);
        if (refused.isPresent()) {
            return refused.get();
        }
        Instant now = clock.instant();
        Recipient to = devices.recipient(user, Factor.PUSH, Math.max(1, deviceIndex));
        String number = policy.verifiedPush() ? secrets.codes().digits(3) : null;
        AuthTransaction t = new AuthTransaction(transactions.newTxid(), user, to.deviceId(), Factor.PUSH, TxState.PUSHED, null, number,
                application, actor.origin(), actor.name(), now, now.plusSeconds(policy.pushTimeoutSeconds()));
        transactions.persist(t);
        transactions.ended(actor, t);
        return TxView.of(t);
    }

    /**
     * Sends the recorded push {@code txid} to its device, in a transaction of its own that reads the
     * committed request without locking it (the phone may answer while the push service is still
     * being spoken to). Called by {@link SecondFactor#delivered} after {@link #send}'s transaction
     * committed.
     *
     * @throws TwofoldException {@code DELIVERY_FAILED} or {@code NO_CAPABLE_DEVICE} from the gateway
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void deliver(String txid) {
        AuthTransaction t = transactions.committed(txid);
        gateway.push(new Recipient(t.getDeviceId(), null, null),
                new PushRequest(t.getTxid(), t.getApplication(), t.getOrigin(), t.getCreatedAt(), t.getVerifyNumber() != null, t.getDeadline()));
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
            audit.record(phone, t.getUser().getUsername(), AuditAction.PUSH_FRAUD, "done", null, "tx " + t.getTxid() + " from " + t.getOrigin());
        }
        return TxView.of(t);
    }
}
