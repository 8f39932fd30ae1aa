package org.twofold.auth;

/**
 * The outcome of an authentication step: allowed or not, and why. Users are shown one text for
 * every failure; the reason goes to the audit trail and to integrators.
 */
public record Verdict(boolean allowed, Reason reason, String factor) {

    /** Why a verdict is what it is; {@link #status()} is the SOAP {@code status} value. */
    public enum Reason {
        ALLOWED("allow", "Success. Logging you in..."),
        INVALID_PASSCODE("invalid_passcode", "Incorrect passcode. Please try again."),
        /** Told apart from a wrong code only in the audit trail. */
        REPLAYED_PASSCODE("invalid_passcode", "Incorrect passcode. Please try again."),
        WRONG_PASSWORD("deny", "Login denied."),
        UNKNOWN_USER("deny", "Login denied."),
        /** A code revoked by a newer batch, or a code of a disabled device. */
        REVOKED_PASSCODE("invalid_passcode", "Incorrect passcode. Please try again."),
        NO_DEVICE("no_device", "No device of this user makes passcodes. Enroll one, or ask the help desk."),
        /** Over the hourly cap of evaluated failures: not even checked. */
        THROTTLED("deny", "Too many failed attempts. Try again later or contact the help desk."),
        /** The factor is not allowed by policy. */
        FACTOR_NOT_ALLOWED("deny", "This authentication method is not allowed."),
        /** The user's status is bypass: the second factor is skipped (an administrator's choice). */
        BYPASS_USER("bypass", "Second factor skipped for this user."),
        LOCKED_OUT("locked_out", "This account is locked out. Contact the help desk."),
        DISABLED("deny", "Login denied.");

        private final String status;
        private final String message;

        Reason(String status, String message) {
            this.status = status;
            this.message = message;
        }

        /** The SOAP {@code status} value. */
        public String status() {
            return status;
        }

        /** The English status message integrators show (pages use their own bundle). */
        public String message() {
            return message;
        }
    }

    public static Verdict allow(String factor) {
        return new Verdict(true, Reason.ALLOWED, factor);
    }

    public static Verdict deny(Reason reason, String factor) {
        return new Verdict(false, reason, factor);
    }
}
