package org.twofold.auth;

import java.util.Locale;

/**
 * What an authentication request came to, whichever factor answered it, in the domain's terms:
 * the {@code result} (allow, deny, waiting) and either the {@link Verdict} of an answer given at
 * once (a passcode; a user locked out or without a capable device) or the {@link TxView}
 * of a push, call or text as it stands. Each boundary has its own words for it (SOAP's
 * {@code status} values and messages, the prompt's status bar, later REST and RADIUS answers).
 *
 * @param verdict the answer given at once; null for a push, call or text
 * @param tx the push, call or text; null for an answer given at once
 */
public record AuthOutcome(Result result, Verdict verdict, TxView tx) {

    /** allow: let the user in; deny: do not; waiting: still pending, ask for its status. */
    public enum Result {
        ALLOW, DENY, WAITING;

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A verdict given at once. */
    public static AuthOutcome of(Verdict verdict) {
        return new AuthOutcome(verdict.allowed() ? Result.ALLOW : Result.DENY, verdict, null);
    }

    /** A push, call or text as it stands; a text sent answers deny/sent, as legacy clients expect. */
    public static AuthOutcome of(TxView v) {
        Result result = v.state() == TxState.ALLOW ? Result.ALLOW : v.state().pending() ? Result.WAITING : Result.DENY;
        return new AuthOutcome(result, null, v);
    }

    public boolean allowed() {
        return result == Result.ALLOW;
    }

    /** Why, for an answer given at once; null for a push, call or text. */
    public Verdict.Reason reason() {
        return verdict == null ? null : verdict.reason();
    }

    /** The push's, call's or text's id; null for an answer given at once. */
    public String txid() {
        return tx == null ? null : tx.txid();
    }
}
