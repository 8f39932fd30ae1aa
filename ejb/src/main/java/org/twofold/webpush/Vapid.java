package org.twofold.webpush;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Voluntary Application Server Identification (RFC 8292): each push request carries
 * {@code Authorization: vapid t=JWT, k=KEY} — a JSON Web Token (RFC 7519) signed with ES256 (ECDSA
 * P-256 with SHA-256, RFC 7518 §3.4, the signature as {@code r ‖ s}) whose audience is the push
 * service's origin, expiring within 24 hours, with a contact ({@code sub}); and the application
 * server's public key, the one the subscription was made with ({@code applicationServerKey}). A
 * push service refuses a message whose token does not verify under that key. Plain Java.
 */
public final class Vapid {
    /** How long a token is valid: RFC 8292 §2 allows at most 24 hours. */
    static final Duration LIFETIME = Duration.ofHours(12);

    private Vapid() {
    }

    /** The {@code Authorization} header's value for a push to {@code endpoint}. */
    public static String authorization(URI endpoint, String subject, KeyPair keys, Instant now) {
        String header = "{\"typ\":\"JWT\",\"alg\":\"ES256\"}";
        String claims = "{\"aud\":\"" + json(audience(endpoint)) + "\",\"exp\":" + now.plus(LIFETIME).getEpochSecond()
                + ",\"sub\":\"" + json(subject) + "\"}";
        String signingInput = P256.b64url(header.getBytes(StandardCharsets.UTF_8)) + "." + P256.b64url(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
            s.initSign(keys.getPrivate());
            s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            String jwt = signingInput + "." + P256.b64url(s.sign());
            return "vapid t=" + jwt + ", k=" + P256.b64url(P256.encode((ECPublicKey) keys.getPublic()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ES256 unavailable", e);
        }
    }

    /** The origin of the push service (RFC 8292 §2: the {@code aud} claim), e.g. {@code https://fcm.googleapis.com}. */
    static String audience(URI endpoint) {
        String scheme = endpoint.getScheme().toLowerCase(Locale.ROOT);
        int port = endpoint.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + endpoint.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
