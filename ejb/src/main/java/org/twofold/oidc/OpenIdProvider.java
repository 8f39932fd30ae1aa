package org.twofold.oidc;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.secret.Secrets;
import org.twofold.site.Settings;
import org.twofold.user.User;
import org.twofold.user.Users;

/**
 * The OpenID Connect provider's decisions (OpenID Connect Core 1.0, authorization code flow; RFC
 * 6749; RFC 7636): which authentication requests are served, the authorization codes a login earns
 * (single-use, {@link #CODE_VALIDITY}, bound to client, redirect URI, PKCE challenge and nonce), what
 * the token endpoint answers for one, and what the userinfo endpoint says. The login itself is the
 * login prompt's (the same pages, factors, throttles and lockout as every other door); this class
 * starts after it. Every decision is audited (area {@code oidc}); refusals with their cause.
 *
 * <p>{@code sub} is stable and not the username: base64url of an HMAC, under a key derived from the
 * data key, of the user's internal id — the same for every client, unchanged if the user is renamed,
 * new if a user of the same name is created again, and revealing neither name nor id.
 */
@Stateless
public class OpenIdProvider {
    /** How long an authorization code may be redeemed (RFC 6749 §4.1.2 recommends at most ten minutes). */
    public static final Duration CODE_VALIDITY = Duration.ofSeconds(60);
    /** How long codes are kept after they expired (to tell a replay from an unknown code in the audit). */
    static final Duration CODE_KEPT = Duration.ofHours(1);

    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

    @EJB
    private SigningKeys keys;

    @EJB
    private Users users;

    @Inject
    private Secrets secrets;

    @EJB
    private AuditTrail audit;

    @Inject
    private Clock clock;

    /** The issuer identifier: {@code TWOFOLD_PUBLIC_URL} without its final {@code /}. */
    public static String issuer() {
        String url = Settings.current().publicUrl();
        return url.substring(0, url.length() - 1);
    }

    /** The published signing keys (public parts) as a JWK set document (RFC 7517 §5), for the JWK set endpoint. */
    public String jwks() {
        return keys.ring().published(clock.instant()).toString();
    }

    /**
     * Checks an authentication request: first its client (known, enabled) and redirect URI (registered,
     * exactly) — refused without redirect if either is wrong — then the rest, refused back to the
     * application.
     *
     * @throws OidcError (audited) what is wrong
     */
    public Authorization authorize(Actor actor, AuthorizationRequest request) {
        Optional<OidcClient> found = OidcClient.find(em, request.clientId());
        if (found.isEmpty() || !found.get().isEnabled()) {
            throw refuse(actor, null, AuditAction.OIDC_AUTHORIZE, found.isEmpty() ? "unknown_client" : "client_disabled", request.clientId(),
                    new OidcError("invalid_request", "unknown or disabled client_id"));
        }
        OidcClient client = found.get();
        RedirectUris registered = client.redirectUris();
        String redirect = request.redirectUri() == null ? registered.only() : request.redirectUri();
        if (!registered.contains(redirect)) {
            throw refuse(actor, null, AuditAction.OIDC_AUTHORIZE, "redirect_uri_mismatch", client.getClientId() + " " + request.redirectUri(),
                    new OidcError("invalid_request", "redirect_uri is not registered for this client"));
        }
        try {
            return request.validate(client.getName(), client.getType(), redirect);
        } catch (OidcError e) {
            throw refuse(actor, null, AuditAction.OIDC_AUTHORIZE, e.error(), client.getClientId() + ": " + e.description(), e);
        }
    }

    /**
     * Issues a code for {@code username}, who logged in at {@code authTime} with {@code factor} (the
     * login prompt's keyword), to the client of {@code authorization}.
     *
     * @return the code, to send to the redirect URI
     */
    public String issueCode(Actor actor, Authorization authorization, String username, String factor, Instant authTime) {
        Instant now = clock.instant();
        em.createNamedQuery(AuthorizationCode.SWEEP).setParameter("before", now.minus(CODE_KEPT)).executeUpdate();
        String code = secrets.codes().secret();
        em.persist(new AuthorizationCode(codeHash(code), authorization, username, factor, authTime, now.plus(CODE_VALIDITY)));
        audit.record(actor, username, AuditAction.OIDC_AUTHORIZE, "allow", null,
                authorization.clientId() + " " + String.join(" ", AuthenticationMethods.of(factor).amr()));
        return code;
    }

