package org.twofold.ws.duo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.twofold.ErrorCode;
import org.twofold.auth.AuthOutcome;
import org.twofold.auth.PreauthAnswer;
import org.twofold.auth.TxState;
import org.twofold.auth.TxView;
import org.twofold.auth.Verdict;
import org.twofold.policy.Factor;

/** Duo's words for the domain's outcomes: result, status and status_msg, device types and capabilities, errors. */
class DuoWordsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ALLOWED           | allow | allow",
        "INVALID_PASSCODE  | deny  | deny",
        "REPLAYED_PASSCODE | deny  | deny",
        "NO_DEVICE         | deny  | deny",
        "UNKNOWN_USER      | deny  | deny",
        "THROTTLED         | deny  | deny",
        "BYPASS_USER       | deny  | bypass",
        "LOCKED_OUT        | deny  | locked_out",
    })
    void answersGivenAtOnceHaveDuosResultAndStatus(Verdict.Reason reason, String result, String status) {
        AuthOutcome o = AuthOutcome.of(reason == Verdict.Reason.ALLOWED ? Verdict.allow("passcode") : Verdict.deny(reason, "passcode"));
        assertEquals(result, DuoWords.result(o));
        assertEquals(status, DuoWords.status(o));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "PUSHED    | waiting | pushed   | Pushed a login request to your device...",
        "CALLING   | waiting | calling  | Dialing XXX-XXX-0100...",
        "ANSWERED  | waiting | answered | Answered. Press any key on your phone to log in.",
        "SENT      | deny    | sent     | New SMS passcodes sent. Next SMS passcode starts with 4.",
        "ALLOW     | allow   | allow    | Success. Logging you in...",
        "DENY      | deny    | deny     | Login request denied.",
        "CANCELLED | deny    | deny     | Login request cancelled.",
        "TIMEOUT   | deny    | timeout  | Login request timed out.",
        "FRAUD     | deny    | fraud    | Login request reported as fraudulent.",
        "REFUSED   | deny    | deny     | Too many login requests. Try again later.",
    })
    void pushesCallsAndTextsHaveDuosResultStatusAndMessage(TxState state, String result, String status, String message) {
        Factor factor = state == TxState.CALLING || state == TxState.ANSWERED ? Factor.PHONE : state == TxState.SENT ? Factor.SMS : Factor.PUSH;
        AuthOutcome o = AuthOutcome.of(new TxView("tx1", state, null, factor, null, "0100", state == TxState.SENT ? "4" : null));
        assertEquals(result, DuoWords.result(o));
        assertEquals(status, DuoWords.status(o));
        assertEquals(message, DuoWords.message(o));
    }

    @Test
    void phonesAndTabletsArePhonesTokensAreTokensAndAutoGoesWithPushOrPhone() {
        PreauthAnswer.Device smartphone = new PreauthAnswer.Device(1, "smartphone", "iPhone", "XXX-XXX-0100", List.of("push", "phone", "sms", "mobile_otp"), null);
        PreauthAnswer.Device tablet = new PreauthAnswer.Device(2, "tablet", "iPad", null, List.of("push", "mobile_otp"), null);
        PreauthAnswer.Device token = new PreauthAnswer.Device(3, "hardware_token", "Token", null, List.of("mobile_otp"), null);
        PreauthAnswer.Device textsOnly = new PreauthAnswer.Device(4, "mobile_phone", "Mobile", "XXX-XXX-0101", List.of("sms"), "4");
        assertEquals("phone", DuoWords.type(smartphone));
        assertEquals("phone", DuoWords.type(tablet));
        assertEquals("token", DuoWords.type(token));
        assertEquals(List.of("auto", "push", "sms", "phone", "mobile_otp"), DuoWords.capabilities(smartphone));
        assertEquals(List.of("auto", "push", "mobile_otp"), DuoWords.capabilities(tablet));
        assertEquals(List.of("mobile_otp"), DuoWords.capabilities(token));
        assertEquals(List.of("sms"), DuoWords.capabilities(textsOnly), "policy allowed texts only: auto would have nothing to do");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "CREDENTIALS_REQUIRED | 401 | 40101 | Missing request credentials             |",
        "INVALID_CREDENTIALS  | 401 | 40103 | Invalid signature in request credentials |",
        "TOO_MANY_REQUESTS    | 429 | 42901 | Too Many Requests                        |",
        "MISSING_FIELD        | 400 | 40001 | Missing required request parameters      | factor",
        "INVALID_VALUE        | 400 | 40002 | Invalid request parameters               | factor",
        "UNKNOWN_USER         | 400 | 40002 | Invalid request parameters               | username",
        "DEVICE_NOT_FOUND     | 400 | 40002 | Invalid request parameters               | device",
        "UNKNOWN_TRANSACTION  | 400 | 40002 | Invalid request parameters               | txid",
        "USER_EXISTS          | 400 | 40002 | Invalid request parameters               | username",
        "NOT_PERMITTED        | 403 | 40301 | Access forbidden                         | factor",
        "SERVER_ERROR         | 500 | 50000 | Internal server error                    |",
    })
    void errorsAreDuosStatusCodeAndMessage(ErrorCode code, int http, int duo, String message, String detail) {
        DuoWords.Failure f = DuoWords.error(code, "factor");
        assertEquals(http, f.httpStatus());
        assertEquals(duo, f.code());
        assertEquals(message, f.message());
        assertEquals(detail, f.detail());
    }

    @Test
    void enrollStatusIsSuccessWaitingOrInvalid() {
        assertEquals("success", DuoWords.enrollStatus(org.twofold.device.Enrollment.LinkState.ACTIVATED));
        assertEquals("waiting", DuoWords.enrollStatus(org.twofold.device.Enrollment.LinkState.WAITING));
        assertEquals("invalid", DuoWords.enrollStatus(org.twofold.device.Enrollment.LinkState.INVALID));
    }

    @Test
    void pushinfoIsShownAsItsPairs() {
        assertEquals("from: login portal, domain: example.com", DuoAuthApi.pushInfo("from=login%20portal&domain=example.com"));
        assertEquals(null, DuoAuthApi.pushInfo(""));
    }
}
