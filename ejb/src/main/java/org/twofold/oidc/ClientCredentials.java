package org.twofold.oidc;

/**
 * How a client said who it is at the token endpoint (OpenID Connect Core §9): {@code client_secret_basic}
 * (HTTP Basic), {@code client_secret_post} (form fields), or {@code none} (a public client: its id
 * alone, the code's PKCE verifier being the proof).
 *
 * @param clientId the client id
 * @param secret the secret, or null ({@code none})
 * @param method the method used, for the audit
 */
public record ClientCredentials(String clientId, String secret, String method) {
    @Override
    public String toString() {
        return "ClientCredentials[" + clientId + ", " + method + "]"; // never the secret
    }
}
