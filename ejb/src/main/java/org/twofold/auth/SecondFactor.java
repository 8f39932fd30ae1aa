package org.twofold.auth;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.device.Devices;
import org.twofold.policy.Factor;
import org.twofold.user.Users;

/**
 * Starts an out-of-band factor for the prompt and for integrators alike: {@code auto} means the
 * user's default factor (push or phone) if a device can serve it, else a push if the user has a
 * push-capable device, else a phone call; a device may be named by id (as preauth lists it) or left
 * to {@code auto}: the user's default device if it can, else the first that can. {@link #await}
 * follows a started request to its end without holding a transaction while it waits.
 */
@Stateless
public class SecondFactor {
    /** How often {@link #await} looks at a pending request. */
    static final Duration POLL = Duration.ofMillis(250);

    @EJB
    private Users users;

    @EJB
    private Devices devices;

    @EJB
    private PushPrompt push;

    @EJB
    private PhoneCalls calls;

    @EJB
    private TextedPasscodes sms;

    @EJB
    private Transactions transactions;

    public TxView start(Actor actor, String username, Factor factor, String device, String application) {
        String user = users.require(actor, username, (factor == null ? Factor.AUTO : factor).auditAction()).getUsername();
        Factor f = resolve(user, factor);
        int index = devices.preferredIndex(user, f);
        if (device != null && !device.isBlank() && !device.trim().equalsIgnoreCase("auto")) {
            try {
                index = devices.indexOf(user, f, Long.parseLong(device.trim()));
            } catch (NumberFormatException e) {
                throw new TwofoldException(ErrorCode.INVALID_VALUE, "device is a device id or auto");
            }
        }
        return startAt(actor, user, f, index, application);
    }

    /**
     * Starts {@code factor} on the user's {@code index}-th (1-based) device that can serve it, as the
     * second-password keywords ask ({@code push2}: the second push-capable device).
     */
    public TxView start(Actor actor, String username, Factor factor, int index, String application) {
        String user = users.require(actor, username, (factor == null ? Factor.AUTO : factor).auditAction()).getUsername();
        return startAt(actor, user, resolve(user, factor), index, application);
    }

    private Factor resolve(String user, Factor factor) {
        return factor == null || factor == Factor.AUTO ? devices.automaticFactor(user) : factor;
    }

    private TxView startAt(Actor actor, String user, Factor f, int index, String application) {
        return switch (f) {
            case PUSH -> push.send(actor, user, index, application);
            case PHONE -> calls.call(actor, user, index, application);
            case SMS -> sms.send(actor, user, index);
            default -> throw new TwofoldException(ErrorCode.INVALID_VALUE, "a passcode is checked, not started");
        };
    }

    /**
     * Delivers a push {@link #start} recorded, now that its transaction has committed (the caller
     * holds none: a phone that fetches the request as soon as the message arrives finds it); other
     * factors and refused starts are answered as they are. A push that cannot be delivered ends
     * as {@code undelivered} (audited) and its error is thrown on.
     *
     * @throws TwofoldException {@code DELIVERY_FAILED}, {@code NO_CAPABLE_DEVICE}
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public TxView delivered(Actor actor, TxView started) {
        if (started.factor() != Factor.PUSH || started.state() != TxState.PUSHED) {
            return started;
        }
        try {
            push.deliver(started.txid());
        } catch (RuntimeException e) { // the gateway's DELIVERY_FAILED, or anything unforeseen: no push is left waiting unsent
            transactions.undelivered(actor, started.txid());
            throw e;
        }
        return started;
    }

    /** The request's state once it has ended, or as it stands after {@code limit}. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public TxView await(String txid, Duration limit) {
        return waitFor(txid, limit, v -> true);
    }

    /**
     * Long-poll: the request's state as soon as it differs from its state when this was called (a
     * push approved, a call answered), or as it stands after {@code limit}. Like {@link #await}, it
     * holds no transaction (and no row lock) while it waits.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public TxView awaitChange(String txid, Duration limit) {
        TxState first = transactions.status(txid).state();
        return waitFor(txid, limit, v -> v.state() == first);
    }

    /** Polls the request while it is pending and {@code unchanged} holds, up to {@code limit}. */
    private TxView waitFor(String txid, Duration limit, Predicate<TxView> unchanged) {
        Instant deadline = Instant.now().plus(limit);
        TxView v = transactions.status(txid);
        while (v.state().pending() && unchanged.test(v) && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return v;
            }
            v = transactions.status(txid);
        }
        return v;
    }

    public TxView status(String txid) {
        return transactions.status(txid);
    }
}
