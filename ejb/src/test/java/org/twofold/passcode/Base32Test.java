package org.twofold.passcode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Base32Test {
    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** RFC 4648 §10, without the padding this encoder leaves out. */
    @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
    @CsvSource(value = {
        "'',       ''",
        "f,        MY",
        "fo,       MZXQ",
        "foo,      MZXW6",
        "foob,     MZXW6YQ",
        "fooba,    MZXW6YTB",
        "foobar,   MZXW6YTBOI",
    })
    void encodesRfc4648Vectors(String plain, String encoded) {
        assertEquals(encoded, Base32.encode(ascii(plain)));
    }

    @ParameterizedTest(name = "\"{1}\" -> \"{0}\"")
    @CsvSource(value = {
        "'',       ''",
        "f,        MY======",
        "fo,       MZXQ====",
        "foo,      MZXW6===",
        "foob,     MZXW6YQ=",
        "fooba,    MZXW6YTB",
        "foobar,   MZXW6YTBOI======",
    })
    void decodesRfc4648PaddedVectors(String plain, String encoded) {
        assertArrayEquals(ascii(plain), Base32.decode(encoded));
    }

    @ParameterizedTest
    @ValueSource(strings = {"MZXW6YTBOI", "mzxw6ytboi", "MzXw6YtBoI", "MZXW 6YTB OI", "mzxw-6ytb-oi", "MZXW6YTBOI======"})
    void decodeIgnoresCaseSpacesHyphensAndPadding(String text) {
        assertArrayEquals(ascii("foobar"), Base32.decode(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"MZXW0", "MZXW1", "MZXW8", "MZXW9", "MZ!W6", "MZXW6_", "MZÄW6"})
    void decodeRejectsCharactersOutsideAlphabet(String text) {
        assertThrows(IllegalArgumentException.class, () -> Base32.decode(text));
    }

    @Test
    void decodesTheRfc6238SeedOfAuthenticatorApps() {
        assertArrayEquals(ascii("12345678901234567890"), Base32.decode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"));
    }

    @Test
    void roundTripsRandomBytesOfEveryLength() {
        Random random = new Random(4648);
        for (int length = 0; length <= 64; length++) {
            for (int i = 0; i < 20; i++) {
                byte[] data = new byte[length];
                random.nextBytes(data);
                String text = Base32.encode(data);
                assertEquals((length * 8 + 4) / 5, text.length(), "encoded length for " + length + " bytes");
                assertArrayEquals(data, Base32.decode(text), "round trip of " + length + " bytes");
            }
        }
    }
}
