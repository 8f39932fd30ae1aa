package org.twofold.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CodeHasherTest {
    private static byte[] key(int fill) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) fill);
        return k;
    }

    @Test
    void sameCodeSameUserSamePurposeHashesAlike() {
        CodeHasher h = new CodeHasher(key(1));
        assertEquals(h.hash("code-sms", 7, "1234567"), h.hash("code-sms", 7, "1234567"));
        assertTrue(h.matches("code-sms", 7, "1234567", h.hash("code-sms", 7, "1234567")));
    }

    @Test
    void hashIsBoundToCodeUserPurposeAndKey() {
        CodeHasher h = new CodeHasher(key(1));
        String base = h.hash("code-sms", 7, "1234567");
        assertFalse(h.matches("code-sms", 7, "1234568", base), "another code");
        assertFalse(h.matches("code-sms", 8, "1234567", base), "another user");
        assertFalse(h.matches("code-bypass", 7, "1234567", base), "another purpose");
        assertNotEquals(base, new CodeHasher(key(2)).hash("code-sms", 7, "1234567"), "another key");
    }

    @Test
    void hashDoesNotContainTheCode() {
        String hash = new CodeHasher(key(3)).hash("code-sms", 1, "1234567");
        assertFalse(hash.contains("1234567"));
        assertEquals(44, hash.length(), "Base64 of 32 bytes");
    }
}
