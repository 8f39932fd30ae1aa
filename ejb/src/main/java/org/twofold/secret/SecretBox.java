package org.twofold.secret;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticated encryption (AES-256-GCM, NIST SP 800-38D) of secrets Twofold must read back: OTP
 * seeds and integration secrets. A sealed value is {@code v1:} + Base64(nonce ‖ ciphertext ‖ tag)
 * with a fresh 96-bit nonce; the purpose (e.g. "device-seed") is bound as associated data, so a
 * value sealed for one purpose cannot be replayed as another.
 */
public final class SecretBox {
    private static final String VERSION = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random;

    public SecretBox(byte[] key, SecureRandom random) {
        if (key.length != 32) {
            throw new IllegalArgumentException("AES-256 needs a 32-byte key");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
        this.random = random;
    }

    public String seal(byte[] secret, String purpose) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(purpose.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] ct = c.doFinal(secret);
            return VERSION + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + ct.length).put(nonce).put(ct).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    /** The secret sealed in {@code sealed}; fails if it was altered, sealed under another key or
     *  for another purpose. */
    public byte[] open(String sealed, String purpose) {
        if (sealed == null || !sealed.startsWith(VERSION)) {
            throw new IllegalArgumentException("Not a sealed secret");
        }
        byte[] all = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            c.updateAAD(purpose.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return c.doFinal(Arrays.copyOfRange(all, NONCE_BYTES, all.length));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A sealed secret could not be opened (altered, or another key)", e);
        }
    }
}
