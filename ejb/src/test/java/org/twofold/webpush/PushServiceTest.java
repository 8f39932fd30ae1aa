package org.twofold.webpush;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A push to a stand-in push service on this machine: the request RFC 8030 §5 and RFC 8292 ask for
 * (headers, a VAPID token that verifies under the key it names, for this audience), and the three
 * answers: accepted, gone (404 and 410), refused.
 */
class PushServiceTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private HttpServer server;
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private final AtomicInteger status = new AtomicInteger(201);
    private final KeyPair subscriber = P256.generate(RANDOM);
    private final KeyPair vapid = P256.generate(RANDOM);

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/push/", exchange -> {
            exchange.getRequestHeaders().forEach((k, v) -> seen.put(k.toLowerCase(), v.get(0)));
            seen.put("method", exchange.getRequestMethod());
            seen.put("bodyLength", Integer.toString(exchange.getRequestBody().readAllBytes().length));
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private PushService.Subscription subscription() {
        byte[] auth = new byte[16];
        RANDOM.nextBytes(auth);
        return new PushService.Subscription(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/push/abc"),
                P256.encode((ECPublicKey) subscriber.getPublic()), auth);
    }

    private PushService.Outcome send() {
        return new PushService(HttpClient.newHttpClient(), RANDOM).send(subscription(), "{\"txid\":\"00ff\"}".getBytes(StandardCharsets.US_ASCII),
                vapid, "https://mfa.example.edu/", Duration.ofSeconds(60), Instant.now());
    }

    @Test
    void postsAnEncryptedUrgentMessageWithItsTtlAndAValidVapidToken() throws Exception {
        assertEquals(new PushService.Outcome(PushService.Result.DELIVERED, 201), send());
        assertEquals("POST", seen.get("method"));
        assertEquals("aes128gcm", seen.get("content-encoding"));
        assertEquals("high", seen.get("urgency"));
        assertEquals("60", seen.get("ttl"));
        assertEquals(Integer.toString(86 + 15 + 1 + 16), seen.get("bodyLength"), "header, the 15-byte payload, delimiter, tag");
        String authorization = seen.get("authorization");
        assertTrue(authorization.matches("vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=[\\w-]{87}"), authorization);
        String jwt = authorization.substring(8, authorization.indexOf(','));
        String k = authorization.substring(authorization.indexOf("k=") + 2);
        assertEquals(P256.b64url(P256.encode((ECPublicKey) vapid.getPublic())), k);
        String[] parts = jwt.split("\\.");
        Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
        es256.initVerify(P256.publicKey(P256.unb64(k)));
        es256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(es256.verify(P256.unb64(parts[2])), "ES256 over header.claims");
        assertEquals("{\"typ\":\"JWT\",\"alg\":\"ES256\"}", new String(P256.unb64(parts[0]), StandardCharsets.UTF_8));
        String claims = new String(P256.unb64(parts[1]), StandardCharsets.UTF_8);
        assertTrue(claims.startsWith("{\"aud\":\"http://127.0.0.1:" + server.getAddress().getPort() + "\",\"exp\":"), claims);
        assertTrue(claims.endsWith(",\"sub\":\"https://mfa.example.edu/\"}"), claims);
        long exp = Long.parseLong(claims.replaceAll(".*\"exp\":(\\d+).*", "$1"));
        assertTrue(exp > Instant.now().getEpochSecond() && exp <= Instant.now().plus(Duration.ofHours(24)).getEpochSecond(), "expires within 24 h");
    }

    @Test
    void aGoneSubscriptionIsToldApartFromARefusal() {
        status.set(410);
        assertEquals(new PushService.Outcome(PushService.Result.GONE, 410), send());
        status.set(404);
        assertEquals(new PushService.Outcome(PushService.Result.GONE, 404), send());
        status.set(413);
        assertEquals(new PushService.Outcome(PushService.Result.REFUSED, 413), send());
        server.stop(0);
        assertEquals(new PushService.Outcome(PushService.Result.REFUSED, 0), send(), "no answer");
    }

    @Test
    void aSubscriptionIsHttpsWithAPointOnTheCurveAndA16ByteSecret() {
        String key = P256.b64url(P256.encode((ECPublicKey) subscriber.getPublic()));
        String auth = P256.b64url(new byte[16]);
        assertEquals("push.example", PushService.Subscription.parse("https://push.example/x", key, auth, Set.of()).endpoint().getHost());
        assertThrows(IllegalArgumentException.class, () -> PushService.Subscription.parse("http://push.example/x", key, auth, Set.of()));
        assertEquals(8080, PushService.Subscription.parse("http://127.0.0.1:8080/x", key, auth, Set.of("127.0.0.1")).endpoint().getPort());
        assertThrows(IllegalArgumentException.class, () -> PushService.Subscription.parse("https://user@push.example/x", key, auth, Set.of()));
        assertThrows(IllegalArgumentException.class, () -> PushService.Subscription.parse("file:///etc/passwd", key, auth, Set.of()));
        assertThrows(IllegalArgumentException.class, () -> PushService.Subscription.parse("https://push.example/x", key, P256.b64url(new byte[8]), Set.of()));
        assertThrows(IllegalArgumentException.class, () -> PushService.Subscription.parse("https://push.example/x", key.substring(0, 80) + "AAAAAAA", auth, Set.of()));
    }
}
