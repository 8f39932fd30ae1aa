package org.twofold.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PBKDF2 at 600,000 iterations costs about half a second a call: the hash is made once. */
class PasswordHashTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static String stored;

    @BeforeAll
    static void hashOnce() {
        stored = PasswordHash.hash(PASSWORD.toCharArray(), RANDOM);
    }

    @Test
    void verifiesTheCorrectPassword() {
        assertTrue(PasswordHash.verify(PASSWORD.toCharArray(), stored));
    }

    @Test
    void rejectsAWrongPassword() {
        assertFalse(PasswordHash.verify("correct horse battery stapler".toCharArray(), stored));
    }

    @Test
    void rejectsANullStoredHash() {
        assertFalse(PasswordHash.verify(PASSWORD.toCharArray(), null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "pbkdf2-sha256$600000$abc", "bcrypt$600000$AAAAAAAAAAAAAAAAAAAAAA$AAAA",
        "pbkdf2-sha256$abc$AAAA$AAAA", "pbkdf2-sha256$1000$!!!$AAAA", "pbkdf2-sha256$0$AAAAAAAAAAAAAAAAAAAAAA$AAAA"})
    void rejectsAStoredHashOfAnotherShape(String malformed) {
        assertFalse(PasswordHash.verify(PASSWORD.toCharArray(), malformed));
    }

    @Test
    void saltsEveryHash() {
        String again = PasswordHash.hash(PASSWORD.toCharArray(), RANDOM);
        assertNotEquals(stored, again);
        assertNotEquals(stored.split("\\$")[2], again.split("\\$")[2], "salts");
    }

    @Test
    void encodesAlgorithmIterationsSaltAndHash() {
        assertTrue(stored.startsWith("pbkdf2-sha256$600000$"), stored);
        String[] parts = stored.split("\\$");
        assertEquals(4, parts.length, stored);
        assertEquals(16, java.util.Base64.getDecoder().decode(parts[2]).length, "salt bytes");
        assertEquals(32, java.util.Base64.getDecoder().decode(parts[3]).length, "hash bytes");
    }

    @Test
    void verifiesAtTheIterationCountRecordedInTheHash() {
        // A hash made with a lower count (as a future migration would keep) still verifies.
        String cheap = PasswordHash.hash("pw".toCharArray(), 1_000, RANDOM);
        assertTrue(cheap.startsWith("pbkdf2-sha256$1000$"), cheap);
        assertTrue(PasswordHash.verify("pw".toCharArray(), cheap));
        assertFalse(PasswordHash.verify("pW".toCharArray(), cheap));
    }

    @Test
    void comparesStringsExactly() {
        assertTrue(PasswordHash.constantTimeEquals("abc", "abc"));
        assertFalse(PasswordHash.constantTimeEquals("abc", "abd"));
        assertFalse(PasswordHash.constantTimeEquals("abc", "abcd"));
    }
}
