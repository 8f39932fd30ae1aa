package org.twofold.passcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HotpTest {
    /** RFC 4226 Appendix D secret. */
    private static final byte[] SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "counter {0} -> {1}")
    @CsvSource({
        "0, 755224",
        "1, 287082",
        "2, 359152",
        "3, 969429",
        "4, 338314",
        "5, 254676",
        "6, 287922",
        "7, 162583",
        "8, 399871",
        "9, 520489",
    })
    void generatesRfc4226AppendixDValues(long counter, String expected) {
        assertEquals(expected, Hotp.generate(SECRET, counter, 6));
        assertEquals(expected, Hotp.generate(SECRET, counter, 6, OtpAlgorithm.SHA1));
    }

    @ParameterizedTest(name = "counter {0}, {1} digits -> {2}")
    @CsvSource({
        // Truncated decimal values of RFC 4226 Appendix D, reduced modulo 10^digits.
        "0, 8, 84755224",
        "1, 8, 94287082",
        "2, 8, 37359152",
        "7, 8, 82162583",
        "0, 7, 4755224",
        "7, 7, 2162583",
    })
    void generatesSevenAndEightDigitCodes(long counter, int digits, String expected) {
        assertEquals(expected, Hotp.generate(SECRET, counter, digits));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 5, 9, 10})
    void rejectsDigitsOutsideSixToEight(int digits) {
        assertThrows(IllegalArgumentException.class, () -> Hotp.generate(SECRET, 0, digits));
    }

    @Test
    void findsCounterAtStartOfWindow() {
        assertEquals(5, Hotp.find(SECRET, 5, 3, 6, "254676"));
    }

    @Test
    void findsCounterWithinLookAheadWindow() {
        // Counter 8's code, searching from 5 with a look-ahead of 3: [5, 8].
        assertEquals(8, Hotp.find(SECRET, 5, 3, 6, "399871"));
    }

    @Test
    void rejectsCodeOutsideLookAheadWindow() {
        // Counter 9's code is one beyond [5, 8].
        assertEquals(-1, Hotp.find(SECRET, 5, 3, 6, "520489"));
    }

    @Test
    void rejectsCodeOfAnEarlierCounter() {
        // Counter 4's code must not be accepted again once the counter has moved to 5.
        assertEquals(-1, Hotp.find(SECRET, 5, 3, 6, "338314"));
    }

    @Test
    void rejectsCodeOfWrongLength() {
        assertEquals(-1, Hotp.find(SECRET, 0, 9, 6, "94287082"));
        assertEquals(-1, Hotp.find(SECRET, 0, 9, 6, "28708"));
    }

    @Test
    void zeroLookAheadChecksOnlyTheCurrentCounter() {
        assertEquals(1, Hotp.find(SECRET, 1, 0, 6, "287082"));
        assertEquals(-1, Hotp.find(SECRET, 1, 0, 6, "359152"));
    }

    @Test
    void matchesComparesWholeCodes() {
        assertTrue(Hotp.matches("755224", "755224"));
        assertFalse(Hotp.matches("755225", "755224"));
        assertFalse(Hotp.matches("75522", "755224"));
        assertFalse(Hotp.matches("7552240", "755224"));
    }

    @Test
    void resyncFindsConsecutiveCodesAndReturnsTheNextCounter() {
        // RFC 4226 Appendix D: code(5) = 254676, code(6) = 287922; the next expected counter is 7.
        assertEquals(7, Hotp.resync(SECRET, 0, 100, 6, "254676", "287922"));
    }

    @Test
    void resyncFindsAPairStartingAtEitherEdgeOfTheWindow() {
        assertEquals(7, Hotp.resync(SECRET, 5, 0, 6, "254676", "287922"));
        // c = 5 is the window's last candidate; its successor 6 may lie beyond the window.
        assertEquals(7, Hotp.resync(SECRET, 0, 5, 6, "254676", "287922"));
        assertEquals(2, Hotp.resync(SECRET, 0, 100, 6, "755224", "287082"));
    }

    @Test
    void resyncRefusesCodesThatAreNotConsecutive() {
        // code(5) then code(7): a skipped code is not a resynchronisation.
        assertEquals(-1, Hotp.resync(SECRET, 0, 100, 6, "254676", "162583"));
    }

    @Test
    void resyncRefusesConsecutiveCodesInReverseOrder() {
        assertEquals(-1, Hotp.resync(SECRET, 0, 100, 6, "287922", "254676"));
    }

    @Test
    void resyncRefusesTheSameCodeTwice() {
        assertEquals(-1, Hotp.resync(SECRET, 0, 100, 6, "254676", "254676"));
    }

    @Test
    void resyncRefusesCodesBeyondTheWindow() {
        // c = 5 lies beyond [0, 4].
        assertEquals(-1, Hotp.resync(SECRET, 0, 4, 6, "254676", "287922"));
    }

    @Test
    void resyncRefusesCodesBeforeTheCounter() {
        // code(4), code(5) once the counter has moved to 5: no going back.
        assertEquals(-1, Hotp.resync(SECRET, 5, 100, 6, "338314", "254676"));
    }

    @Test
    void resyncRefusesCodesOfWrongLengthOrMissing() {
        assertEquals(-1, Hotp.resync(SECRET, 0, 100, 6, "2546760", "287922"));
        assertEquals(-1, Hotp.resync(SECRET, 0, 100, 6, "254676", "28792"));
        assertEquals(-1, Hotp.resync(SECRET, 0, 100, 6, null, "287922"));
        assertEquals(-1, Hotp.resync(SECRET, 0, 100, 6, "254676", null));
    }

    @Test
    void resyncWorksWithEightDigitCodes() {
        // Counters 1 and 2 of RFC 4226 Appendix D, eight digits.
        assertEquals(3, Hotp.resync(SECRET, 0, 10, 8, "94287082", "37359152"));
    }
}
