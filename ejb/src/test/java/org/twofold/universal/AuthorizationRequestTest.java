package org.twofold.universal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twofold.universal.DuoVectors.CLIENT;
import static org.twofold.universal.DuoVectors.HOST;
import static org.twofold.universal.DuoVectors.OTHER_SECRET;
import static org.twofold.universal.DuoVectors.REDIRECT;
import static org.twofold.universal.DuoVectors.SECRET;
import static org.twofold.universal.DuoVectors.STATE;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The signed request of {@code /oauth/v1/authorize}, as Duo's own Java SDK makes it, and what is refused. */
class AuthorizationRequestTest {
    private static final byte[] KEY = SECRET.getBytes(StandardCharsets.UTF_8);

    private static String reason(Runnable r) {
        return assertThrows(UniversalRefusal.class, r::run).reason();
    }

    @Test
    void acceptsTheRequestDuosJavaSdkMakes() throws Exception {
        Map<String, String> url = DuoVectors.authUrl(SECRET, "alice");
        assertEquals(Endpoints.AUTHORIZE, url.get("path"));
        assertEquals(CLIENT, url.get("client_id"));
        assertEquals("code", url.get("response_type"));
        AuthorizationRequest r = AuthorizationRequest.verify(url.get("request"), CLIENT, KEY, HOST, url.get("redirect_uri"), Instant.now());
        assertEquals("alice", r.username());
        assertEquals(REDIRECT, r.redirectUri());
        assertEquals(STATE, r.state());
        assertTrue(r.duoCodeAttribute(), "Duo's SDK asks for duo_code");
        assertNull(r.nonce());
        assertTrue(r.replayKey().startsWith("sha256:"), "Duo's Java SDK sends no jti: the request itself is used once");
        assertEquals(r.replayKey(), AuthorizationRequest.verify(url.get("request"), CLIENT, KEY, HOST, null, Instant.now()).replayKey());
    }

    @Test
    void refusesARequestSignedWithAnotherSecret() throws Exception {
        String forged = DuoVectors.authUrl(OTHER_SECRET, "alice").get("request");
        assertEquals("wrong_signature", reason(() -> AuthorizationRequest.verify(forged, CLIENT, KEY, HOST, null, Instant.now())));
    }

    @Test
    void refusesARequestPastItsHourOrMeantToLiveLonger() throws Exception {
        String request = DuoVectors.authUrl(SECRET, "alice").get("request");
        assertEquals("expired", reason(() -> AuthorizationRequest.verify(request, CLIENT, KEY, HOST, null, Instant.now().plusSeconds(3600 + 61))));
        // within the minute of leeway Duo's SDKs allow, still accepted
        AuthorizationRequest.verify(request, CLIENT, KEY, HOST, null, Instant.now().plusSeconds(3600 + 50));
        String lasting = duoShaped(Map.of(), Date.from(Instant.now().plusSeconds(3 * 3600)), SECRET);
        assertEquals("expiry_too_far", reason(() -> AuthorizationRequest.verify(lasting, CLIENT, KEY, HOST, null, Instant.now())));
        String endless = duoShaped(Map.of(), null, SECRET);
        assertEquals("no_expiry", reason(() -> AuthorizationRequest.verify(endless, CLIENT, KEY, HOST, null, Instant.now())));
    }

    @Test
    void refusesAnotherClientsRequestAndARedirectUriChangedInTheQuery() throws Exception {
        Map<String, String> url = DuoVectors.authUrl(SECRET, "alice");
        assertEquals("wrong_client_id", reason(() -> AuthorizationRequest.verify(url.get("request"), "DIZZZZZZZZZZZZZZZZZZ", KEY, HOST, null, Instant.now())));
        assertEquals("redirect_uri_mismatch", reason(() -> AuthorizationRequest.verify(url.get("request"), CLIENT, KEY, HOST,
                "https://attacker.example.net/duo-callback", Instant.now())));
    }

