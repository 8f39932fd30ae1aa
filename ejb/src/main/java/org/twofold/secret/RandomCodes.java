package org.twofold.secret;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The one source of randomness for codes, keys and secrets. Seeds are 160 bits (RFC 4226 §4,
 * requirement R6 recommends 160); integration secrets 40 letters and digits (238 bits, the shape of
 * Duo's secret keys, which Duo's Web SDKs check).
 */
public final class RandomCodes {
    private static final char[] KEY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final char[] ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final SecureRandom random;

    public RandomCodes(SecureRandom random) {
        this.random = random;
    }

    public SecureRandom random() {
        return random;
    }

    public byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** An OTP seed of 160 bits. */
    public byte[] otpSeed() {
        return bytes(20);
    }

    /** A code of {@code n} uniformly random decimal digits (leading zeros allowed). */
    public String digits(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }

    /** A high-entropy secret as URL-safe text (256 bits). */
    public String secret() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
    }

    /**
     * An integration's secret: 40 uniformly random letters and digits (about 238 bits), the shape
     * of Duo's secret keys — Duo's Web SDK v4 refuses a client secret of any other length or
     * alphabet, and the integration's secret is that SDK's client secret.
     */
    public String integrationSecret() {
        StringBuilder sb = new StringBuilder(40);
        for (int i = 0; i < 40; i++) {
            sb.append(ALPHANUMERIC[random.nextInt(ALPHANUMERIC.length)]);
        }
        return sb.toString();
    }

    /** An identifier such as an integration key: {@code prefix} and {@code length} unambiguous
     *  upper-case letters and digits. */
    public String identifier(String prefix, int length) {
        StringBuilder sb = new StringBuilder(prefix);
        for (int i = 0; i < length; i++) {
            sb.append(KEY_ALPHABET[random.nextInt(KEY_ALPHABET.length)]);
        }
        return sb.toString();
    }

    /** A password a person can type, for a generated bootstrap password: 20 characters. */
    public String password() {
        return identifier("", 20);
    }
}
