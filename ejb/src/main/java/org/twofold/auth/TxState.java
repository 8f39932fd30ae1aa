package org.twofold.auth;

/**
 * Where an authentication transaction (a push, a phone call, an SMS send) stands. Pending states
 * move on by the phone's answers or end at the deadline; the others are final. {@link #status()}
 * is the SOAP {@code status} value.
 */
public enum TxState {
    PUSHED("pushed", true),
    CALLING("calling", true),
    ANSWERED("answered", true),
    SENT("sent", false),
    ALLOW("allow", false),
    DENY("deny", false),
    TIMEOUT("timeout", false),
    FRAUD("fraud", false),
    CANCELLED("deny", false),
    /**
     * A push or call that was not started because the user is over the limits ({@link StartLimits}):
     * no transaction exists and none is stored; only a {@link TxView} carries it.
     */
    REFUSED("deny", false);

    private final String status;
    private final boolean pending;

    TxState(String status, boolean pending) {
        this.status = status;
        this.pending = pending;
    }

    public String status() {
        return status;
    }

    public boolean pending() {
        return pending;
    }
}
