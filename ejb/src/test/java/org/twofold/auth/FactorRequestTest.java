package org.twofold.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.twofold.policy.Factor;

class FactorRequestTest {
    @ParameterizedTest(name = "\"{0}\" -> {1} on device {2}")
    @CsvSource({
        "push, PUSH, 1",
        "push1, PUSH, 1",
        "push2, PUSH, 2",
        "push9, PUSH, 9",
        "PUSH, PUSH, 1",
        "Push3, PUSH, 3",
        "phone, PHONE, 1",
        "phone2, PHONE, 2",
        "PHONE7, PHONE, 7",
        "sms, SMS, 1",
        "sms2, SMS, 2",
        "SMS3, SMS, 3",
        "sMs, SMS, 1",
        "'  push2  ', PUSH, 2",
        "'\tphone\n', PHONE, 1",
    })
    void readsFactorKeywordsWithOptionalDeviceIndex(String typed, Factor factor, int deviceIndex) {
        FactorRequest request = FactorRequest.parseSecondPassword(typed);
        assertEquals(factor, request.factor());
        assertEquals(deviceIndex, request.deviceIndex());
        assertNull(request.passcode());
    }

    @ParameterizedTest(name = "\"{0}\" is passcode \"{1}\"")
    @CsvSource({
        "123456, 123456",
        "'  123456 ', 123456",
        "01234567, 01234567",
        "push0, push0",
        "push10, push10",
        "pushx, pushx",
        "push-2, push-2",
        "'push 2', 'push 2'",
        "push2x, push2x",
        "xpush, xpush",
        "pushphone, pushphone",
        "passcode, passcode",
        "auto, auto",
        "auto2, auto2",
        "call, call",
        "sms١, sms١",       // Arabic-Indic digit one is not a device index
        "puſh, puſh",       // long s only folds to S under Unicode case folding
        "2, 2",
        "'', ''",
        "'   ', ''",
    })
    void takesAnythingElseAsAPasscode(String typed, String passcode) {
        assertEquals(new FactorRequest(Factor.PASSCODE, 0, passcode), FactorRequest.parseSecondPassword(typed));
    }

    @ParameterizedTest
    @NullSource
    void takesNullAsAnEmptyPasscode(String typed) {
        assertEquals(new FactorRequest(Factor.PASSCODE, 0, ""), FactorRequest.parseSecondPassword(typed));
    }

    @ParameterizedTest
    @ValueSource(strings = {"push", "phone", "sms"})
    void keywordMatchesTheFactorKeyword(String typed) {
        // The second-password keywords are the SOAP factor keywords: one vocabulary for integrators.
        assertEquals(Factor.parse(typed), FactorRequest.parseSecondPassword(typed).factor());
    }
}
