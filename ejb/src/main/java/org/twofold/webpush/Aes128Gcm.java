package org.twofold.webpush;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Message encryption for Web Push (RFC 8291) in the {@code aes128gcm} content coding (RFC 8188):
 * an ephemeral P-256 key pair of the application server agrees a secret with the subscription's
 * {@code p256dh} key (ECDH), mixed with its 16-byte {@code auth} secret (HKDF-SHA-256, RFC 5869,
 * written out with HMAC as RFC 8291 §3.4 does) into the content-encryption key and nonce; the
 * message is one record: header ({@code salt ‖ rs ‖ idlen ‖ keyid}, the keyid being the ephemeral
 * public key, RFC 8291 §4) then AES-128-GCM of {@code plaintext ‖ 0x02} (the last record's padding
 * delimiter, RFC 8188 §2). Checked against RFC 8291 Appendix A. Plain Java, the JDK's primitives.
 */
public final class Aes128Gcm {
    /** The record size announced in the header (RFC 8291 §4: at most 4096 octets of a push message). */
    static final int RECORD_SIZE = 4096;
    /** What one message may carry: a record less its tag (16) and padding delimiter (1), less the header (86). */
    public static final int MAX_PLAINTEXT = RECORD_SIZE - 16 - 1 - 86;

    private Aes128Gcm() {
    }

    /** Encrypts {@code plaintext} to a subscription with a fresh ephemeral key and salt. */
    public static byte[] encrypt(byte[] plaintext, ECPublicKey subscriber, byte[] authSecret, SecureRandom random) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return encrypt(plaintext, subscriber, authSecret, P256.generate(random), salt);
    }

    /** As {@link #encrypt(byte[], ECPublicKey, byte[], SecureRandom)} with the ephemeral key pair and salt given (the RFC's test vector). */
    static byte[] encrypt(byte[] plaintext, ECPublicKey subscriber, byte[] authSecret, KeyPair ephemeral, byte[] salt) {
        if (plaintext.length > MAX_PLAINTEXT) {
            throw new IllegalArgumentException("a push message carries at most " + MAX_PLAINTEXT + " bytes");
        }
        if (authSecret == null || authSecret.length != 16) {
            throw new IllegalArgumentException("the subscription's auth secret is 16 bytes");
        }
        byte[] uaPublic = P256.encode(subscriber);
        byte[] asPublic = P256.encode((ECPublicKey) ephemeral.getPublic());
        try {
            KeyAgreement ka = KeyAgreement.getInstance("ECDH");
            ka.init((ECPrivateKey) ephemeral.getPrivate());
            ka.doPhase(subscriber, true);
            byte[] ecdhSecret = ka.generateSecret();
            // RFC 8291 §3.4: PRK_key = HMAC(auth_secret, ecdh_secret); IKM = HMAC(PRK_key, key_info ‖ 0x01)
            byte[] prkKey = hmac(authSecret, ecdhSecret);
            byte[] keyInfo = concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), uaPublic, asPublic, new byte[] {1});
            byte[] ikm = hmac(prkKey, keyInfo);
            // RFC 8188 §2.2, 2.3: PRK = HMAC(salt, IKM); CEK and NONCE expanded from it
            byte[] prk = hmac(salt, ikm);
            byte[] cek = Arrays.copyOf(hmac(prk, concat("Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), new byte[] {1})), 16);
            byte[] nonce = Arrays.copyOf(hmac(prk, concat("Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), new byte[] {1})), 12);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
            byte[] record = c.doFinal(concat(plaintext, new byte[] {2}));
            Arrays.fill(ecdhSecret, (byte) 0);
            Arrays.fill(cek, (byte) 0);
            return ByteBuffer.allocate(16 + 4 + 1 + asPublic.length + record.length)
                    .put(salt).putInt(RECORD_SIZE).put((byte) asPublic.length).put(asPublic).put(record).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Web Push encryption failed", e);
        }
    }

    private static byte[] hmac(byte[] key, byte[] message) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }
}
