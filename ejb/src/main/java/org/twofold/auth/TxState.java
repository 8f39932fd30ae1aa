package org.twofold.auth;

/**
 * Where an authentication transaction (a push, a phone call, an SMS send) stands. Pending states
 * move on by the phone's answers or end at the deadline; the others are final. {@link #keyword()}
 * is the audit trail's word for it; boundaries word it themselves.
 */
public enum TxState {
    PUSHED(true),
    CALLING(true),
    ANSWERED(true),
    SENT(false),
    ALLOW(false),
    DENY(false),
    TIMEOUT(false),
    FRAUD(false),
    CANCELLED(false),
    /**
     * A push or call that was not started because the user is over the limits ({@link StartLimits}):
     * no transaction exists and none is stored; only a {@link TxView} carries it, its reason the
     * {@link StartLimits.Refusal}'s.
     */
    REFUSED(false);

    private final boolean pending;

    TxState(boolean pending) {
        this.pending = pending;
    }

    /** The state's name in lower case, as the audit trail and the virtual phones write it. */
    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean pending() {
        return pending;
    }
}
