package org.twofold.auth;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.auth.TxState;
import org.twofold.delivery.Recipient;
import org.twofold.delivery.VoiceGateway;
import org.twofold.device.Devices;
import org.twofold.policy.Factor;
import org.twofold.policy.Policies;
import org.twofold.policy.Policy;
import org.twofold.site.Settings;
import org.twofold.user.User;
import org.twofold.user.Users;

/**
 * "Call Me": Twofold calls the chosen phone (dialling a landline's extension), the person answers
 * and presses any key: dialling → answered → allow. No answer before the policy's time-out, a
 * hang-up or no key pressed ends it as denied, each with its own message. Calls are limited per
 * user ({@link StartLimits}: calls started in a window, a pause after a fraud report).
 */
@Stateless
public class PhoneCalls {
    @EJB
    private Users users;

    @EJB
    private Devices devices;

    @EJB
    private Policies policies;

    @EJB
    private Transactions transactions;

    @Inject
    private VoiceGateway gateway;

    @EJB
    private AuditTrail audit;

    @Inject
    private Clock clock;

    /**
     * Calls the user's {@code deviceIndex}-th phone that takes calls, or refuses it ({@link
     * TxState#REFUSED}, audited) when the user is over the limits of {@link StartLimits}.
     */
    public TxView call(Actor actor, String username, int deviceIndex, String application) {
        Policy policy = policies.current();
        User user = Starts.checkedUser(users, audit, policy, actor, username, Factor.PHONE, AuditAction.AUTH_PHONE);
        Optional<TxView> refused = transactions.refusal(actor, user, Factor.PHONE, policy);
        if (refused.isPresent()) {
            return refused.get();
        }
        Recipient to = devices.recipient(user, Factor.PHONE, Math.max(1, deviceIndex));
        Instant now = clock.instant();
        AuthTransaction t = new AuthTransaction(transactions.newTxid(), user, to.deviceId(), Factor.PHONE, TxState.CALLING, to.lastFour(), null,
                application, actor.origin(), actor.name(), now, now.plusSeconds(policy.callTimeoutSeconds()));
        transactions.persist(t);
        gateway.call(to, t.getTxid(), "This is " + Settings.current().get(Settings.ORG_NAME)
                + ". Someone is logging in" + (application == null ? "" : " to " + application) + ". Press any key to log in, or hang up.");
        transactions.ended(actor, t);
        return TxView.of(t);
    }

    public TxView answered(Actor phone, String txid) {
        return event(phone, txid, (t, now) -> t.answer(now));
    }

    public TxView keyPressed(Actor phone, String txid) {
        return event(phone, txid, (t, now) -> t.pressKey(now));
    }

    public TxView hungUp(Actor phone, String txid) {
        return event(phone, txid, (t, now) -> t.hangUp(now));
    }

    /**
     * A call's progress as a real carrier reports it. Carriers report late and out of order (a key
     * press may arrive before "answered", "completed" after the key press), so an event that does
     * not fit is ignored rather than refused, and an ended call stays as it ended.
     */
    public TxView fromCarrier(Actor carrier, String txid, org.twofold.delivery.CallEvent.Kind kind) {
        AuthTransaction t = transactions.lock(txid);
        Instant now = clock.instant();
        if (t.expireIfDue(now)) {
            transactions.ended(carrier, t);
            return TxView.of(t);
        }
        TxState before = t.getState();
        switch (kind) {
            case ANSWERED -> {
                if (before == TxState.CALLING) {
                    t.answer(now);
                }
            }
            case KEY_PRESSED -> {
                if (before == TxState.CALLING) {
                    t.answer(now);
                }
                if (t.getState() == TxState.ANSWERED) {
                    t.pressKey(now);
                }
            }
            case HUNG_UP, NOT_ANSWERED -> {
                if (before.pending()) {
                    t.hangUp(now);
                }
            }
            default -> {
                // nothing this call cares about
            }
        }
        if (t.getState() != before) {
            transactions.ended(carrier, t);
        }
        return TxView.of(t);
    }

    private TxView event(Actor phone, String txid, java.util.function.BiConsumer<AuthTransaction, Instant> event) {
        AuthTransaction t = transactions.lock(txid);
        Instant now = clock.instant();
        if (!t.expireIfDue(now)) {
            transactions.change(t, () -> event.accept(t, now));
        }
        transactions.ended(phone, t);
        return TxView.of(t);
    }
}