    /**
     * Redeems a code at the token endpoint (OpenID Connect Core §3.1.3.2): the client authenticated
     * as registered; the code known, unused (it is spent by this attempt, whatever its outcome, so a
     * wrong verifier cannot be retried), not expired, issued to this client for this redirect URI; the
     * PKCE verifier matching its challenge; its user still allowed to log in.
     *
     * @throws OidcError (audited) {@code invalid_client}, {@code unsupported_grant_type},
     *     {@code invalid_request} or {@code invalid_grant}
     */
    public TokenAnswer redeem(Actor actor, ClientCredentials credentials, String grantType, String code, String redirectUri, String verifier) {
        Actor who = actor;
        Optional<OidcClient> found = OidcClient.find(em, credentials.clientId());
        if (found.isEmpty() || !found.get().isEnabled()) {
            throw refuse(who, null, AuditAction.OIDC_TOKEN, "unknown_client", credentials.clientId(), new OidcError("invalid_client", "client authentication failed"));
        }
        OidcClient client = found.get();
        boolean authenticated = client.getType() == ClientType.CONFIDENTIAL ? client.secretMatches(secrets.hasher(), credentials.secret()) : credentials.secret() == null;
        if (!authenticated) {
            throw refuse(who, null, AuditAction.OIDC_TOKEN, "bad_client_secret", client.getClientId() + " " + credentials.method(),
                    new OidcError("invalid_client", "client authentication failed"));
        }
        if (!"authorization_code".equals(grantType)) {
            throw refuse(who, null, AuditAction.OIDC_TOKEN, "unsupported_grant_type", client.getClientId() + " " + grantType,
                    new OidcError(grantType == null ? "invalid_request" : "unsupported_grant_type", "grant_type must be authorization_code"));
        }
        if (code == null || code.isEmpty() || code.length() > 100) {
            throw refuse(who, null, AuditAction.OIDC_TOKEN, "missing_code", client.getClientId(), new OidcError("invalid_request", "code is required"));
        }
        Optional<AuthorizationCode> stored = em.createNamedQuery(AuthorizationCode.BY_HASH, AuthorizationCode.class)
                .setParameter("hash", codeHash(code)).getResultStream().findFirst();
        if (stored.isEmpty()) {
            throw invalidGrant(who, null, "unknown_code", client.getClientId());
        }
        AuthorizationCode c = stored.get();
        // Spent now, in its own statement: of two redemptions at once, one updates the row, the other finds it used.
        if (c.isUsed() || em.createNamedQuery(AuthorizationCode.USE).setParameter("id", c.getId()).executeUpdate() != 1) {
            throw invalidGrant(who, c.getUsername(), "code_reused", client.getClientId());
        }
        Instant now = clock.instant();
        if (!now.isBefore(c.getExpiresAt())) {
            throw invalidGrant(who, c.getUsername(), "code_expired", client.getClientId());
        }
        if (!c.getClientId().equals(client.getClientId())) {
            throw invalidGrant(who, c.getUsername(), "wrong_client", client.getClientId() + " redeemed a code of " + c.getClientId());
        }
        if (redirectUri == null || !redirectUri.equals(c.getRedirectUri())) {
            throw invalidGrant(who, c.getUsername(), "redirect_uri_mismatch", client.getClientId() + " " + redirectUri);
        }
        if (c.getCodeChallenge() != null ? !Pkce.verifies(verifier, c.getCodeChallenge()) : verifier != null) {
            throw invalidGrant(who, c.getUsername(), verifier == null ? "pkce_verifier_missing" : "pkce_verifier_wrong", client.getClientId());
        }
        Optional<User> user = users.find(c.getUsername());
        if (user.isEmpty() || !user.get().mayAuthenticate()) {
            throw invalidGrant(who, c.getUsername(), "user_may_not_authenticate", client.getClientId());
        }
        TokenAnswer answer = tokens(client, user.get(), c, now);
        audit.record(who, c.getUsername(), AuditAction.OIDC_TOKEN, "allow", null, client.getClientId() + " " + credentials.method());
        // Flush the code's use with the tokens: the answer goes out only if the spend committed.
        em.flush();
        return answer;
    }

    private TokenAnswer tokens(OidcClient client, User user, AuthorizationCode c, Instant now) {
        KeyRing ring = keys.ring();
        String issuer = issuer();
        String sub = subject(user);
        JWTClaimsSet id = Tokens.idToken(issuer, sub, client.getClientId(), user.getUsername(), displayName(user), c.getAuthTime(), c.getFactor(), c.getNonce(), now);
        JWTClaimsSet access = Tokens.accessToken(issuer, sub, client.getClientId(), user.getUsername(), c.getScope(), secrets.codes().identifier("", 20), now);
        return new TokenAnswer(Tokens.sign(ring.signing(Tokens.ACCESS_TOKEN_ALGORITHM).orElseThrow(), Tokens.ACCESS_TOKEN_TYPE, access),
                Tokens.sign(ring.signing(Tokens.ID_TOKEN_ALGORITHM).orElseThrow(), JOSEObjectType.JWT, id),
                Tokens.LIFETIME.toSeconds(), c.getScope());
    }

