package org.twofold.secret;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretBoxTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final String PURPOSE = "device-seed";

    private static byte[] key(int fill) {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, (byte) fill);
        return k;
    }

    private final SecretBox box = new SecretBox(key(1), RANDOM);

    @Test
    void opensWhatItSealed() {
        String sealed = box.seal(SECRET, PURPOSE);
        assertTrue(sealed.startsWith("v1:"), sealed);
        assertArrayEquals(SECRET, box.open(sealed, PURPOSE));
    }

    @Test
    void opensAnEmptySecret() {
        assertArrayEquals(new byte[0], box.open(box.seal(new byte[0], PURPOSE), PURPOSE));
    }

    @Test
    void anotherBoxWithTheSameKeyOpensIt() {
        String sealed = box.seal(SECRET, PURPOSE);
        assertArrayEquals(SECRET, new SecretBox(key(1), RANDOM).open(sealed, PURPOSE));
    }

    @Test
    void refusesToOpenForAnotherPurpose() {
        String sealed = box.seal(SECRET, PURPOSE);
        assertThrows(IllegalStateException.class, () -> box.open(sealed, "integration-secret"));
    }

    @Test
    void refusesToOpenUnderAnotherKey() {
        String sealed = box.seal(SECRET, PURPOSE);
        SecretBox other = new SecretBox(key(2), RANDOM);
        assertThrows(IllegalStateException.class, () -> other.open(sealed, PURPOSE));
    }

    @Test
    void refusesATamperedCiphertext() {
        String sealed = box.seal(SECRET, PURPOSE);
        byte[] all = Base64.getDecoder().decode(sealed.substring(3));
        for (int i = 0; i < all.length; i++) { // nonce, ciphertext and tag alike
            byte[] tampered = all.clone();
            tampered[i] ^= 0x01;
            String altered = "v1:" + Base64.getEncoder().encodeToString(tampered);
            assertThrows(IllegalStateException.class, () -> box.open(altered, PURPOSE), "byte " + i);
        }
    }

    @Test
    void refusesATruncatedValue() {
        String sealed = box.seal(SECRET, PURPOSE);
        byte[] all = Base64.getDecoder().decode(sealed.substring(3));
        String truncated = "v1:" + Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(all, all.length - 1));
        assertThrows(IllegalStateException.class, () -> box.open(truncated, PURPOSE));
    }

    @Test
    void sealsTheSameSecretDifferentlyEachTime() {
        assertNotEquals(box.seal(SECRET, PURPOSE), box.seal(SECRET, PURPOSE));
    }

    @Test
    void doesNotRevealTheSecret() {
        String sealed = box.seal(SECRET, PURPOSE);
        assertTrue(!sealed.contains(Base64.getEncoder().encodeToString(SECRET)), sealed);
    }

    @Test
    void refusesValuesThatAreNotSealed() {
        assertThrows(IllegalArgumentException.class, () -> box.open(null, PURPOSE));
        assertThrows(IllegalArgumentException.class, () -> box.open("plain", PURPOSE));
        assertThrows(IllegalArgumentException.class, () -> box.open("v2:AAAA", PURPOSE));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 16, 24, 31, 33, 64})
    void requiresA32ByteKey(int length) {
        assertThrows(IllegalArgumentException.class, () -> new SecretBox(new byte[length], RANDOM));
    }

    @Test
    void keepsItsOwnCopyOfTheKey() {
        byte[] k = key(3);
        SecretBox b = new SecretBox(k, RANDOM);
        String sealed = b.seal(SECRET, PURPOSE);
        java.util.Arrays.fill(k, (byte) 0);
        assertArrayEquals(SECRET, b.open(sealed, PURPOSE));
    }
}
