package org.twofold.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;

class PhoneNumberTest {
    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
        "4105551311              | +14105551311",
        "410-555-1311            | +14105551311",
        "(410) 555-1311          | +14105551311",
        "410.555.1311            | +14105551311",
        "'  410 555 1311  '      | +14105551311",
        "14105551311             | +14105551311",
        "1 (410) 555-1311        | +14105551311",
        "+1 410 555 1311         | +14105551311",
        "+1-410-555-1311         | +14105551311",
        "+44 20 7946 0958        | +442079460958",
        "+49 (30) 901820         | +4930901820",
        "+33.1.23.45.67.89       | +33123456789",
    })
    void readsTypedNumbersIntoE164(String typed, String e164) {
        assertEquals(e164, PhoneNumber.parse(typed).e164());
    }

    @Test
    void acceptsInternationalNumbersOfEightToFifteenDigits() {
        assertEquals("+12345678", PhoneNumber.parse("+12345678").e164());
        assertEquals("+123456789012345", PhoneNumber.parse("+123456789012345").e164());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "+1234567",              // 7 digits after +: too short
        "+1234567890123456",     // 16 digits: beyond E.164's 15
        "+0441234567890",        // a country code never starts with 0
        "+",
        "++14105551311",
        "1+4105551311",          // + only at the start
        "410555131",             // 9 digits
        "24105551311",           // 11 digits not starting with 1
        "004105551311",          // 12 digits without +
        "410555131x",
        "1-800-FLOWERS",
        "410/555/1311",          // not a separator we strip
        "410_555_1311",
        "()-.",                  // nothing left once separators are gone
        "٤١٠٥٥٥١٣١١",            // Arabic-Indic digits
        "４１０５５５１３１１",          // full-width digits
    })
    void refusesWhatIsNotAPhoneNumberAsInvalidValue(String typed) {
        TwofoldException e = assertThrows(TwofoldException.class, () -> PhoneNumber.parse(typed));
        assertEquals(ErrorCode.INVALID_VALUE, e.code());
        assertTrue(e.getMessage().contains("phone number"), e.getMessage());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t "})
    void refusesBlankAsMissingField(String blank) {
        TwofoldException e = assertThrows(TwofoldException.class, () -> PhoneNumber.parse(blank));
        assertEquals(ErrorCode.MISSING_FIELD, e.code());
    }

    @Test
    void masksAllButTheLastFourDigits() {
        PhoneNumber number = PhoneNumber.parse("410-555-1311");
        assertEquals("1311", number.lastFour());
        assertEquals("XXX-XXX-1311", number.masked());
    }

    @Test
    void masksInternationalNumbersInTheSameShape() {
        assertEquals("XXX-XXX-0958", PhoneNumber.parse("+44 20 7946 0958").masked());
        assertEquals("XXX-XXX-5678", PhoneNumber.parse("+12345678").masked());
    }

    @Test
    void toStringNeverShowsTheWholeNumber() {
        PhoneNumber number = PhoneNumber.parse("+1 410 555 1311");
        assertEquals("XXX-XXX-1311", number.toString());
        assertFalse(("logged: " + number).contains("410"));
    }

    @Test
    void numbersTypedDifferentlyAreEqual() {
        PhoneNumber a = PhoneNumber.parse("(410) 555-1311");
        PhoneNumber b = PhoneNumber.parse("+1 410 555 1311");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
    }

    @Test
    void numbersWithTheSameLastFourAreNotEqual() {
        // Same masked form, different numbers: equality is on the E.164 form, not the masked one.
        PhoneNumber a = PhoneNumber.parse("4105551311");
        PhoneNumber b = PhoneNumber.parse("4435551311");
        assertEquals(a.masked(), b.masked());
        assertNotEquals(a, b);
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
        "1234               | 1234",
        "'  42  '           | 42",
        "0                  | 0",
        ",,1234#            | ,,1234#",
        "*72                | *72",
        "1234567890123456   | 1234567890123456",
        "'1,2,3,4,5,6,7,8,' | '1,2,3,4,5,6,7,8,'",
    })
    void keepsDiallableExtensionsTrimmed(String typed, String extension) {
        assertEquals(extension, PhoneNumber.extension(typed));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t"})
    void blankExtensionIsNone(String blank) {
        assertNull(PhoneNumber.extension(blank));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345678901234567", "ext 12", "x12", "12 34", "12-34", "+12", "12;34", "١٢"})
    void refusesUndiallableExtensionsAsInvalidValue(String typed) {
        TwofoldException e = assertThrows(TwofoldException.class, () -> PhoneNumber.extension(typed));
        assertEquals(ErrorCode.INVALID_VALUE, e.code());
        assertTrue(e.getMessage().contains("extension"), e.getMessage());
    }
}
