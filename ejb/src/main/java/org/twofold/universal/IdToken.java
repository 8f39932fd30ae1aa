package org.twofold.universal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ID token of Duo's {@code /oauth/v1/token} (OpenID Connect Core 1.0 §2), signed HS512 with the
 * integration's secret as Duo signs it, with exactly what Duo's SDKs check — issuer
 * {@code https://<apiHost>/oauth/v1/token}, audience the client id, {@code exp} and {@code iat},
 * {@code preferred_username} the user the application named, and its {@code nonce} — and what they
 * read into their {@code Token}: {@code sub}, {@code auth_time}, {@code auth_result} ({@code result},
 * {@code status}, {@code status_msg}) and {@code auth_context} (the factor, the application, the
 * user, the browser's address).
 */
public final class IdToken {
    /** How long the ID token is valid: it is read once, right after the exchange. */
    public static final Duration LIFETIME = Duration.ofMinutes(5);

    /**
     * What the token says.
     *
     * @param issuer {@code https://<apiHost>/oauth/v1/token}
     * @param clientId the integration key (the audience)
     * @param application the integration's name
     * @param username the user who passed the second factor
     * @param nonce the request's nonce, or null
     * @param authTime when the second factor was passed
     * @param factor Twofold's word for how ({@code push}, {@code totp}, {@code bypass_user}, ...)
     * @param ip the browser's address, or null
     * @param id the code's id (Duo's {@code txid})
     */
    public record Claims(String issuer, String clientId, String application, String username, String nonce, Instant authTime, String factor,
                         String ip, String id) {
    }

    private IdToken() {
    }

    /** The signed token for {@code claims}, issued at {@code now}. */
    public static String sign(byte[] secret, Claims claims, Instant now) {
        boolean bypassed = UniversalPrompt.BYPASS_USER.equals(claims.factor());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("result", "allow");
        result.put("status", bypassed ? "bypass" : "allow");
        result.put("status_msg", bypassed ? "Bypass user" : "Login Successful");
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("result", "success");
        context.put("reason", bypassed ? "bypass_user" : "user_approved");
        context.put("factor", duoFactor(claims.factor()));
        context.put("event_type", "authentication");
        context.put("timestamp", claims.authTime().getEpochSecond());
        context.put("txid", claims.id());
        context.put("user", Map.of("name", claims.username(), "key", claims.username()));
        context.put("application", Map.of("name", claims.application(), "key", claims.clientId()));
        Map<String, Object> access = new LinkedHashMap<>();
        access.put("ip", claims.ip());
        context.put("access_device", access);
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder().issuer(claims.issuer()).audience(claims.clientId()).subject(claims.username())
                .claim("preferred_username", claims.username()).issueTime(Date.from(now)).expirationTime(Date.from(now.plus(LIFETIME)))
                .claim("auth_time", claims.authTime().getEpochSecond()).claim("auth_result", result).claim("auth_context", context);
        if (claims.nonce() != null) {
            set.claim("nonce", claims.nonce());
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS512).type(JOSEObjectType.JWT).build(), set.build());
        try {
            jwt.sign(new HmacSha512(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException("HS512 signing failed", e);
        }
        return jwt.serialize();
    }

    /** Duo's name of the factor ({@code auth_context.factor}) for Twofold's word of how the user passed. */
    static String duoFactor(String factor) {
        return switch (factor == null ? "" : factor) {
            case "push" -> "duo_push";
            case "phone" -> "phone_call";
            case "sms" -> "sms_passcode";
            case "totp" -> "duo_mobile_passcode";
            case "hotp" -> "hardware_token";
            case "bypass", "temporary" -> "bypass_code";
            case "security_key" -> "webauthn_credential";
            case "remembered" -> "remembered_device";
            case "bypass_user" -> "not_available";
            default -> "passcode";
        };
    }
}
