package org.twofold.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The provider's tokens checked as a relying party checks them — with Nimbus's OpenID Connect SDK
 * ({@link IDTokenValidator}: signature by a key of the published JWK set, algorithm, issuer,
 * audience, expiry and issue time, nonce) — and each way one of those checks must fail; key
 * rotation (the retired key published exactly as long as its tokens can be valid); and the
 * access tokens the userinfo endpoint accepts.
 */
class TokensTest {
    private static final String ISSUER = "https://mfa.example.edu";
    private static final String CLIENT = "OCCLIENT0000000001";
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final JWK RSA = KeyRing.generate(JWSAlgorithm.RS256, "RS256-one");
    private static final JWK EC = KeyRing.generate(JWSAlgorithm.ES256, "ES256-one");
    private static final KeyRing RING = new KeyRing(List.of(new KeyRing.Entry(RSA, NOW.minusSeconds(60), null), new KeyRing.Entry(EC, NOW.minusSeconds(60), null)));

    private static String idToken(JWK key, String nonce, Instant at) {
        return Tokens.sign(key, JOSEObjectType.JWT, Tokens.idToken(ISSUER, "sub-1", CLIENT, "alice", "Alice Liddell", at.minusSeconds(5), "totp", nonce, at));
    }

    /** What mod_auth_openidc, or any relying party on Nimbus, does with an ID token. */
    private static IDTokenClaimsSet validate(String token, JWKSet published, String clientId, String nonce) throws Exception {
        IDTokenValidator validator = new IDTokenValidator(new Issuer(ISSUER), new ClientID(clientId), JWSAlgorithm.RS256, published);
        return validator.validate(JWTParser.parse(token), nonce == null ? null : new Nonce(nonce));
    }

    @Test
    void idTokenPassesEveryCheckOfARelyingPartyAndSaysHowTheUserLoggedIn() throws Exception {
        String token = idToken(RSA, "n-0S6_WzA2Mj", Instant.now());
        IDTokenClaimsSet claims = validate(token, RING.published(NOW), CLIENT, "n-0S6_WzA2Mj");
        assertEquals("sub-1", claims.getSubject().getValue());
        assertEquals("alice", claims.getStringClaim("preferred_username"));
        assertEquals("Alice Liddell", claims.getStringClaim("name"));
        assertEquals(List.of("pwd", "otp", "mfa"), claims.getStringListClaim("amr"));
        assertEquals(AuthenticationMethods.ACR_MFA, claims.getACR().getValue());
        assertTrue(claims.getAuthenticationTime() != null);
        SignedJWT jwt = SignedJWT.parse(token);
        assertEquals("RS256-one", jwt.getHeader().getKeyID());
        assertEquals(JWSAlgorithm.RS256, jwt.getHeader().getAlgorithm());
    }

    @Test
    void relyingPartyRefusesAWrongNonceAnotherAudienceAnExpiredTokenAndAnotherIssuer() throws Exception {
        JWKSet published = RING.published(NOW);
        String token = idToken(RSA, "nonce-a", Instant.now());
        assertThrows(BadJOSEException.class, () -> validate(token, published, CLIENT, "nonce-b"));
        assertThrows(BadJOSEException.class, () -> validate(token, published, "OCSOMEONEELSE", "nonce-a"));
        assertThrows(BadJOSEException.class, () -> validate(idToken(RSA, null, Instant.now()), published, CLIENT, "nonce-a"),
                "the relying party sent a nonce: a token without it is refused");
        String old = idToken(RSA, "nonce-a", Instant.now().minus(Tokens.LIFETIME).minus(Duration.ofMinutes(2)));
        assertThrows(BadJOSEException.class, () -> validate(old, published, CLIENT, "nonce-a"));
        IDTokenValidator otherIssuer = new IDTokenValidator(new Issuer("https://evil.example"), new ClientID(CLIENT), JWSAlgorithm.RS256, published);
        assertThrows(BadJOSEException.class, () -> otherIssuer.validate(JWTParser.parse(token), new Nonce("nonce-a")));
    }

    @Test
    void relyingPartyRefusesATamperedTokenAndOneSignedByAKeyNotPublished() throws Exception {
        JWKSet published = RING.published(NOW);
        String token = idToken(RSA, "n", Instant.now());
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"alice\"", "\"admin\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "." + parts[2];
        assertThrows(BadJOSEException.class, () -> validate(tampered, published, CLIENT, "n"));
        JWK stranger = KeyRing.generate(JWSAlgorithm.RS256, "RS256-one"); // same kid, another key
        assertThrows(BadJOSEException.class, () -> validate(idToken(stranger, "n", Instant.now()), published, CLIENT, "n"));
    }

