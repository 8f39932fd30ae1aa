package org.twofold.universal;

import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.twofold.TwofoldException;
import org.twofold.integration.ReturnUrl;

/**
 * The {@code request} JWT of Duo's {@code /oauth/v1/authorize} (Duo Web SDK v4's {@code
 * createAuthUrl}), once verified: signed HS512 with the integration's secret, within its lifetime,
 * and naming this client, the response type {@code code}, the scope {@code openid}, where to return
 * the user ({@code redirect_uri}), the application's {@code state}, and the user ({@code
 * duo_uname}) whose password the application has already checked. Duo's Python SDK adds {@code
 * iss} (the client id), {@code aud} (the API host's URL) and an optional {@code nonce}; its Java
 * SDK none of them: each is checked when present.
 *
 * <p>The redirect URI follows Duo's rule: it is not registered beforehand but named in the signed
 * request, which only the holder of the integration's secret can make (Duo's OIDC Auth API
 * documentation: the authorization code flow protects against redirection to URIs of attackers);
 * it must be an absolute http(s) URL ({@link ReturnUrl}), and the {@code redirect_uri} of the query,
 * if any, must be the same. A request is used once: by its {@code jti}, or without one (Duo's Java
 * SDK sends none) by its SHA-256 ({@link #replayKey}).
 *
 * @param clientId the integration key
 * @param redirectUri where the user returns with the code
 * @param state the application's state, returned unchanged
 * @param username the user ({@code duo_uname})
 * @param nonce returned in the ID token; null if none
 * @param duoCodeAttribute whether the code is returned as {@code duo_code} (Duo's SDKs' default) or {@code code}
 * @param expiresAt the request's expiry
 * @param replayKey what makes the request single-use
 */
public record AuthorizationRequest(String clientId, String redirectUri, String state, String username, String nonce, boolean duoCodeAttribute,
                                   Instant expiresAt, String replayKey) {
    /** Duo's SDKs make states of 22 to 1024 characters (Python's from 16); Twofold takes 1 to 1024 printable ASCII characters. */
    private static final Pattern STATE = Pattern.compile("[\\x21-\\x7e]{1,1024}");
    private static final int MAX_USERNAME = 100;
    private static final int MAX_NONCE = 1024;
    private static final String ERROR = "invalid_request";

    /**
     * Verifies Duo's signed request {@code jwt} for the client {@code clientId} under its
     * {@code secret}, as received at {@code https://<apiHost>/oauth/v1/authorize} with the query's
     * {@code redirect_uri} ({@code queryRedirectUri}, may be null) at {@code now}.
     *
     * @throws UniversalRefusal with the cause: those of {@link SignedClaims#verify}, {@code
     *     wrong_client_id}, {@code wrong_issuer}, {@code wrong_audience}, {@code
     *     unsupported_response_type}, {@code invalid_scope}, {@code invalid_redirect_uri}, {@code
     *     redirect_uri_mismatch}, {@code invalid_state}, {@code missing_username}, {@code invalid_nonce}
     */
    public static AuthorizationRequest verify(String jwt, String clientId, byte[] secret, String apiHost, String queryRedirectUri, Instant now) {
        JWTClaimsSet claims = SignedClaims.verify(jwt, secret, now, ERROR);
        if (!clientId.equals(SignedClaims.string(claims, "client_id", "wrong_client_id", ERROR))) {
            throw new UniversalRefusal("wrong_client_id");
        }
        if (claims.getIssuer() != null && !clientId.equals(claims.getIssuer())) {
            throw new UniversalRefusal("wrong_issuer");
        }
        List<String> audience = claims.getAudience();
        String host = "https://" + apiHost;
        if (!audience.isEmpty() && audience.stream().noneMatch(a -> a.equals(host) || a.equals(host + "/") || a.equals(host + Endpoints.AUTHORIZE))) {
            throw new UniversalRefusal("wrong_audience");
        }
        if (!"code".equals(SignedClaims.string(claims, "response_type", "unsupported_response_type", ERROR))) {
            throw new UniversalRefusal("unsupported_response_type", "unsupported_response_type");
        }
        String scope = SignedClaims.string(claims, "scope", "invalid_scope", ERROR);
        if (scope == null || !Arrays.asList(scope.trim().split(" +")).contains("openid")) {
            throw new UniversalRefusal("invalid_scope", "invalid_scope");
        }
        String redirectUri;
        try {
            redirectUri = ReturnUrl.check(SignedClaims.string(claims, "redirect_uri", "invalid_redirect_uri", ERROR));
        } catch (TwofoldException e) {
            throw new UniversalRefusal("invalid_redirect_uri");
        }
        if (queryRedirectUri != null && !queryRedirectUri.equals(redirectUri)) {
            throw new UniversalRefusal("redirect_uri_mismatch");
        }
        String state = SignedClaims.string(claims, "state", "invalid_state", ERROR);
        if (state == null || !STATE.matcher(state).matches()) {
            throw new UniversalRefusal("invalid_state");
        }
        String username = SignedClaims.string(claims, "duo_uname", "missing_username", ERROR);
        if (username == null || username.isBlank() || username.length() > MAX_USERNAME) {
            throw new UniversalRefusal("missing_username");
        }
        String nonce = SignedClaims.string(claims, "nonce", "invalid_nonce", ERROR);
        if (nonce != null && (nonce.isEmpty() || nonce.length() > MAX_NONCE)) {
            throw new UniversalRefusal("invalid_nonce");
        }
        boolean duoCode;
        try {
            Boolean flag = claims.getBooleanClaim("use_duo_code_attribute");
            duoCode = flag != null && flag;
        } catch (ParseException e) {
            throw new UniversalRefusal("invalid_request");
        }
        String jti = claims.getJWTID();
        String replayKey = jti != null && !jti.isBlank() ? "jti:" + jti : "sha256:" + sha256(jwt.trim());
        return new AuthorizationRequest(clientId, redirectUri, state, username.trim(), nonce, duoCode, claims.getExpirationTime().toInstant(), replayKey);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
