package org.twofold.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RandomCodesTest {
    private final RandomCodes codes = new RandomCodes(new SecureRandom());

    @Test
    void otpSeedHas160Bits() {
        assertEquals(20, codes.otpSeed().length);
    }

    @Test
    void bytesHaveTheRequestedLength() {
        assertEquals(0, codes.bytes(0).length);
        assertEquals(7, codes.bytes(7).length);
    }

    @Test
    void secretIsUrlSafeTextOf256Bits() {
        String s = codes.secret();
        assertTrue(s.matches("[A-Za-z0-9_-]{43}"), s);
        assertEquals(32, Base64.getUrlDecoder().decode(s).length);
        assertNotEquals(s, codes.secret());
    }

    @Test
    void integrationSecretHasTheShapeDuosWebSdkAccepts() {
        String s = codes.integrationSecret();
        assertTrue(s.matches("[A-Za-z0-9]{40}"), s);
        assertNotEquals(s, codes.integrationSecret());
    }

    @Test
    void identifierHasPrefixAndUnambiguousCharacters() {
        for (int i = 0; i < 200; i++) {
            String id = codes.identifier("DI", 18);
            assertTrue(id.matches("DI[A-HJ-NP-Z2-9]{18}"), id);
        }
    }

    @Test
    void passwordIsTwentyTypeableCharacters() {
        String p = codes.password();
        assertTrue(p.matches("[A-HJ-NP-Z2-9]{20}"), p);
    }
}
