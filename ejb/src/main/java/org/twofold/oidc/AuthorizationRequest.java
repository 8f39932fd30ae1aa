package org.twofold.oidc;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An authentication request as it arrived at the authorization endpoint (OpenID Connect Core
 * §3.1.2.1), its parameters untouched; {@link #validate} turns it into an {@link Authorization} once
 * the client and redirect URI are known good, or refuses it with the error that goes back to the
 * application. Request objects ({@code request}, {@code request_uri}) are not supported (Core §6:
 * the provider says so in its metadata and answers {@code request_not_supported}).
 */
public record AuthorizationRequest(String clientId, String redirectUri, String responseType, String scope, String state, String nonce,
        String codeChallenge, String codeChallengeMethod, String prompt, String maxAge, String loginHint, boolean requestObject,
        boolean requestUri) {
    /** The scopes the provider knows; others are ignored (RFC 6749 §3.3 lets the server narrow the scope). */
    public static final Set<String> SCOPES = Set.of("openid", "profile");
    static final int MAX_STATE = 1000;
    static final int MAX_NONCE = 200;
    static final int MAX_LOGIN_HINT = 100;
    private static final Pattern MAX_AGE = Pattern.compile("[0-9]{1,9}");
    private static final Set<String> PROMPTS = Set.of("none", "login", "consent", "select_account");

    /**
     * The request checked against its client (already known to exist, be enabled and have
     * registered {@code redirectUri}).
     *
     * @throws OidcError (redirectable) naming what is wrong
     */
    Authorization validate(String clientName, ClientType type, String resolvedRedirectUri) {
        if (requestObject || requestUri) {
            throw refuse(resolvedRedirectUri, requestObject ? "request_not_supported" : "request_uri_not_supported", "request objects are not supported");
        }
        if (!"code".equals(responseType)) {
            throw refuse(resolvedRedirectUri, responseType == null ? "invalid_request" : "unsupported_response_type", "response_type must be code (the authorization code flow)");
        }
        List<String> scopes = new ArrayList<>();
        for (String s : (scope == null ? "" : scope).trim().split(" +")) {
            if (SCOPES.contains(s) && !scopes.contains(s)) {
                scopes.add(s);
            }
        }
        if (!scopes.contains("openid")) {
            throw refuse(resolvedRedirectUri, "invalid_scope", "scope must include openid");
        }
        if (state != null && state.length() > MAX_STATE) {
            throw refuse(resolvedRedirectUri, "invalid_request", "state is longer than " + MAX_STATE + " characters");
        }
        if (nonce != null && nonce.length() > MAX_NONCE) {
            throw refuse(resolvedRedirectUri, "invalid_request", "nonce is longer than " + MAX_NONCE + " characters");
        }
        if (codeChallenge != null || codeChallengeMethod != null) {
            if (!Pkce.S256.equals(codeChallengeMethod)) {
                throw refuse(resolvedRedirectUri, "invalid_request", "code_challenge_method must be S256");
            }
            if (!Pkce.validChallenge(codeChallenge)) {
                throw refuse(resolvedRedirectUri, "invalid_request", "code_challenge must be the base64url SHA-256 of the verifier");
            }
        } else if (type == ClientType.PUBLIC) {
            throw refuse(resolvedRedirectUri, "invalid_request", "a public client must send a PKCE code_challenge (S256)");
        }
        List<String> prompts = prompt == null || prompt.isBlank() ? List.of() : List.of(prompt.trim().split(" +"));
        if (!PROMPTS.containsAll(prompts) || prompts.contains("none") && prompts.size() > 1) {
            throw refuse(resolvedRedirectUri, "invalid_request", "prompt must be none, or any of login, consent, select_account");
        }
        Integer age = null;
        if (maxAge != null) {
            if (!MAX_AGE.matcher(maxAge).matches()) {
                throw refuse(resolvedRedirectUri, "invalid_request", "max_age must be a number of seconds");
            }
            age = Integer.valueOf(maxAge);
        }
        if (loginHint != null && loginHint.length() > MAX_LOGIN_HINT) {
            throw refuse(resolvedRedirectUri, "invalid_request", "login_hint is longer than " + MAX_LOGIN_HINT + " characters");
        }
        return new Authorization(clientId, clientName, resolvedRedirectUri, String.join(" ", scopes), state, blankToNull(nonce),
                codeChallenge, prompts.contains("login"), prompts.contains("none"), age, blankToNull(loginHint));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private OidcError refuse(String redirect, String error, String description) {
        return new OidcError(error, description, redirect, state != null && state.length() <= MAX_STATE ? state : null);
    }
}
