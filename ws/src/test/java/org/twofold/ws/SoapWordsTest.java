package org.twofold.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.twofold.auth.AuthOutcome;
import org.twofold.auth.PreauthAnswer;
import org.twofold.auth.TxState;
import org.twofold.auth.TxView;
import org.twofold.auth.Verdict;
import org.twofold.policy.Factor;
import org.twofold.ws.contract.Status;

/** SOAP's words for the domain's outcomes: the WSDL's status values and the messages legacy clients show. */
class SoapWordsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "BYPASS_USER     | Second factor skipped for this user.",
        "LOCKED_OUT      | This account is locked out. Contact the help desk.",
        "DISABLED        | Login denied.",
        "ACTIVE          | Account is active. Choose an authentication method.",
        "NO_DEVICE       | This user has no device enrolled. Enroll one, or ask the help desk.",
        "NOTHING_ALLOWED | None of this user's devices can do an authentication method allowed by policy.",
        "NEW_USER_DENIED | This user has no device enrolled, and new users may not enroll one when logging in. Contact the help desk.",
        "NEW_USER_ALLOWED| Second factor skipped: this user has no device enrolled, and policy lets new users in.",
        "BROWSER_ONLY    | This user's only devices are security keys or passkeys, which work only on the web login page. Log in there, or add another device in My Settings & Devices.",
    })
    void preauthAnswers(PreauthAnswer.Reason reason, String message) {
        assertEquals(message, SoapWords.message(reason));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ALLOWED           | allow            | Success. Logging you in...",
        "INVALID_PASSCODE  | invalid_passcode | Incorrect passcode. Please try again.",
        "REPLAYED_PASSCODE | invalid_passcode | Incorrect passcode. Please try again.",
        "REVOKED_PASSCODE  | invalid_passcode | Incorrect passcode. Please try again.",
        "WRONG_PASSWORD    | deny             | Login denied.",
        "UNKNOWN_USER      | deny             | Login denied.",
        "DISABLED          | deny             | Login denied.",
        "NO_DEVICE         | no_device        | No device of this user makes passcodes. Enroll one, or ask the help desk.",
        "NO_CAPABLE_DEVICE | no_device        | No active device of this user can do this.",
        "THROTTLED         | deny             | Too many failed attempts. Try again later or contact the help desk.",
        "FACTOR_NOT_ALLOWED| deny             | This authentication method is not allowed.",
        "BYPASS_USER       | bypass           | Second factor skipped for this user.",
        "LOCKED_OUT        | locked_out       | This account is locked out. Contact the help desk.",
    })
    void answersGivenAtOnce(Verdict.Reason reason, String status, String message) {
        AuthOutcome o = AuthOutcome.of(new Verdict(reason == Verdict.Reason.ALLOWED, reason, "passcode"));
        assertEquals(status, SoapWords.status(o));
        assertEquals(message, SoapWords.message(o));
        assertEquals(status, Status.fromValue(status).value(), "a value of the WSDL's Status enumeration");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "PUSHED    | PUSH  | -                         | 123 | -    | -  | pushed   | Pushed a login request to your device... Enter 123 in the app.",
        "PUSHED    | PUSH  | -                         | -   | -    | -  | pushed   | Pushed a login request to your device...",
        "CALLING   | PHONE | -                         | -   | 4357 | -  | calling  | Dialing XXX-XXX-4357...",
        "ANSWERED  | PHONE | -                         | -   | 4357 | -  | answered | Answered. Press any key on your phone to log in.",
        "SENT      | SMS   | -                         | -   | 0105 | 7  | sent     | New SMS passcodes sent. Next SMS passcode starts with 7.",
        "ALLOW     | PUSH  | -                         | -   | -    | -  | allow    | Success. Logging you in...",
        "DENY      | PUSH  | denied                    | -   | -    | -  | deny     | Login request denied.",
        "DENY      | PUSH  | wrong_verification_number | -   | -    | -  | deny     | The number you entered did not match. Login denied.",
        "DENY      | PHONE | hung_up                   | -   | 4357 | -  | deny     | The call ended without a key press. Login denied.",
        "DENY      | PHONE | rejected                  | -   | 4357 | -  | deny     | The call ended without a key press. Login denied.",
        "TIMEOUT   | PUSH  | not_answered              | -   | -    | -  | timeout  | Login request timed out.",
        "TIMEOUT   | PHONE | not_answered              | -   | 4357 | -  | timeout  | The call was not answered in time.",
        "TIMEOUT   | PHONE | no_key_pressed            | -   | 4357 | -  | timeout  | No key was pressed in time. Login denied.",
        "FRAUD     | PUSH  | reported_fraud            | -   | -    | -  | fraud    | Login request reported as fraudulent.",
        "CANCELLED | PHONE | cancelled                 | -   | 4357 | -  | deny     | Login request cancelled.",
        "REFUSED   | PUSH  | too_many_pushes           | -   | -    | -  | deny     | Too many login requests. Try again later.",
        "REFUSED   | PUSH  | too_many_unanswered_pushes| -   | -    | -  | deny     | Too many login requests. Try again later.",
        "REFUSED   | PHONE | too_many_calls            | -   | -    | -  | deny     | Too many login requests. Try again later.",
        "REFUSED   | PHONE | paused_after_fraud_report | -   | -    | -  | deny     | Login requests to your phone are paused after a fraud report. Use a passcode or contact the help desk.",
    })
    void requestsAsTheyStand(TxState state, Factor factor, String reason, String verify, String lastFour, String next, String status, String message) {
        AuthOutcome o = AuthOutcome.of(new TxView("tx", state, reason, factor, verify, lastFour, next));
        assertEquals(status, SoapWords.status(o));
        assertEquals(message, SoapWords.message(o));
        assertEquals(status, Status.fromValue(status).value());
    }

    @Test
    void secondPasswordSmsSaysOnlyThatCodesWereSent() {
        AuthOutcome sent = AuthOutcome.of(new TxView("tx", TxState.SENT, null, Factor.SMS, null, "0105", "7"));
        assertEquals("New SMS passcodes sent.", SoapWords.secondPasswordMessage(sent));
        AuthOutcome wrong = AuthOutcome.of(Verdict.deny(Verdict.Reason.INVALID_PASSCODE, "passcode"));
        assertEquals("Incorrect passcode. Please try again.", SoapWords.secondPasswordMessage(wrong));
    }
}
