package org.twofold.oidc;

import java.io.Serializable;
import java.time.Instant;

/**
 * A checked authentication request waiting for its login: which client, where its answer goes, and
 * what the login must satisfy. Serializable: it waits in the page session while the person logs in.
 *
 * @param forceLogin {@code prompt=login}: a new login, whatever the session holds
 * @param noPrompt {@code prompt=none}: answer at once, {@code login_required} if a login would be needed
 * @param maxAge {@code max_age} in seconds, or null
 * @param loginHint the username to start with, or null
 */
public record Authorization(String clientId, String clientName, String redirectUri, String scope, String state, String nonce,
        String codeChallenge, boolean forceLogin, boolean noPrompt, Integer maxAge, String loginHint) implements Serializable {

    /**
     * Whether the session's login (its user, the factor that completed it, and when) answers this
     * request without a new one: not {@code prompt=login}; the hinted user, if any; and with
     * {@code max_age}, a second factor (not a remembered browser) proven no more than that long ago
     * (OpenID Connect Core §3.1.2.1: "the End-User MUST be actively re-authenticated").
     */
    public boolean satisfiedBy(String username, String factor, Instant authTime, Instant now) {
        if (forceLogin || username == null || factor == null || authTime == null) {
            return false;
        }
        if (loginHint != null && !loginHint.equalsIgnoreCase(username)) {
            return false;
        }
        if (maxAge != null) {
            return AuthenticationMethods.of(factor).multiFactor() && !now.isAfter(authTime.plusSeconds(maxAge));
        }
        return true;
    }

    /** Whether the login this request leads to must prove a second factor (no remembered browser). */
    public boolean needsFreshFactor() {
        return forceLogin || maxAge != null;
    }
}
