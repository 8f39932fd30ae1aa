package org.twofold.webpush;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;

/**
 * Delivers one message to a subscription's push service, as RFC 8030 §5 asks: {@code POST} to the
 * endpoint with the encrypted body ({@link Aes128Gcm}, {@code Content-Encoding: aes128gcm}),
 * {@code TTL} (seconds the push service keeps an undelivered message; Twofold gives the request's
 * time-out, after which an answer would be refused anyway), {@code Urgency: high} (RFC 8030 §5.3: a
 * login is waiting; phones in power saving deliver it at once) and VAPID ({@link Vapid}). The push
 * service's answer is one of three: accepted (2xx), the subscription is gone (404 or 410, RFC 8030
 * §7.3: the device needs re-enrollment) or refused. Plain Java over {@link HttpClient}.
 */
public final class PushService {
    /** How long the push service may take to accept a message. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** What the push service answered. */
    public enum Result {
        DELIVERED, GONE, REFUSED
    }

    /** A delivery's result and the HTTP status it came with (0: no answer). */
    public record Outcome(Result result, int status) {
    }

    private final HttpClient client;
    private final SecureRandom random;

    public PushService(HttpClient client, SecureRandom random) {
        this.client = client;
        this.random = random;
    }

    /**
     * Sends {@code plaintext} to {@code to}.
     *
     * @param vapid the application server's key pair, whose public key the subscription was made with
     * @param subject the VAPID contact ({@code mailto:} or {@code https:} URI)
     * @param ttl how long the push service may hold the message
     */
    public Outcome send(Subscription to, byte[] plaintext, KeyPair vapid, String subject, Duration ttl, Instant now) {
        byte[] body = Aes128Gcm.encrypt(plaintext, P256.publicKey(to.p256dh()), to.auth(), random);
        HttpRequest request = HttpRequest.newBuilder(to.endpoint()).timeout(TIMEOUT)
                .header("TTL", Long.toString(Math.max(0, ttl.toSeconds())))
                .header("Urgency", "high")
                .header("Content-Encoding", "aes128gcm")
                .header("Content-Type", "application/octet-stream")
                .header("Authorization", Vapid.authorization(to.endpoint(), subject, vapid, now))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status >= 200 && status < 300) {
                return new Outcome(Result.DELIVERED, status);
            }
            return new Outcome(status == 404 || status == 410 ? Result.GONE : Result.REFUSED, status);
        } catch (IOException e) {
            return new Outcome(Result.REFUSED, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(Result.REFUSED, 0);
        }
    }

    /**
     * A push subscription (W3C Push API {@code PushSubscription}): where to post, and the two keys
     * messages are encrypted to.
     */
    public record Subscription(URI endpoint, byte[] p256dh, byte[] auth) {
        /**
         * A subscription as the browser gives it (its {@code endpoint} and base64url {@code keys}),
         * checked: an absolute {@code https} URL (plain {@code http} only to a host in
         * {@code httpHosts}, for a test's push service), a point on P-256, a 16-byte secret.
         *
         * @throws IllegalArgumentException saying what is wrong
         */
        public static Subscription parse(String endpoint, String p256dh, String auth, java.util.Set<String> httpHosts) {
            URI uri;
            try {
                uri = URI.create(endpoint == null ? "" : endpoint.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the endpoint is no URL");
            }
            if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.toString().length() > 1000
                    || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()) && httpHosts.contains(uri.getHost()))) {
                throw new IllegalArgumentException("the endpoint must be an https URL");
            }
            byte[] key;
            byte[] secret;
            try {
                key = P256.unb64(p256dh);
                secret = P256.unb64(auth);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the subscription's keys are not base64url");
            }
            P256.publicKey(key);
            if (secret.length != 16) {
                throw new IllegalArgumentException("the subscription's auth secret is not 16 bytes");
            }
            return new Subscription(uri, key, secret);
        }
    }
}
