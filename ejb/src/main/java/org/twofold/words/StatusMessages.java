package org.twofold.words;

import org.twofold.auth.PreauthAnswer;
import org.twofold.auth.TxState;
import org.twofold.auth.TxView;
import org.twofold.auth.Verdict;
import org.twofold.device.PhoneNumber;
import org.twofold.policy.Factor;

/**
 * The English status message of each outcome, as the seeds and Duo's legacy clients word it
 * ("Incorrect passcode. Please try again.", "New SMS passcodes sent."). One text per outcome, so
 * that SOAP, the Duo API and RADIUS cannot drift apart; the rules behind the outcomes are the
 * domain's.
 */
public final class StatusMessages {
    public static final String SUCCESS = "Success. Logging you in...";
    public static final String SMS_SENT = "New SMS passcodes sent.";
    public static final String DENIED = "Login denied.";
    public static final String TIMED_OUT = "Login request timed out.";

    private StatusMessages() {
    }

    /** The message of a passcode's, a password's or a refused request's verdict. */
    public static String of(Verdict.Reason reason) {
        return switch (reason) {
            case ALLOWED -> SUCCESS;
            case INVALID_PASSCODE, REPLAYED_PASSCODE, REVOKED_PASSCODE -> "Incorrect passcode. Please try again.";
            case WRONG_PASSWORD, UNKNOWN_USER, DISABLED -> DENIED;
            case NO_DEVICE -> "No device of this user makes passcodes. Enroll one, or ask the help desk.";
            case NO_CAPABLE_DEVICE -> "No active device of this user can do this.";
            case THROTTLED -> "Too many failed attempts. Try again later or contact the help desk.";
            case FACTOR_NOT_ALLOWED -> "This authentication method is not allowed.";
            case BYPASS_USER -> "Second factor skipped for this user.";
            case LOCKED_OUT -> "This account is locked out. Contact the help desk.";
            case DIRECTORY_UNAVAILABLE -> "Your password cannot be checked right now. Please try again later.";
        };
    }

    /** The message of {@code preauth}. */
    public static String of(PreauthAnswer.Reason reason) {
        return switch (reason) {
            case BYPASS_USER -> of(Verdict.Reason.BYPASS_USER);
            case LOCKED_OUT -> of(Verdict.Reason.LOCKED_OUT);
            case DISABLED -> DENIED;
            case ACTIVE -> "Account is active. Choose an authentication method.";
            case NO_DEVICE -> "This user has no device enrolled. Enroll one, or ask the help desk.";
            case NOTHING_ALLOWED -> "None of this user's devices can do an authentication method allowed by policy.";
            case NEW_USER_DENIED -> "This user has no device enrolled, and new users may not enroll one when logging in. Contact the help desk.";
            case NEW_USER_ALLOWED -> "Second factor skipped: this user has no device enrolled, and policy lets new users in.";
            case BROWSER_ONLY -> "This user's only devices are security keys or passkeys, which work only on the web login page. Log in there, or add another device in My Settings & Devices.";
        };
    }

    /** The message of a push, call or text as it stands. */
    public static String of(TxView v) {
        String number = v.numberLastFour() == null ? "your phone" : PhoneNumber.masked(v.numberLastFour());
        String reason = v.reason() == null ? "" : v.reason();
        return switch (v.state()) {
            case PUSHED -> "Pushed a login request to your device..." + (v.verifyNumber() == null ? "" : " Enter " + v.verifyNumber() + " in the app.");
            case CALLING -> "Dialing " + number + "...";
            case ANSWERED -> "Answered. Press any key on your phone to log in.";
            case SENT -> SMS_SENT + (v.smsNextDigit() == null ? "" : " Next SMS passcode starts with " + v.smsNextDigit() + ".");
            case ALLOW -> SUCCESS;
            case DENY -> switch (reason) {
                case "wrong_verification_number" -> "The number you entered did not match. Login denied.";
                case "hung_up", "rejected" -> "The call ended without a key press. Login denied.";
                default -> "Login request denied.";
            };
            case TIMEOUT -> v.factor() != Factor.PHONE ? TIMED_OUT
                    : "no_key_pressed".equals(reason) ? "No key was pressed in time. Login denied." : "The call was not answered in time.";
            case FRAUD -> "Login request reported as fraudulent.";
            case CANCELLED -> "Login request cancelled.";
            case REFUSED -> "paused_after_fraud_report".equals(reason)
                    ? "Login requests to your phone are paused after a fraud report. Use a passcode or contact the help desk."
                    : "Too many login requests. Try again later.";
        };
    }

    /** The message of a request as it ended for a door that shows one line: a text sent says only that. */
    public static String ended(TxView v) {
        if (v.factor() == Factor.SMS && v.state() == TxState.SENT) {
            return SMS_SENT;
        }
        // still pending when the door stopped waiting: its client gave up long before
        return v.state().pending() ? TIMED_OUT : of(v);
    }
}
