package org.twofold.auth;

import org.twofold.policy.Factor;
/**
 * A push, call or text as the prompt and integrators see it, in the domain's terms (each boundary
 * words it itself): its id, state and, once it ended, why ({@code denied}, {@code reported_fraud},
 * {@code wrong_verification_number}, {@code rejected}, {@code hung_up}, {@code not_answered},
 * {@code no_key_pressed}, {@code cancelled}, {@code undelivered}); for a verified push still
 * pending the number to show on the prompt; for a call the last four digits of the number dialled;
 * for a text the first digit of the next unused SMS passcode.
 */
public record TxView(String txid, TxState state, String reason, Factor factor, String verifyNumber, String numberLastFour,
                     String smsNextDigit) {

    static TxView of(AuthTransaction t) {
        return new TxView(t.getTxid(), t.getState(), t.getReason(), t.getFactor(), t.getState().pending() ? t.getVerifyNumber() : null,
                t.getNumberLastFour(), null);
    }

    /** A text just sent, whose batch's next passcode starts with {@code nextDigit}. */
    public static TxView sent(AuthTransaction t, String nextDigit) {
        return new TxView(t.getTxid(), t.getState(), t.getReason(), t.getFactor(), null, t.getNumberLastFour(), nextDigit);
    }

    /** A push or call refused by the limits before it started: no txid, the refusal's reason. */
    static TxView refused(Factor factor, StartLimits.Refusal refusal) {
        return new TxView(null, TxState.REFUSED, refusal.reason(), factor, null, null, null);
    }

    public boolean allowed() {
        return state == TxState.ALLOW;
    }
}