    @Test
    void refusesOtherAlgorithmsAndUnsignedRequests() {
        String hs256 = JWT.create().withHeader(Map.of("alg", "HS256")).withClaim("client_id", CLIENT).withClaim("response_type", "code")
                .withClaim("scope", "openid").withClaim("redirect_uri", REDIRECT).withClaim("state", STATE).withClaim("duo_uname", "alice")
                .withExpiresAt(Date.from(Instant.now().plusSeconds(300))).sign(Algorithm.HMAC256(SECRET));
        assertEquals("wrong_algorithm", reason(() -> AuthorizationRequest.verify(hs256, CLIENT, KEY, HOST, null, Instant.now())));
        String unsigned = JWT.create().withClaim("client_id", CLIENT).withClaim("duo_uname", "alice")
                .withExpiresAt(Date.from(Instant.now().plusSeconds(300))).sign(Algorithm.none());
        assertEquals("malformed_jwt", reason(() -> AuthorizationRequest.verify(unsigned, CLIENT, KEY, HOST, null, Instant.now())));
        assertEquals("malformed_jwt", reason(() -> AuthorizationRequest.verify("not.a.jwt", CLIENT, KEY, HOST, null, Instant.now())));
    }

    @Test
    void checksThePythonSdksAudienceIssuerNonceAndJtiWhenPresent() {
        Date exp = Date.from(Instant.now().plusSeconds(300));
        String python = duoShaped(Map.of("aud", "https://" + HOST, "iss", CLIENT, "nonce", "n-123", "jti", "j-1"), exp, SECRET);
        AuthorizationRequest r = AuthorizationRequest.verify(python, CLIENT, KEY, HOST, null, Instant.now());
        assertEquals("n-123", r.nonce());
        assertEquals("jti:j-1", r.replayKey());
        String elsewhere = duoShaped(Map.of("aud", "https://duo.example.com"), exp, SECRET);
        assertEquals("wrong_audience", reason(() -> AuthorizationRequest.verify(elsewhere, CLIENT, KEY, HOST, null, Instant.now())));
        String otherIssuer = duoShaped(Map.of("iss", "DIYYYYYYYYYYYYYYYYYY"), exp, SECRET);
        assertEquals("wrong_issuer", reason(() -> AuthorizationRequest.verify(otherIssuer, CLIENT, KEY, HOST, null, Instant.now())));
    }

    @Test
    void refusesWhatIsNotACodeRequestForAUser() {
        Date exp = Date.from(Instant.now().plusSeconds(300));
        assertEquals("unsupported_response_type", reason(() -> AuthorizationRequest.verify(duoShaped(Map.of("response_type", "token"), exp, SECRET),
                CLIENT, KEY, HOST, null, Instant.now())));
        assertEquals("invalid_scope", reason(() -> AuthorizationRequest.verify(duoShaped(Map.of("scope", "profile"), exp, SECRET),
                CLIENT, KEY, HOST, null, Instant.now())));
        assertEquals("missing_username", reason(() -> AuthorizationRequest.verify(duoShaped(Map.of("duo_uname", " "), exp, SECRET),
                CLIENT, KEY, HOST, null, Instant.now())));
        assertEquals("invalid_redirect_uri", reason(() -> AuthorizationRequest.verify(duoShaped(Map.of("redirect_uri", "javascript:alert(1)"), exp, SECRET),
                CLIENT, KEY, HOST, null, Instant.now())));
        assertEquals("invalid_state", reason(() -> AuthorizationRequest.verify(duoShaped(Map.of("state", "a b"), exp, SECRET),
                CLIENT, KEY, HOST, null, Instant.now())));
        AuthorizationRequest plain = AuthorizationRequest.verify(duoShaped(Map.of("use_duo_code_attribute", false), exp, SECRET), CLIENT, KEY, HOST, null,
                Instant.now());
        assertFalse(plain.duoCodeAttribute(), "use_duo_code_attribute false: the code comes back as code");
    }

    /** A request with Duo's Java SDK's claims, some replaced or added, signed HS512 with java-jwt as Duo's SDK signs. */
    private static String duoShaped(Map<String, Object> changes, Date exp, String secret) {
        var b = JWT.create().withHeader(Map.of("alg", "HS512"));
        Map<String, Object> claims = new java.util.LinkedHashMap<>(Map.of("scope", "openid", "client_id", CLIENT, "redirect_uri", REDIRECT,
                "state", STATE, "duo_uname", "alice", "response_type", "code", "use_duo_code_attribute", true));
        claims.putAll(changes);
        claims.forEach((k, v) -> {
            switch (k) {
                case "aud" -> b.withAudience((String) v);
                case "iss" -> b.withIssuer((String) v);
                case "jti" -> b.withJWTId((String) v);
                default -> {
                    if (v instanceof Boolean flag) {
                        b.withClaim(k, flag);
                    } else {
                        b.withClaim(k, (String) v);
                    }
                }
            }
        });
        if (exp != null) {
            b.withExpiresAt(exp);
        }
        return b.sign(Algorithm.HMAC512(secret));
    }
}
