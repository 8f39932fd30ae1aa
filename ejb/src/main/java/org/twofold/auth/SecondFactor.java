package org.twofold.auth;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.device.Devices;
import org.twofold.passcode.SmsPasscodes;
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

    @Inject
    private Users users;

    @Inject
    private Devices devices;

    @Inject
    private PushPrompt push;

    @Inject
    private PhoneCalls calls;

    @Inject
    private SmsPasscodes sms;

    @Inject
    private Transactions transactions;

    public TxView start(Actor actor, String username, Factor factor, String device, String application) {
        String user = users.require(actor, username, "auth." + (factor == null ? "auto" : factor.keyword())).getUsername();
        Factor f = factor == null || factor == Factor.AUTO ? devices.automaticFactor(user) : factor;
        int index = devices.preferredIndex(user, f);
        if (device != null && !device.isBlank() && !device.trim().equalsIgnoreCase("auto")) {
            try {
                index = devices.indexOf(user, f, Long.parseLong(device.trim()));
            } catch (NumberFormatException e) {
                throw new TwofoldException(ErrorCode.INVALID_VALUE, "device is a device id or auto");
            }
        }
        return switch (f) {
            case PUSH -> push.send(actor, user, index, application);
            case PHONE -> calls.call(actor, user, index, application);
            case SMS -> sms.send(actor, user, index);
            default -> throw new TwofoldException(ErrorCode.INVALID_VALUE, "a passcode is checked, not started");
        };
    }

    /** The request's state once it has ended, or as it stands after {@code limit}. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public TxView await(String txid, Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        TxView v = transactions.status(txid);
        while (v.state().pending() && Instant.now().isBefore(deadline)) {
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
