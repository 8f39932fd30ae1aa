package org.twofold.integration;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A request an integration signed with its secret: the hex HMAC ({@link Algorithm}) of a canonical
 * text of the request, keyed by the secret's UTF-8 bytes, as Duo's Web API clients send it (the
 * boundary that speaks such a protocol writes the canonical text; which rule is whose: the
 * boundary knows the protocol's canonical form, this class and {@link Integrations#authenticateSigned}
 * hold the secret, the comparison and the clock). A request may be read into more than one canonical
 * text when the client's view of it is ambiguous (the host with or without the port it called): it
 * passes if the signature is that of any of them. Comparisons are constant-time and all candidates
 * are computed, so timing tells nothing about which failed or where.
 *
 * @param algorithm the HMAC the client used
 * @param date the instant the request says it was made (its {@code Date} header), checked for
 *     freshness against the server's clock; null for Duo's legacy undated signature ({@link
 *     Integrations#authenticateUndated})
 * @param canonicals the canonical texts the signature may be of (one or more)
 * @param signature the hex signature presented
 */
public record SignedRequest(Algorithm algorithm, Instant date, List<String> canonicals, String signature) {

    /** The HMACs clients sign with (RFC 2104 over SHA-1 or SHA-512). */
    public enum Algorithm {
        HMAC_SHA1("HmacSHA1"),
        HMAC_SHA512("HmacSHA512");

        private final String jca;

        Algorithm(String jca) {
            this.jca = jca;
        }

        /** The lower-case hex HMAC of {@code text}'s UTF-8 bytes under {@code key}. */
        public String hex(byte[] key, String text) {
            try {
                Mac mac = Mac.getInstance(jca);
                mac.init(new SecretKeySpec(key, jca));
                return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException | InvalidKeyException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public SignedRequest {
        canonicals = List.copyOf(canonicals);
    }

    /** Whether {@link #signature} is the HMAC of one of the canonical texts under {@code secret}; constant time. */
    public boolean matches(byte[] secret) {
        byte[] presented = signature == null ? new byte[0] : signature.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        boolean any = false;
        for (String canonical : canonicals) {
            any |= MessageDigest.isEqual(algorithm.hex(secret, canonical).getBytes(StandardCharsets.US_ASCII), presented);
        }
        return any;
    }
}
