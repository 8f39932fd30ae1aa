package org.twofold.integration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;

/**
 * The WS-Security PasswordDigest of OASIS Web Services Security UsernameToken Profile 1.1 §3.1:
 * {@code Base64(SHA-1(nonce + created + password))}, where {@code nonce} is the decoded bytes of the
 * Base64 {@code wsse:Nonce} and {@code created} the literal text of {@code wsu:Created}. The profile
 * (§3.1, "recommended") asks receivers to refuse tokens whose {@code Created} is too old and nonces
 * seen before; {@link #FRESHNESS} is the window both sides of now, and a nonce must be remembered
 * until its token would be stale anyway ({@link #staleAfter}).
 */
public final class UsernameTokenDigest {
    /** How far {@code Created} may lie from the server's clock, either way. */
    public static final Duration FRESHNESS = Duration.ofMinutes(5);

    private UsernameTokenDigest() {
    }

    /** {@code Base64(SHA-1(nonce + created + password))}. */
    public static String digest(byte[] nonce, String created, byte[] password) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(nonce);
            sha1.update(created.getBytes(StandardCharsets.UTF_8));
            sha1.update(password);
            return Base64.getEncoder().encodeToString(sha1.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code presented} is the digest of the token's parts and the secret; constant time. */
    public static boolean matches(String presented, byte[] nonce, String created, byte[] secret) {
        byte[] expected = digest(nonce, created, secret).getBytes(StandardCharsets.US_ASCII);
        return presented != null && MessageDigest.isEqual(expected, presented.trim().getBytes(StandardCharsets.US_ASCII));
    }

    /** The decoded nonce, or empty if it is missing or not Base64 (a token without a usable nonce is refused). */
    public static Optional<byte[]> nonce(String base64) {
        if (base64 == null || base64.isBlank()) {
            return Optional.empty();
        }
        try {
            byte[] nonce = Base64.getMimeDecoder().decode(base64.trim());
            return nonce.length == 0 ? Optional.empty() : Optional.of(nonce);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The instant of an {@code xs:dateTime} {@code Created} with a zone ({@code Z} or an offset); empty if unreadable. */
    public static Optional<Instant> created(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text.trim()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Whether a token created at {@code created} is within {@link #FRESHNESS} of {@code now}. */
    public static boolean fresh(Instant created, Instant now) {
        return !created.isBefore(now.minus(FRESHNESS)) && !created.isAfter(now.plus(FRESHNESS));
    }

    /** When a token created at {@code created} stops being fresh: its nonce need not be remembered longer. */
    public static Instant staleAfter(Instant created) {
        return created.plus(FRESHNESS);
    }
}
