package org.twofold.auth;

/**
 * The outcome of an authentication step: allowed or not, and why. Users are shown one text for
 * every failure; the reason goes to the audit trail and, in each boundary's own words, to
 * integrators (SOAP's {@code status} values and messages live in the SOAP boundary, the prompt's
 * texts in the pages' bundle).
 */
public record Verdict(boolean allowed, Reason reason, String factor) {

    /** Why a verdict is what it is. */
    public enum Reason {
        ALLOWED,
        INVALID_PASSCODE,
        /** Told apart from a wrong code only in the audit trail. */
        REPLAYED_PASSCODE,
        WRONG_PASSWORD,
        UNKNOWN_USER,
        /** A code revoked by a newer batch, or a code of a disabled device. */
        REVOKED_PASSCODE,
        /** No device of the user makes passcodes, and no issued code is live. */
        NO_DEVICE,
        /** No active device of the user can do the push, call or text asked for. */
        NO_CAPABLE_DEVICE,
        /** Over the hourly cap of evaluated failures: not even checked. */
        THROTTLED,
        /** The factor is not allowed by policy. */
        FACTOR_NOT_ALLOWED,
        /** The user's status is bypass: the second factor is skipped (an administrator's choice). */
        BYPASS_USER,
        LOCKED_OUT,
        DISABLED,
        /**
         * The directory that holds a directory user's password did not answer: nothing was
         * decided (no login, no failure counted); the person is told to try again later.
         */
        DIRECTORY_UNAVAILABLE
    }

    public static Verdict allow(String factor) {
        return new Verdict(true, Reason.ALLOWED, factor);
    }

    public static Verdict deny(Reason reason, String factor) {
        return new Verdict(false, reason, factor);
    }
}
