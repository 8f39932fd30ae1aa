package org.twofold.auth;

/**
 * A transaction as the prompt and integrators see it: id, state, the status bar's message, and for
 * a verified push the number to show on the prompt.
 */
public record TxView(String txid, TxState state, String message, String verifyNumber, Factor factor) {

    static TxView of(AuthTransaction t) {
        return new TxView(t.getTxid(), t.getState(), t.message(), t.getState().pending() ? t.getVerifyNumber() : null, t.getFactor());
    }

    /** A push or call refused by the limits before it started: no txid, the refusal's text. */
    static TxView refused(Factor factor, StartLimits.Refusal refusal) {
        return new TxView(null, TxState.REFUSED, refusal.message(), null, factor);
    }

    public boolean allowed() {
        return state == TxState.ALLOW;
    }
}
