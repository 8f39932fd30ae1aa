package org.twofold.universal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The claims of a JWT that Duo's SDK signed with the integration's secret (HS512), once its
 * signature and lifetime are checked: the one place both the authorization request and the client
 * assertions are opened.
 */
final class SignedClaims {
    /** Duo's SDKs allow one minute of clock difference; so does Twofold. */
    static final Duration LEEWAY = Duration.ofSeconds(60);
    /** The longest lifetime Duo's SDKs give their JWTs (one hour); a JWT meant to live longer is refused. */
    static final Duration LONGEST = Duration.ofHours(1);
    /** The largest JWT read (Duo's are well under 2 KB). */
    static final int MAX_LENGTH = 8192;

    private SignedClaims() {
    }

    /**
     * The claims of {@code jwt}, verified under {@code secret}: HS512 only, the signature right, an
     * expiry ({@code exp}) not past at {@code now} (within {@link #LEEWAY}) and not further ahead
     * than {@link #LONGEST}, and not before its {@code nbf}.
     *
     * @throws UniversalRefusal {@code malformed_jwt}, {@code wrong_algorithm}, {@code wrong_signature},
     *     {@code no_expiry}, {@code expired}, {@code expiry_too_far}, {@code not_yet_valid}
     */
    static JWTClaimsSet verify(String jwt, byte[] secret, Instant now, String error) {
        SignedJWT signed;
        JWTClaimsSet claims;
        try {
            if (jwt == null || jwt.isBlank() || jwt.length() > MAX_LENGTH) {
                throw new UniversalRefusal("malformed_jwt", error);
            }
            signed = SignedJWT.parse(jwt.trim());
            claims = signed.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new UniversalRefusal("malformed_jwt", error);
        }
        if (!JWSAlgorithm.HS512.equals(signed.getHeader().getAlgorithm())) {
            throw new UniversalRefusal("wrong_algorithm", error);
        }
        try {
            if (!signed.verify(new HmacSha512(secret))) {
                throw new UniversalRefusal("wrong_signature", error);
            }
        } catch (JOSEException e) {
            throw new UniversalRefusal("wrong_signature", error);
        }
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw new UniversalRefusal("no_expiry", error);
        }
        if (exp.toInstant().plus(LEEWAY).isBefore(now)) {
            throw new UniversalRefusal("expired", error);
        }
        if (exp.toInstant().isAfter(now.plus(LONGEST).plus(LEEWAY))) {
            throw new UniversalRefusal("expiry_too_far", error);
        }
        if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().isAfter(now.plus(LEEWAY))) {
            throw new UniversalRefusal("not_yet_valid", error);
        }
        return claims;
    }

    /** A string claim, or null if absent; a claim of another type is refused as {@code reason}. */
    static String string(JWTClaimsSet claims, String name, String reason, String error) {
        try {
            return claims.getStringClaim(name);
        } catch (ParseException e) {
            throw new UniversalRefusal(reason, error);
        }
    }
}
