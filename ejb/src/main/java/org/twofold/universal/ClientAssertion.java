package org.twofold.universal;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Instant;

/**
 * A client assertion (RFC 7523 §2.2, {@code client_assertion_type}
 * {@code urn:ietf:params:oauth:client-assertion-type:jwt-bearer}) as Duo's SDKs authenticate their
 * {@code health_check} and {@code token} calls: HS512 with the integration's secret, issuer and
 * subject the client id, audience the endpoint's URL, an expiry within the hour, and a {@code jti}
 * that the caller records so that the assertion is used once (RFC 7523 §3, item 7).
 *
 * @param jti the assertion's unique id
 * @param expiresAt until when its {@code jti} must be remembered
 */
public record ClientAssertion(String jti, Instant expiresAt) {
    public static final String TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final int MAX_JTI = 200;
    private static final String ERROR = "invalid_client";

    /**
     * Verifies {@code jwt} as {@code clientId}'s assertion under its {@code secret} for the
     * endpoint at {@code audience} ({@code https://<apiHost>/oauth/v1/...}) at {@code now}.
     *
     * @throws UniversalRefusal (OAuth error {@code invalid_client}) with the cause: those of {@link
     *     SignedClaims#verify}, {@code wrong_issuer}, {@code wrong_subject}, {@code wrong_audience},
     *     {@code missing_jti}
     */
    public static ClientAssertion verify(String jwt, String clientId, byte[] secret, String audience, Instant now) {
        JWTClaimsSet claims = SignedClaims.verify(jwt, secret, now, ERROR);
        if (!clientId.equals(claims.getIssuer())) {
            throw new UniversalRefusal("wrong_issuer", ERROR);
        }
        if (!clientId.equals(claims.getSubject())) {
            throw new UniversalRefusal("wrong_subject", ERROR);
        }
        if (!claims.getAudience().contains(audience)) {
            throw new UniversalRefusal("wrong_audience", ERROR);
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isBlank() || jti.length() > MAX_JTI) {
            throw new UniversalRefusal("missing_jti", ERROR);
        }
        return new ClientAssertion(jti, claims.getExpirationTime().toInstant());
    }

    /**
     * The client an assertion claims to come from (its issuer), read before anything is verified —
     * only to know whose secret to verify it with (Duo's token request names no {@code client_id}).
     */
    public static String claimedClient(String jwt) {
        try {
            return jwt == null || jwt.length() > SignedClaims.MAX_LENGTH ? null : com.nimbusds.jwt.SignedJWT.parse(jwt.trim()).getJWTClaimsSet().getIssuer();
        } catch (java.text.ParseException e) {
            return null;
        }
    }
}
