package org.twofold.ws;

import org.twofold.auth.AuthOutcome;
import org.twofold.auth.Factor;
import org.twofold.auth.PreauthAnswer;
import org.twofold.auth.TxState;
import org.twofold.auth.TxView;
import org.twofold.auth.Verdict;
import org.twofold.device.PhoneNumber;

/**
 * The SOAP boundary's words for the domain's outcomes: the {@code status} values of the WSDL's
 * {@code Status} enumeration and the English status messages integrators show their users (as
 * Duo's legacy clients expect them, word for word). Other boundaries have their own words for the
 * same outcomes; the rules behind them are the domain's.
 */
public final class SoapWords {
    /** What {@code secondPassword} answers for {@code sms}, word for word as legacy clients expect. */
    static final String SMS_SENT = "New SMS passcodes sent.";

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
        return o.tx() != null && o.tx().factor() == Factor.SMS && o.tx().state() == TxState.SENT ? SMS_SENT : message(o);
    }

    /** The status message of {@code preauth}. */
    public static String message(PreauthAnswer.Reason reason) {
        return switch (reason) {
            case BYPASS_USER -> "Second factor skipped for this user.";
            case LOCKED_OUT -> "This account is locked out. Contact the help desk.";
            case DISABLED -> "Login denied.";
            case ACTIVE -> "Account is active. Choose an authentication method.";
            case NO_DEVICE -> "This user has no device enrolled. Enroll one, or ask the help desk.";
            case NOTHING_ALLOWED -> "None of this user's devices can do an authentication method allowed by policy.";
            case NEW_USER_DENIED -> "This user has no device enrolled, and new users may not enroll one when logging in. Contact the help desk.";
            case NEW_USER_ALLOWED -> "Second factor skipped: this user has no device enrolled, and policy lets new users in.";
        };
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
        return switch (reason) {
            case ALLOWED -> "Success. Logging you in...";
            case INVALID_PASSCODE, REPLAYED_PASSCODE, REVOKED_PASSCODE -> "Incorrect passcode. Please try again.";
            case WRONG_PASSWORD, UNKNOWN_USER, DISABLED -> "Login denied.";
            case NO_DEVICE -> "No device of this user makes passcodes. Enroll one, or ask the help desk.";
            case NO_CAPABLE_DEVICE -> "No active device of this user can do this.";
            case THROTTLED -> "Too many failed attempts. Try again later or contact the help desk.";
            case FACTOR_NOT_ALLOWED -> "This authentication method is not allowed.";
            case BYPASS_USER -> "Second factor skipped for this user.";
            case LOCKED_OUT -> "This account is locked out. Contact the help desk.";
            case DIRECTORY_UNAVAILABLE -> "Your password cannot be checked right now. Please try again later.";
        };
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
        String number = v.numberLastFour() == null ? "your phone" : PhoneNumber.masked(v.numberLastFour());
        String reason = v.reason() == null ? "" : v.reason();
        return switch (v.state()) {
            case PUSHED -> "Pushed a login request to your device..." + (v.verifyNumber() == null ? "" : " Enter " + v.verifyNumber() + " in the app.");
            case CALLING -> "Dialing " + number + "...";
            case ANSWERED -> "Answered. Press any key on your phone to log in.";
            case SENT -> SMS_SENT + (v.smsNextDigit() == null ? "" : " Next SMS passcode starts with " + v.smsNextDigit() + ".");
            case ALLOW -> "Success. Logging you in...";
            case DENY -> switch (reason) {
                case "wrong_verification_number" -> "The number you entered did not match. Login denied.";
                case "hung_up", "rejected" -> "The call ended without a key press. Login denied.";
                default -> "Login request denied.";
            };
            case TIMEOUT -> v.factor() != Factor.PHONE ? "Login request timed out."
                    : "no_key_pressed".equals(reason) ? "No key was pressed in time. Login denied." : "The call was not answered in time.";
            case FRAUD -> "Login request reported as fraudulent.";
            case CANCELLED -> "Login request cancelled.";
            case REFUSED -> "paused_after_fraud_report".equals(reason)
                    ? "Login requests to your phone are paused after a fraud report. Use a passcode or contact the help desk."
                    : "Too many login requests. Try again later.";
        };
    }
}
