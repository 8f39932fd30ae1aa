package org.twofold.auth;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditTrail;
import org.twofold.passcode.PasscodeVerifier;

/**
 * Integrators' authentication requests (SOAP {@code auth}, {@code authStatus} and
 * {@code secondPassword}) as outcomes: a passcode is checked at once; a push or call is started and,
 * unless asynchronous, followed until it ends (its policy time-out bounds the wait); a text is sent
 * and answered deny/sent. A user locked out or without a capable device is an answer
 * ({@code locked_out}, {@code no_device}), not a fault, and so is a push or call refused by the
 * user's limits ({@link StartLimits}): {@code deny}, with no {@code txid}. No transaction is held
 * while waiting: each step runs in its own.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AuthRequests {
    /** The longest a synchronous push or call is followed (the longest policy time-out, and a margin). */
    static final Duration MAX_WAIT = Duration.ofSeconds(630);
    /** The longest {@link #status} long-polls. */
    public static final Duration MAX_STATUS_WAIT = Duration.ofSeconds(25);
    /** What {@code secondPassword} answers for {@code sms}, word for word as legacy clients expect. */
    static final String SMS_SENT = "New SMS passcodes sent.";

    @Inject
    private PasscodeVerifier passcodes;

    @Inject
    private SecondFactor second;

    @Inject
    private AuditTrail audit;

    /**
     * Checks a passcode.
     *
     * @throws TwofoldException {@code MISSING_FIELD} if it is blank, {@code UNKNOWN_USER}
     */
    public AuthOutcome passcode(Actor actor, String username, String passcode) {
        if (passcode == null || passcode.isBlank()) {
            audit.recordRefusal(actor, null, "auth.passcode", "missing_field", "passcode");
            throw new TwofoldException(ErrorCode.MISSING_FIELD, "passcode is required when factor is passcode");
        }
        return AuthOutcome.of(passcodes.verify(actor, username, passcode));
    }

    /** Starts a push, call or text on the device named by id (or {@code auto}); waits for its end unless {@code async}. */
    public AuthOutcome outOfBand(Actor actor, String username, Factor factor, String device, String application, boolean async) {
        try {
            TxView v = second.start(actor, username, factor, device, application);
            return AuthOutcome.of(async ? v : finished(v));
        } catch (TwofoldException e) {
            return answer(e);
        }
    }

    /**
     * The second-password field ({@link FactorRequest#parseSecondPassword}): {@code push},
     * {@code phone}, {@code sms} with an optional device index, waited for; anything else a passcode.
     */
    public AuthOutcome secondPassword(Actor actor, String username, String typed, String application) {
        if (typed == null || typed.isBlank()) {
            audit.recordRefusal(actor, null, "auth.secondPassword", "missing_field", "secondPassword");
            throw new TwofoldException(ErrorCode.MISSING_FIELD, "secondPassword is required");
        }
        FactorRequest request = FactorRequest.parseSecondPassword(typed);
        if (request.factor() == Factor.PASSCODE) {
            return passcode(actor, username, request.passcode());
        }
        try {
            TxView v = finished(second.start(actor, username, request.factor(), request.deviceIndex(), application));
            AuthOutcome outcome = AuthOutcome.of(v);
            return request.factor() == Factor.SMS ? outcome.withMessage(SMS_SENT) : outcome;
        } catch (TwofoldException e) {
            return answer(e);
        }
    }

    /**
     * A transaction's state; with a {@code wait} (at most {@link #MAX_STATUS_WAIT}) the answer comes
     * as soon as its state changes, or when the wait is over.
     */
    public AuthOutcome status(Actor actor, String txid, Duration wait) {
        if (txid == null || txid.isBlank()) {
            throw new TwofoldException(ErrorCode.MISSING_FIELD, "txid is required");
        }
        Duration limit = wait == null || wait.isNegative() ? Duration.ZERO : wait.compareTo(MAX_STATUS_WAIT) > 0 ? MAX_STATUS_WAIT : wait;
        try {
            return AuthOutcome.of(limit.isZero() ? second.status(txid) : second.awaitChange(txid, limit));
        } catch (TwofoldException e) {
            if (e.code() == ErrorCode.UNKNOWN_TRANSACTION) {
                // someone asking after transaction ids that do not exist: on the record, like every refusal
                audit.recordRefusal(actor, null, "auth.status", "unknown_transaction", txid.length() > 40 ? txid.substring(0, 40) : txid);
            }
            throw e;
        }
    }

    private TxView finished(TxView v) {
        return v.state().pending() ? second.await(v.txid(), MAX_WAIT) : v;
    }

    /** Refusals the user's own state causes are answers; the rest stay errors. */
    private static AuthOutcome answer(TwofoldException e) {
        if (e.code() == ErrorCode.USER_LOCKED_OUT) {
            return new AuthOutcome(AuthOutcome.Result.DENY, Verdict.Reason.LOCKED_OUT.status(), e.getMessage(), null);
        }
        if (e.code() == ErrorCode.NO_CAPABLE_DEVICE) {
            return new AuthOutcome(AuthOutcome.Result.DENY, Verdict.Reason.NO_DEVICE.status(), e.getMessage(), null);
        }
        throw e;
    }
}
