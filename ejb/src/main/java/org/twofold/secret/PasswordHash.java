package org.twofold.secret;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Slow salted hashes for low-entropy secrets a person chooses (primary passwords, operator
 * passwords, identity-proof data): PBKDF2-HMAC-SHA256 with 600,000 iterations (the OWASP 2023
 * figure) and a 128-bit salt, encoded as {@code pbkdf2-sha256$iterations$salt$hash} so that the
 * iteration count can be raised later without invalidating stored hashes.
 */
public final class PasswordHash {
    public static final int ITERATIONS = 600_000;
    private static final String PREFIX = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    /** A hash of a password nobody knows, verified against when the account does not exist so that
     *  an unknown name costs the same time as a wrong password. */
    private static final String DECOY = hash("decoy".toCharArray(), ITERATIONS, new SecureRandom());

    private PasswordHash() {
    }

    public static String hash(char[] password, SecureRandom random) {
        return hash(password, ITERATIONS, random);
    }

    static String hash(char[] password, int iterations, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] h = derive(password, salt, iterations);
        return PREFIX + "$" + iterations + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(h);
    }

    /** True if {@code password} matches {@code stored}; compares in constant time. A null or
     *  malformed stored hash never matches. */
    public static boolean verify(char[] password, String stored) {
        if (stored == null) {
            verify(password, DECOY);
            return false;
        }
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !PREFIX.equals(parts[0])) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = B64D.decode(parts[2]);
            byte[] expected = B64D.decode(parts[3]);
            return iterations > 0 && salt.length > 0 && MessageDigest.isEqual(expected, derive(password, salt, iterations));
        } catch (IllegalArgumentException corrupted) {
            // NumberFormatException and bad Base64 included: a corrupted hash denies, it does not fail.
            return false;
        }
    }

    /** Spends the time of one verification, for requests about accounts that do not exist. */
    public static void spendVerificationTime(char[] password) {
        verify(password, DECOY);
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** Constant-time equality of two strings' UTF-8 bytes. */
    public static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
