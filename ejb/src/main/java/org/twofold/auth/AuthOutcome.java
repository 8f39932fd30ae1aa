package org.twofold.auth;

import java.util.Locale;

/**
 * What an integrator is told about an authentication request, whichever factor answered it: the
 * {@code result} (allow, deny, waiting), the {@code status} that says why or how far it got (a
 * SOAP {@code Status} value such as {@code invalid_passcode} or {@code pushed}), the status message,
 * and for a push, call or text the transaction id.
 */
public record AuthOutcome(Result result, String status, String message, String txid) {

    /** allow: let the user in; deny: do not; waiting: still pending, ask authStatus. */
    public enum Result {
        ALLOW, DENY, WAITING;

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A passcode's verdict. */
    public static AuthOutcome of(Verdict verdict) {
        return new AuthOutcome(verdict.allowed() ? Result.ALLOW : Result.DENY, verdict.reason().status(), verdict.reason().message(), null);
    }

    /** A transaction as it stands; an SMS send answers deny/sent, as legacy clients expect. */
    public static AuthOutcome of(TxView v) {
        Result result = v.state() == TxState.ALLOW ? Result.ALLOW : v.state().pending() ? Result.WAITING : Result.DENY;
        return new AuthOutcome(result, v.state().status(), v.message(), v.txid());
    }

    /** The same outcome with another status message. */
    AuthOutcome withMessage(String text) {
        return new AuthOutcome(result, status, text, txid);
    }
}
