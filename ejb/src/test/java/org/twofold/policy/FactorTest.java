package org.twofold.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;

class FactorTest {
    @Test
    void keywordsAreTheLowerCaseNamesIntegratorsSend() {
        assertEquals("auto", Factor.AUTO.keyword());
        assertEquals("push", Factor.PUSH.keyword());
        assertEquals("phone", Factor.PHONE.keyword());
        assertEquals("sms", Factor.SMS.keyword());
        assertEquals("passcode", Factor.PASSCODE.keyword());
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource({
        "auto, AUTO",
        "push, PUSH",
        "Phone, PHONE",
        "SMS, SMS",
        "'  passcode ', PASSCODE",
        "'\tPuSh\n', PUSH",
    })
    void parsesKeywordsIgnoringCaseAndSpace(String text, Factor factor) {
        assertEquals(factor, Factor.parse(text));
    }

    @Test
    void everyKeywordParsesBackToItsFactor() {
        for (Factor factor : Factor.values()) {
            assertEquals(factor, Factor.parse(factor.keyword()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"call", "push2", "pushes", "p", "voice", "puſh", "pass code"})
    void refusesUnknownFactorsAsInvalidValue(String text) {
        TwofoldException e = assertThrows(TwofoldException.class, () -> Factor.parse(text));
        assertEquals(ErrorCode.INVALID_VALUE, e.code());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void refusesMissingFactorAsMissingField(String text) {
        TwofoldException e = assertThrows(TwofoldException.class, () -> Factor.parse(text));
        assertEquals(ErrorCode.MISSING_FIELD, e.code());
    }
}
