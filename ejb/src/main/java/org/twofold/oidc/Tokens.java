package org.twofold.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * Signs and checks the provider's JWTs with Nimbus JOSE+JWT: ID tokens (OpenID Connect Core §2,
 * type {@code JWT}, RS256 — the algorithm every relying party supports) and access tokens (RFC 9068,
 * type {@code at+jwt}, ES256), each with the signing key's {@code kid} in its header. A token is
 * checked against the published keys by {@code kid}, its algorithm and type as expected, its issuer,
 * and its expiry against the provider's clock.
 */
public final class Tokens {
    /** How long an ID token or access token is valid. */
    public static final Duration LIFETIME = Duration.ofMinutes(10);
    /** The algorithm of ID tokens. */
    public static final JWSAlgorithm ID_TOKEN_ALGORITHM = JWSAlgorithm.RS256;
    /** The algorithm of access tokens. */
    public static final JWSAlgorithm ACCESS_TOKEN_ALGORITHM = JWSAlgorithm.ES256;
    public static final JOSEObjectType ACCESS_TOKEN_TYPE = new JOSEObjectType("at+jwt");

    private Tokens() {
    }

    /**
     * An ID token's claims (OpenID Connect Core §2): issuer, subject, audience and authorized party
     * (the client), issue and expiry times, when the user logged in ({@code auth_time}), how
     * ({@code acr}, {@code amr}: {@link AuthenticationMethods}), the username and display name, and the
     * request's {@code nonce} if it had one.
     */
    public static JWTClaimsSet idToken(String issuer, String subject, String clientId, String username, String name, Instant authTime, String factor,
            String nonce, Instant now) {
        AuthenticationMethods methods = AuthenticationMethods.of(factor);
        JWTClaimsSet.Builder id = new JWTClaimsSet.Builder().issuer(issuer).subject(subject).audience(clientId)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(LIFETIME)))
                .claim("auth_time", authTime.getEpochSecond()).claim("azp", clientId)
                .claim("acr", methods.acr()).claim("amr", methods.amr())
                .claim("preferred_username", username).claim("name", name);
        if (nonce != null) {
            id.claim("nonce", nonce);
        }
        return id.build();
    }

    /**
     * An access token's claims (RFC 9068 §2.2): for the userinfo endpoint ({@code aud}), the client,
     * the granted scope, a unique {@code jti}, and the username the userinfo endpoint looks up.
     */
    public static JWTClaimsSet accessToken(String issuer, String subject, String clientId, String username, String scope, String jti, Instant now) {
        return new JWTClaimsSet.Builder().issuer(issuer).subject(subject).audience(issuer + "/oidc/userinfo")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(LIFETIME)))
                .jwtID(jti).claim("client_id", clientId).claim("scope", scope).claim("preferred_username", username).build();
    }

    /** {@code claims} signed with {@code key} (its algorithm and {@code kid}), as a compact JWS. */
    public static String sign(JWK key, JOSEObjectType type, JWTClaimsSet claims) {
        // a key read back from its stored JSON names a plain Algorithm, not a JWSAlgorithm
        JWSAlgorithm algorithm = JWSAlgorithm.parse(key.getAlgorithm().getName());
        try {
            JWSSigner signer = key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key);
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).type(type).build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with key " + key.getKeyID(), e);
        }
    }

    /**
     * The claims of {@code token} if it is a JWS of {@code type} and {@code algorithm}, signed by one of
     * {@code keys}, issued by {@code issuer} and not expired at {@code now}; empty otherwise.
     */
    public static Optional<JWTClaimsSet> verify(String token, JWKSet keys, JWSAlgorithm algorithm, JOSEObjectType type, String issuer, Instant now) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWSHeader header = jwt.getHeader();
            if (!algorithm.equals(header.getAlgorithm()) || !type.equals(header.getType()) || header.getKeyID() == null) {
                return Optional.empty();
            }
            JWK key = keys.getKeyByKeyId(header.getKeyID());
            if (key == null || !algorithm.equals(key.getAlgorithm())) {
                return Optional.empty();
            }
            JWSVerifier verifier = key instanceof RSAKey rsa ? new RSASSAVerifier(rsa) : new ECDSAVerifier((ECKey) key);
            if (!jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date exp = claims.getExpirationTime();
            if (!issuer.equals(claims.getIssuer()) || exp == null || !now.isBefore(exp.toInstant())) {
                return Optional.empty();
            }
            return Optional.of(claims);
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
