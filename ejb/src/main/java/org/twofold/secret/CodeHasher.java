package org.twofold.secret;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hashes of short single-use codes (SMS passcodes, bypass codes, temporary passcodes,
 * remembered-browser tokens): HMAC-SHA256 (RFC 2104) under a key derived from the data key. A
 * 7-digit code has only 10^7 values, so a plain or salted hash could be reversed from a stolen
 * database in seconds; without the key it cannot. The purpose and user id are bound into the
 * message, so a hash is valid for one kind of code of one user only.
 */
public final class CodeHasher {
    private final SecretKeySpec key;

    /** @param dataKey the data key; the hashing key is HMAC(dataKey, "twofold code-hash v1") */
    public CodeHasher(byte[] dataKey) {
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(dataKey, "HmacSHA256"), "twofold code-hash v1"), "HmacSHA256");
    }

    public String hash(String purpose, long userId, String code) {
        return Base64.getEncoder().encodeToString(hmac(key, purpose + ":" + userId + ":" + code));
    }

    /** Constant-time check of {@code code} against a stored hash. */
    public boolean matches(String purpose, long userId, String code, String storedHash) {
        return MessageDigest.isEqual(hash(purpose, userId, code).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] hmac(SecretKeySpec key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
