package org.twofold.ws;

import org.twofold.auth.AuthOutcome;
import org.twofold.auth.PreauthAnswer;
import org.twofold.auth.TxState;
import org.twofold.auth.TxView;
import org.twofold.auth.Verdict;
import org.twofold.policy.Factor;
import org.twofold.words.StatusMessages;

/**
 * The SOAP boundary's words for the domain's outcomes: the {@code status} values of the WSDL's
 * {@code Status} enumeration, and the English status messages integrators show their users — the
 * seeds' texts, word for word as Duo's legacy clients expect them, which RADIUS shows too ({@link
 * StatusMessages}). The rules behind them are the domain's.
 */
public final class SoapWords {
    private SoapWords() {
    }

    /** The {@code status} value. */
    static String status(AuthOutcome o) {
        return o.tx() != null ? status(o.tx().state()) : status(o.reason());
    }

    /** The status message. */
    public static String message(AuthOutcome o) {
        return o.tx() != null ? message(o.tx()) : message(o.reason());
    }

    /** The status message of {@code secondPassword}: a text sent says only that. */
    static String secondPasswordMessage(AuthOutcome o) {
        return o.tx() != null && o.tx().factor() == Factor.SMS && o.tx().state() == TxState.SENT ? StatusMessages.SMS_SENT : message(o);
    }

    /** The status message of {@code preauth}. */
    public static String message(PreauthAnswer.Reason reason) {
        return StatusMessages.of(reason);
    }

    static String status(Verdict.Reason reason) {
        return switch (reason) {
            case ALLOWED -> "allow";
            case INVALID_PASSCODE, REPLAYED_PASSCODE, REVOKED_PASSCODE -> "invalid_passcode";
            case NO_DEVICE, NO_CAPABLE_DEVICE -> "no_device";
            case BYPASS_USER -> "bypass";
            case LOCKED_OUT -> "locked_out";
            case WRONG_PASSWORD, UNKNOWN_USER, THROTTLED, FACTOR_NOT_ALLOWED, DISABLED, DIRECTORY_UNAVAILABLE -> "deny";
        };
    }

    static String message(Verdict.Reason reason) {
        return StatusMessages.of(reason);
    }

    /** The {@code status} of a push, call or text as it stands (Duo's legacy values, which the Duo API answers too). */
    public static String status(TxState state) {
        return switch (state) {
            case PUSHED -> "pushed";
            case CALLING -> "calling";
            case ANSWERED -> "answered";
            case SENT -> "sent";
            case ALLOW -> "allow";
            case DENY, CANCELLED, REFUSED -> "deny";
            case TIMEOUT -> "timeout";
            case FRAUD -> "fraud";
        };
    }

    static String message(TxView v) {
        return StatusMessages.of(v);
    }
}