    /**
     * The userinfo endpoint's claims (OpenID Connect Core §5.3) for a valid access token whose user
     * still exists (the same one: same {@code sub}) and may log in.
     *
     * @throws OidcError (audited) {@code invalid_token}
     */
    public Map<String, Object> userinfo(Actor actor, String accessToken) {
        Instant now = clock.instant();
        Optional<JWTClaimsSet> claims = accessToken == null ? Optional.empty()
                : Tokens.verify(accessToken, keys.ring().published(now), Tokens.ACCESS_TOKEN_ALGORITHM, Tokens.ACCESS_TOKEN_TYPE, issuer(), now);
        if (claims.isEmpty()) {
            throw refuse(actor, null, AuditAction.OIDC_USERINFO, "invalid_token", null, new OidcError("invalid_token", "the access token is not valid"));
        }
        String username = (String) claims.get().getClaim("preferred_username");
        Optional<User> user = username == null ? Optional.empty() : users.find(username);
        if (user.isEmpty() || !user.get().mayAuthenticate() || !subject(user.get()).equals(claims.get().getSubject())) {
            throw refuse(actor, username, AuditAction.OIDC_USERINFO, "user_may_not_authenticate", null,
                    new OidcError("invalid_token", "the access token's user may not log in"));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sub", claims.get().getSubject());
        out.put("preferred_username", user.get().getUsername());
        out.put("name", displayName(user.get()));
        audit.record(actor, username, AuditAction.OIDC_USERINFO, "allow", null, (String) claims.get().getClaim("client_id"));
        return out;
    }

    /**
     * RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): where to send the browser after
     * the session ended — {@code postLogoutRedirectUri} only if it is one of the redirect URIs
     * registered for the client named by {@code clientId} or by the {@code aud} of an ID token this
     * provider signed ({@code idTokenHint}, possibly expired); otherwise nowhere (the page says the
     * user is logged out).
     */
    public Optional<String> endSession(Actor actor, String username, String idTokenHint, String clientId, String postLogoutRedirectUri) {
        String client = clientId;
        if (client == null && idTokenHint != null) {
            Instant now = clock.instant();
            // an expired hint is still a hint: checked as if at its own issue time
            client = Tokens.verify(idTokenHint, keys.ring().published(now), Tokens.ID_TOKEN_ALGORITHM, JOSEObjectType.JWT, issuer(), Instant.EPOCH)
                    .map(JWTClaimsSet::getAudience).filter(a -> a.size() == 1).map(a -> a.get(0)).orElse(null);
        }
        Optional<OidcClient> found = OidcClient.find(em, client);
        Optional<String> target = postLogoutRedirectUri != null && found.isPresent() && found.get().isEnabled()
                && found.get().redirectUris().contains(postLogoutRedirectUri) ? Optional.of(postLogoutRedirectUri) : Optional.empty();
        if (postLogoutRedirectUri != null && target.isEmpty()) {
            audit.recordRefusal(actor, username, AuditAction.OIDC_END_SESSION, "post_logout_redirect_uri_not_registered", client + " " + postLogoutRedirectUri);
        }
        audit.record(actor, username, AuditAction.OIDC_END_SESSION, "done", null, client);
        return target;
    }

    /** The user's {@code sub}: stable, opaque, not the username (see the class comment). */
    private String subject(User user) {
        byte[] mac = Base64.getDecoder().decode(secrets.hasher().hash("oidc-sub", user.getId(), ""));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    private static String displayName(User user) {
        return user.getDisplayName() == null || user.getDisplayName().isBlank() ? user.getUsername() : user.getDisplayName();
    }

    private String codeHash(String code) {
        return secrets.hasher().hash(AuthorizationCode.HASH_PURPOSE, 0, code);
    }

    private OidcError invalidGrant(Actor actor, String username, String reason, String detail) {
        return refuse(actor, username, AuditAction.OIDC_TOKEN, reason, detail, new OidcError("invalid_grant", "the code is invalid, expired, already used, or was not issued for this request"));
    }

    private OidcError refuse(Actor actor, String username, AuditAction action, String reason, String detail, OidcError error) {
        audit.recordRefusal(actor, username, action, reason, detail);
        return error;
    }

    /** The scopes granted ({@link AuthorizationRequest#SCOPES}), for the metadata. */
    public static List<String> scopes() {
        return List.of("openid", "profile");
    }
}
