package org.twofold.passcode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-based one-time passwords, RFC 4226 §5.3: HMAC over the 8-byte big-endian counter, dynamic
 * truncation (§5.4), modulo 10^digits, left-padded with zeros. Plain Java: no state, no time.
 */
public final class Hotp {
    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private Hotp() {
    }

    /** The code for {@code counter}, {@code digits} long (6–8), over {@code algorithm}'s HMAC. */
    public static String generate(byte[] secret, long counter, int digits, OtpAlgorithm algorithm) {
        return code(mac(secret, algorithm), counter, digits);
    }

    /** A MAC keyed with {@code secret}, to compute several codes of one token with one key set-up. */
    private static Mac mac(byte[] secret, OtpAlgorithm algorithm) {
        try {
            Mac mac = Mac.getInstance(algorithm.jcaName());
            mac.init(new SecretKeySpec(secret, "RAW"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm.jcaName() + " unavailable", e);
        }
    }

    /** The code for {@code counter} (RFC 4226 §5.3 dynamic truncation) with a keyed {@code mac}. */
    private static String code(Mac mac, long counter, int digits) {
        if (digits < 6 || digits > 8) {
            throw new IllegalArgumentException("digits must be 6, 7 or 8");
        }
        byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24)
                | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8)
                | (hash[offset + 3] & 0xff);
        String code = Integer.toString(binary % POWERS[digits]);
        return "0".repeat(digits - code.length()) + code;
    }

    public static String generate(byte[] secret, long counter, int digits) {
        return generate(secret, counter, digits, OtpAlgorithm.SHA1);
    }

    /** Constant-time comparison of a typed code with an expected one. */
    public static boolean matches(String typed, String expected) {
        return MessageDigest.isEqual(typed.getBytes(StandardCharsets.US_ASCII), expected.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The counter value in {@code [counter, counter + lookAhead]} whose code is {@code typed}, or −1.
     * Every candidate is computed and compared, so the time taken does not depend on where (or
     * whether) the code matched. RFC 4226 §7.4 look-ahead window.
     */
    public static long find(byte[] secret, long counter, int lookAhead, int digits, String typed) {
        long found = -1;
        Mac mac = mac(secret, OtpAlgorithm.SHA1);
        for (long c = counter; c <= counter + lookAhead; c++) {
            if (matches(typed, code(mac, c, digits)) && found < 0) {
                found = c;
            }
        }
        return found;
    }

    /**
     * RFC 4226 §7.4 resynchronisation: when a token has drifted beyond the look-ahead window, the
     * user types two consecutive codes. Returns the next expected counter ({@code c + 2}) for the
     * {@code c} in {@code [counter, counter + searchWindow]} whose code is {@code first} and whose
     * successor's code is {@code second}, or −1 if there is none (or a code is null). As in {@link
     * #find}, every candidate is computed and compared with {@link #matches}, so the time taken does
     * not depend on where, or whether, the pair matched.
     */
    public static long resync(byte[] secret, long counter, int searchWindow, int digits, String first, String second) {
        if (first == null || second == null) {
            return -1;
        }
        long found = -1;
        Mac mac = mac(secret, OtpAlgorithm.SHA1);
        // code(c + 1) of one candidate is code(c) of the next: each code is computed once.
        String current = code(mac, counter, digits);
        for (long c = counter; c <= counter + searchWindow; c++) {
            String next = code(mac, c + 1, digits);
            boolean pair = matches(first, current) & matches(second, next);
            if (pair && found < 0) {
                found = c + 2;
            }
            current = next;
        }
        return found;
    }
}
