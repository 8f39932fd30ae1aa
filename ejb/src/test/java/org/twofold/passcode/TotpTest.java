package org.twofold.passcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {
    private static final byte[] SEED_SHA1 = ascii("12345678901234567890");
    private static final byte[] SEED_SHA256 = ascii("12345678901234567890123456789012");
    private static final byte[] SEED_SHA512 = ascii("1234567890123456789012345678901234567890123456789012345678901234");

    private static final Instant NOW = Instant.ofEpochSecond(1_111_111_111L);
    private static final long NOW_STEP = 37_037_037L; // 0x23523ED

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] seed(OtpAlgorithm algorithm) {
        return switch (algorithm) {
            case SHA1 -> SEED_SHA1;
            case SHA256 -> SEED_SHA256;
            case SHA512 -> SEED_SHA512;
        };
    }

    /** RFC 6238 Appendix B. */
    @ParameterizedTest(name = "{0} s, {1} -> {2}")
    @CsvSource({
        "59,          SHA1,   94287082",
        "59,          SHA256, 46119246",
        "59,          SHA512, 90693936",
        "1111111109,  SHA1,   07081804",
        "1111111109,  SHA256, 68084774",
        "1111111109,  SHA512, 25091201",
        "1111111111,  SHA1,   14050471",
        "1111111111,  SHA256, 67062674",
        "1111111111,  SHA512, 99943326",
        "1234567890,  SHA1,   89005924",
        "1234567890,  SHA256, 91819424",
        "1234567890,  SHA512, 93441116",
        "2000000000,  SHA1,   69279037",
        "2000000000,  SHA256, 90698825",
        "2000000000,  SHA512, 38618901",
        "20000000000, SHA1,   65353130",
        "20000000000, SHA256, 77737706",
        "20000000000, SHA512, 47863826",
    })
    void generatesRfc6238AppendixBValues(long seconds, OtpAlgorithm algorithm, String expected) {
        assertEquals(expected, Totp.generate(seed(algorithm), Instant.ofEpochSecond(seconds), 8, algorithm));
    }

    @ParameterizedTest(name = "{0} s -> step {1}")
    @CsvSource({
        "0, 0",
        "29, 0",
        "30, 1",
        "59, 1",
        "1111111109, 37037036",
        "1111111111, 37037037",
        "20000000000, 666666666",
        "-1, -1",
    })
    void countsThirtySecondStepsSinceEpoch(long seconds, long expectedStep) {
        assertEquals(expectedStep, Totp.step(Instant.ofEpochSecond(seconds)));
    }

    private static String codeAt(long step) {
        return Totp.generate(SEED_SHA1, step, 8, OtpAlgorithm.SHA1);
    }

    private static long find(long drift, String typed) {
        return Totp.find(SEED_SHA1, NOW, drift, 8, OtpAlgorithm.SHA1, typed);
    }

    @Test
    void acceptsCurrentStep() {
        assertEquals("14050471", codeAt(NOW_STEP));
        assertEquals(NOW_STEP, find(0, "14050471"));
    }

    @Test
    void acceptsPreviousStep() {
        assertEquals(NOW_STEP - 1, find(0, codeAt(NOW_STEP - 1)));
    }

    @Test
    void acceptsNextStep() {
        assertEquals(NOW_STEP + 1, find(0, codeAt(NOW_STEP + 1)));
    }

    @Test
    void rejectsStepTwoBehind() {
        assertEquals(-1, find(0, codeAt(NOW_STEP - 2)));
    }

    @Test
    void rejectsStepTwoAhead() {
        assertEquals(-1, find(0, codeAt(NOW_STEP + 2)));
    }

    @Test
    void rejectsWrongCode() {
        String wrong = "00000000";
        for (long s = NOW_STEP - 1; s <= NOW_STEP + 1; s++) {
            assertNotEquals(wrong, codeAt(s));
        }
        assertEquals(-1, find(0, wrong));
    }

    @Test
    void positiveDriftShiftsWindowForward() {
        // Drift +2: the window is [now+1, now+3].
        assertEquals(NOW_STEP + 3, find(2, codeAt(NOW_STEP + 3)));
        assertEquals(NOW_STEP + 1, find(2, codeAt(NOW_STEP + 1)));
        assertEquals(-1, find(2, codeAt(NOW_STEP)));
        assertEquals(-1, find(2, codeAt(NOW_STEP + 4)));
    }

    @Test
    void negativeDriftShiftsWindowBackward() {
        // Drift −2: the window is [now−3, now−1].
        assertEquals(NOW_STEP - 3, find(-2, codeAt(NOW_STEP - 3)));
        assertEquals(-1, find(-2, codeAt(NOW_STEP)));
        assertEquals(-1, find(-2, codeAt(NOW_STEP - 4)));
    }

    @Test
    void findUsesTheRequestedAlgorithm() {
        String sha256Code = Totp.generate(SEED_SHA256, NOW, 8, OtpAlgorithm.SHA256);
        assertEquals("67062674", sha256Code);
        assertEquals(NOW_STEP, Totp.find(SEED_SHA256, NOW, 0, 8, OtpAlgorithm.SHA256, sha256Code));
        assertEquals(-1, Totp.find(SEED_SHA256, NOW, 0, 8, OtpAlgorithm.SHA1, sha256Code));
    }
}
