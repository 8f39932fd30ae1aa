package org.twofold.oidc;

/**
 * The token endpoint's successful answer (OpenID Connect Core §3.1.3.3): a bearer access token for
 * the userinfo endpoint, the ID token, how long the access token is valid and the granted scope.
 */
public record TokenAnswer(String accessToken, String idToken, long expiresIn, String scope) {
    @Override
    public String toString() {
        return "TokenAnswer[expiresIn=" + expiresIn + ", scope=" + scope + "]"; // never the tokens
    }
}