    @Test
    void rotationKeepsTheRetiredKeyPublishedUntilItsTokensHaveExpired() throws Exception {
        JWK newRsa = KeyRing.generate(JWSAlgorithm.RS256, "RS256-two");
        Instant rotated = NOW;
        KeyRing after = new KeyRing(List.of(new KeyRing.Entry(RSA, NOW.minusSeconds(3600), rotated), new KeyRing.Entry(EC, NOW.minusSeconds(3600), rotated),
                new KeyRing.Entry(newRsa, rotated, null), new KeyRing.Entry(KeyRing.generate(JWSAlgorithm.ES256, "ES256-two"), rotated, null)));
        assertEquals("RS256-two", after.signing(JWSAlgorithm.RS256).orElseThrow().getKeyID(), "the new key signs");
        String before = idToken(RSA, "n", Instant.now());
        // just before the retired key's tokens can have expired, it is still published: a token it signed verifies
        JWKSet stillPublished = after.published(rotated.plus(Tokens.LIFETIME).minusSeconds(1));
        assertEquals(4, stillPublished.getKeys().size());
        validate(before, stillPublished, CLIENT, "n");
        validate(idToken(newRsa, "n", Instant.now()), stillPublished, CLIENT, "n");
        // then it is gone; only the new keys are published
        JWKSet later = after.published(rotated.plus(Tokens.LIFETIME));
        assertEquals(List.of("RS256-two", "ES256-two"), later.getKeys().stream().map(JWK::getKeyID).toList());
        assertThrows(BadJOSEException.class, () -> validate(before, later, CLIENT, "n"));
    }

    @Test
    void keysReadBackFromTheirStoredJsonSignAndVerify() throws Exception {
        JWK storedRsa = JWK.parse(RSA.toJSONString());
        JWK storedEc = JWK.parse(EC.toJSONString());
        validate(idToken(storedRsa, "n", Instant.now()), RING.published(NOW), CLIENT, "n");
        String access = Tokens.sign(storedEc, Tokens.ACCESS_TOKEN_TYPE, Tokens.accessToken(ISSUER, "s", CLIENT, "alice", "openid", "j", NOW));
        assertTrue(Tokens.verify(access, RING.published(NOW), JWSAlgorithm.ES256, Tokens.ACCESS_TOKEN_TYPE, ISSUER, NOW).isPresent());
        KeyRing stored = new KeyRing(List.of(new KeyRing.Entry(storedRsa, NOW, null), new KeyRing.Entry(storedEc, NOW, null)));
        assertTrue(stored.complete(), "a key read back is found by its algorithm");
    }

    @Test
    void publishedSetHasNoPrivatePart() {
        for (JWK k : RING.published(NOW).getKeys()) {
            assertFalse(k.isPrivate(), k.getKeyID());
        }
        assertFalse(RING.published(NOW).toString().contains("\"d\""));
    }

    @Test
    void accessTokenVerifiesOnlyWithItsTypeAlgorithmIssuerAndWithinItsLifetime() throws Exception {
        Instant now = NOW;
        JWTClaimsSet claims = Tokens.accessToken(ISSUER, "sub-1", CLIENT, "alice", "openid", "jti-1", now);
        String token = Tokens.sign(EC, Tokens.ACCESS_TOKEN_TYPE, claims);
        JWKSet published = RING.published(now);
        assertEquals("alice", Tokens.verify(token, published, JWSAlgorithm.ES256, Tokens.ACCESS_TOKEN_TYPE, ISSUER, now).orElseThrow().getClaim("preferred_username"));
        assertTrue(Tokens.verify(token, published, JWSAlgorithm.ES256, Tokens.ACCESS_TOKEN_TYPE, ISSUER, now.plus(Tokens.LIFETIME)).isEmpty(), "expired");
        assertTrue(Tokens.verify(token, published, JWSAlgorithm.ES256, Tokens.ACCESS_TOKEN_TYPE, "https://evil.example", now).isEmpty(), "issuer");
        String idToken = idToken(RSA, "n", now);
        assertTrue(Tokens.verify(idToken, published, JWSAlgorithm.ES256, Tokens.ACCESS_TOKEN_TYPE, ISSUER, now).isEmpty(), "an ID token is no access token");
        String sameKeyOtherType = Tokens.sign(EC, JOSEObjectType.JWT, claims);
        assertTrue(Tokens.verify(sameKeyOtherType, published, JWSAlgorithm.ES256, Tokens.ACCESS_TOKEN_TYPE, ISSUER, now).isEmpty(), "type");
        String[] parts = token.split("\\.");
        assertTrue(Tokens.verify(parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10) + "AAAA" + parts[2].substring(14), published, JWSAlgorithm.ES256,
                Tokens.ACCESS_TOKEN_TYPE, ISSUER, now).isEmpty(), "signature");
        assertTrue(Tokens.verify("not.a.jwt", published, JWSAlgorithm.ES256, Tokens.ACCESS_TOKEN_TYPE, ISSUER, now).isEmpty());
        JWT parsed = JWTParser.parse(token);
        assertEquals(List.of(ISSUER + "/oidc/userinfo"), parsed.getJWTClaimsSet().getAudience());
        assertTrue(parsed.getJWTClaimsSet().getExpirationTime().equals(Date.from(now.plus(Tokens.LIFETIME))));
    }
}
