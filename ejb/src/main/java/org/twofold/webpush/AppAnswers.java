package org.twofold.webpush;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.auth.AuthTransaction;
import org.twofold.auth.PushPrompt;
import org.twofold.auth.Transactions;
import org.twofold.auth.TxState;
import org.twofold.auth.TxView;
import org.twofold.device.Device;
import org.twofold.device.DeviceState;

/**
 * What the approval app asks and answers, each checked against the device key it registered
 * ({@link AppAnswer}) before anything is read or changed: its waiting requests (also when it is
 * opened by hand — a lost notification is not a lost login) and its answer to one of them, which
 * then goes to {@link PushPrompt#respond}, the one place the approve/deny/fraud rules live. A
 * signature that does not verify, an answer for a request sent to another device, or a device that
 * is not an active app, is refused ({@code PUSH_ANSWER_REFUSED}) and audited. Behind the
 * authentication facade ({@code org.twofold.auth.Authentication}).
 */
@Stateless
public class AppAnswers {
    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

    @EJB
    private Transactions transactions;

    @EJB
    private PushPrompt push;

    @EJB
    private AuditTrail audit;

    @Inject
    private Clock clock;

    /**
     * The requests waiting on device {@code deviceId}, newest first, for the app holding its key:
     * {@code signature} over {@link AppAnswer#listText} at {@code epochSecond}, within
     * {@link AppAnswer#LIST_SKEW_SECONDS} of now.
     */
    public List<WaitingRequest> waiting(Actor actor, long deviceId, long epochSecond, byte[] signature) {
        Instant now = clock.instant();
        ECPublicKey key = key(actor, deviceId, AuditAction.PUSH_LIST);
        if (Math.abs(now.getEpochSecond() - epochSecond) > AppAnswer.LIST_SKEW_SECONDS
                || !AppAnswer.verifies(key, AppAnswer.listText(deviceId, epochSecond), signature)) {
            throw refused(actor, null, AuditAction.PUSH_LIST, "bad_signature", "device " + deviceId);
        }
        return em.createQuery("SELECT t FROM AuthTransaction t WHERE t.deviceId = :d AND t.state = :pushed AND t.deadline > :now ORDER BY t.createdAt DESC",
                        AuthTransaction.class)
                .setParameter("d", deviceId).setParameter("pushed", TxState.PUSHED).setParameter("now", now).setMaxResults(10).getResultList().stream()
                .map(t -> new WaitingRequest(t.getTxid(), t.getApplication(), t.getOrigin(), t.getCreatedAt(), t.getDeadline(), t.getVerifyNumber() != null))
                .toList();
    }

    /**
     * The app's answer to request {@code txid}: checked to be signed by device {@code deviceId}'s
     * key over {@link AppAnswer#answerText} and to be for a request sent to that device; then
     * approve (with the typed verified-push number), deny, or report fraud.
     *
     * @throws TwofoldException {@code PUSH_ANSWER_REFUSED} (audited), {@code UNKNOWN_TRANSACTION},
     *     {@code TRANSACTION_FINISHED}
     */
    public TxView answer(Actor actor, long deviceId, String txid, AppAnswer.Decision decision, String typedNumber, byte[] signature) {
        ECPublicKey key = key(actor, deviceId, AuditAction.PUSH_ANSWER);
        AuthTransaction t = transactions.lock(txid);
        String username = t.getUser().getUsername();
        if (t.getDeviceId() == null || t.getDeviceId() != deviceId) {
            throw refused(actor, username, AuditAction.PUSH_ANSWER, "other_device", "tx " + t.getTxid() + " answered by device " + deviceId);
        }
        if (!AppAnswer.verifies(key, AppAnswer.answerText(t.getTxid(), decision, typedNumber), signature)) {
            throw refused(actor, username, AuditAction.PUSH_ANSWER, "bad_signature", "tx " + t.getTxid() + " device " + deviceId);
        }
        return push.respond(actor, t.getTxid(), decision == AppAnswer.Decision.APPROVE, typedNumber,
                decision == AppAnswer.Decision.FRAUD);
    }

    /** The device key of an active, registered app. */
    private ECPublicKey key(Actor actor, long deviceId, AuditAction action) {
        PushApp app = em.find(PushApp.class, deviceId);
        Device device = em.find(Device.class, deviceId);
        if (app == null || app.getDeviceKey() == null || device == null || device.getState() != DeviceState.ACTIVE) {
            throw refused(actor, null, action, "not_enrolled", "device " + deviceId);
        }
        return P256.spki(P256.unb64(app.getDeviceKey()));
    }

    private TwofoldException refused(Actor actor, String username, AuditAction action, String reason, String detail) {
        audit.recordRefusal(actor, username, action, reason, detail);
        return new TwofoldException(ErrorCode.PUSH_ANSWER_REFUSED);
    }
}
