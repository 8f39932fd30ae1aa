package org.twofold.universal;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.integration.Integration;
import org.twofold.integration.Integrations;
import org.twofold.integration.Nonces;
import org.twofold.secret.Secrets;

/**
 * Duo's OIDC Auth API as Duo Web SDK v4 calls it, over Twofold's integrations (an integration's key
 * and secret are the SDK's client id and secret): {@link #healthCheck}, {@link #authorize} (the
 * signed request that brings the user to Twofold's prompt), {@link #complete} (the prompt's second
 * factor passed: a code for the application) and {@link #token} (the code exchanged for the ID
 * token). Every credential is checked by {@link Integrations#authenticateWith} (enabled, the
 * integration's request rate, refusals audited as {@code integration.authenticate}); the rules of
 * the request, the assertions and the codes are here, their refusals audited as {@code
 * universal.authorize} and {@code universal.token}. The second factor itself is never decided here:
 * the prompt asks the authentication facade, as for every login.
 */
@Stateless
public class UniversalPrompt {
    /** How long a code may wait to be exchanged (RFC 6749 §4.1.2 recommends at most ten minutes). */
    public static final Duration CODE_LIFETIME = Duration.ofSeconds(60);
    /** How the prompt calls a login of a user whose status is bypass (no factor asked, as preauth decides). */
    public static final String BYPASS_USER = "bypass_user";
    /** How long a used or expired code is kept, so that a replay is told apart (and audited) from a made-up code. */
    static final Duration CODE_KEPT = Duration.ofMinutes(10);

    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    @EJB
    private Integrations integrations;

    @EJB
    private Nonces nonces;

    @Inject
    private Secrets secrets;

    @Inject
    private Clock clock;

    /** What the token endpoint answers: the signed ID token, an opaque access token, and how long they live. */
    public record TokenAnswer(String idToken, String accessToken, long expiresIn) {
    }

    /**
     * Duo's health check: the client's assertion ({@link ClientAssertion}, audience {@code
     * https://<apiHost>/oauth/v1/health_check}) is right and fresh; answers the server's time.
     *
     * @throws TwofoldException {@code INVALID_CREDENTIALS} (audited), {@code TOO_MANY_REQUESTS}
     */
    public Instant healthCheck(String clientId, String assertion, String apiHost, String origin) {
        admitAssertion(clientId, assertion, "https://" + apiHost + Endpoints.HEALTH_CHECK, origin);
        return clock.instant();
    }

    /**
     * Duo's authorization request: {@code request} verified as {@link AuthorizationRequest} for
     * {@code clientId} (the query's), used once; audited. The user then passes the second factor on
     * Twofold's prompt.
     *
     * @throws TwofoldException {@code INVALID_CREDENTIALS} for a request that is not the integration's
     *     (wrong signature, expired, replayed, ...: audited as {@code integration.authenticate} with the
     *     cause), {@code INVALID_VALUE} for a request that is not Duo's ({@code universal.authorize} refused)
     */
    public UniversalLogin authorize(String clientId, String responseType, String queryRedirectUri, String request, String apiHost, String origin) {
        Actor caller = Actor.integration(clientId == null ? Actor.UNKNOWN : clip(clientId), origin);
        if (responseType != null && !"code".equals(responseType)) {
            audit.recordRequestRefusal(caller, AuditAction.UNIVERSAL_AUTHORIZE, "unsupported_response_type", clip(responseType));
            throw new TwofoldException(ErrorCode.INVALID_VALUE, "unsupported_response_type");
        }
        if (request == null || request.isBlank()) {
            audit.recordRequestRefusal(caller, AuditAction.UNIVERSAL_AUTHORIZE, "missing_request", null);
            throw new TwofoldException(ErrorCode.MISSING_FIELD, "invalid_request");
        }
        AtomicReference<AuthorizationRequest> verified = new AtomicReference<>();
        Instant now = clock.instant();
        Integration integration = integrations.authenticateWith(clientId, secret -> {
            try {
                AuthorizationRequest r = AuthorizationRequest.verify(request, clientId, secret, apiHost, queryRedirectUri, now);
                if (!firstUse(clientId, "request " + r.replayKey(), r.expiresAt().plus(SignedClaims.LEEWAY))) {
                    return "replayed_request";
                }
                verified.set(r);
                return null;
            } catch (UniversalRefusal e) {
                return e.reason();
            }
        }, origin);
        AuthorizationRequest r = verified.get();
        audit.record(caller, r.username(), AuditAction.UNIVERSAL_AUTHORIZE, "done", null, "return to " + r.redirectUri());
        return new UniversalLogin(integration.getIntegrationKey(), integration.getName(), r.username(), r.redirectUri(), r.state(), r.nonce(),
                r.duoCodeAttribute());
    }

    /**
     * The prompt's second factor passed for {@code login}'s user ({@code factor}: how, in the
     * facade's words, or {@code bypass_user}): a code, single-use, valid {@link #CODE_LIFETIME},
     * bound to the client and the redirect URI; answers where the browser goes — the redirect URI
     * with {@code duo_code} (or {@code code}) and {@code state}. Audited as {@code universal.code}.
     */
    public String complete(Actor actor, UniversalLogin login, String factor) {
        Instant now = clock.instant();
        em.createQuery("DELETE FROM UniversalCode c WHERE c.expiresAt < :old").setParameter("old", now.minus(CODE_KEPT)).executeUpdate();
        String code = secrets.codes().secret();
        String hash = sha256(code);
        em.persist(new UniversalCode(hash, login, factor, actor.origin(), now, now.plus(CODE_LIFETIME)));
        audit.record(actor, login.username(), AuditAction.UNIVERSAL_CODE, "done", null,
                login.clientId() + " " + factor + " code " + hash.substring(0, 12) + " to " + login.redirectUri());
        return login.redirectUri() + (login.redirectUri().contains("?") ? "&" : "?") + (login.duoCodeAttribute() ? "duo_code" : "code") + "="
                + URLEncoder.encode(code, StandardCharsets.UTF_8) + "&state=" + URLEncoder.encode(login.state(), StandardCharsets.UTF_8);
    }

    /**
     * Duo's token request: the client's assertion (audience {@code https://<apiHost>/oauth/v1/token},
     * used once) and {@code grant_type=authorization_code} with a code issued to this client for
     * this {@code redirectUri}, not expired and never redeemed before. Answers the ID token
     * ({@link IdToken}, signed with the client's secret); audited as {@code universal.token}.
     *
     * @throws TwofoldException {@code INVALID_CREDENTIALS} for the assertion (audited as {@code
     *     integration.authenticate}); {@code INVALID_VALUE} with the OAuth error ({@code
     *     invalid_grant}, {@code unsupported_grant_type}, {@code invalid_request}) otherwise, audited
     *     with the cause ({@code unknown_code}, {@code code_replayed}, {@code code_expired}, {@code
     *     redirect_uri_mismatch}, {@code code_of_another_client}, ...)
     */
    public TokenAnswer token(String grantType, String code, String redirectUri, String assertionType, String assertion, String apiHost, String origin) {
        String clientId = ClientAssertion.claimedClient(assertion);
        Actor caller = Actor.integration(clientId == null ? Actor.UNKNOWN : clip(clientId), origin);
        if (!ClientAssertion.TYPE.equals(assertionType)) {
            audit.recordRequestRefusal(caller, AuditAction.UNIVERSAL_TOKEN, "unsupported_assertion_type", clip(assertionType));
            throw new TwofoldException(ErrorCode.INVALID_CREDENTIALS, "invalid_client");
        }
        Integration integration = admitAssertion(clientId, assertion, "https://" + apiHost + Endpoints.TOKEN, origin);
        if (!"authorization_code".equals(grantType)) {
            audit.recordRefusal(caller, null, AuditAction.UNIVERSAL_TOKEN, "unsupported_grant_type", clip(grantType));
            throw new TwofoldException(ErrorCode.INVALID_VALUE, "unsupported_grant_type");
        }
        if (code == null || code.isBlank() || redirectUri == null || redirectUri.isBlank()) {
            audit.recordRefusal(caller, null, AuditAction.UNIVERSAL_TOKEN, "missing_field", code == null || code.isBlank() ? "code" : "redirect_uri");
            throw new TwofoldException(ErrorCode.MISSING_FIELD, "invalid_request");
        }
        Instant now = clock.instant();
        String hash = sha256(code.trim());
        UniversalCode found = code.length() > 200 ? null : em.find(UniversalCode.class, hash);
        String refusal = found == null ? "unknown_code" : found.refusal(integration.getIntegrationKey(), redirectUri.trim(), now);
        if (refusal == null && em.createQuery("UPDATE UniversalCode c SET c.redeemedAt = :now WHERE c.codeHash = :h AND c.redeemedAt IS NULL")
                .setParameter("now", now).setParameter("h", hash).executeUpdate() != 1) {
            refusal = "code_replayed"; // redeemed meanwhile, perhaps on another node
        }
        if (refusal != null) {
            audit.recordRefusal(caller, found == null ? null : found.username(), AuditAction.UNIVERSAL_TOKEN, refusal,
                    "code " + hash.substring(0, 12) + (found == null ? "" : " for " + redirectUri.trim()));
            throw new TwofoldException(ErrorCode.INVALID_VALUE, "invalid_grant");
        }
        IdToken.Claims claims = new IdToken.Claims("https://" + apiHost + Endpoints.TOKEN, integration.getIntegrationKey(), integration.getName(),
                found.username(), found.nonce(), found.authTime(), found.factor(), found.origin(), hash.substring(0, 32));
        String idToken = integrations.withSecret(integration, secret -> IdToken.sign(secret, claims, now));
        audit.record(caller, found.username(), AuditAction.UNIVERSAL_TOKEN, "done", null, "code " + hash.substring(0, 12) + " " + found.factor());
        return new TokenAnswer(idToken, secrets.codes().secret(), IdToken.LIFETIME.toSeconds());
    }

    /** The integration whose assertion for {@code audience} is right, fresh and used for the first time. */
    private Integration admitAssertion(String clientId, String assertion, String audience, String origin) {
        Instant now = clock.instant();
        return integrations.authenticateWith(clientId, secret -> {
            try {
                ClientAssertion a = ClientAssertion.verify(assertion, clientId, secret, audience, now);
                return firstUse(clientId, "assertion " + a.jti(), a.expiresAt().plus(SignedClaims.LEEWAY)) ? null : "replayed_assertion";
            } catch (UniversalRefusal e) {
                return e.reason();
            }
        }, origin);
    }

    /** Records a JWT's identity as used by {@code clientId} until {@code staleAfter} (the nonces of WS-Security, as SHA-256); false if it was before. */
    private boolean firstUse(String clientId, String what, Instant staleAfter) {
        try {
            return nonces.firstUse(clientId, digest(what), staleAfter);
        } catch (EJBException e) {
            return false;
        }
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String text) {
        return java.util.HexFormat.of().formatHex(digest(text));
    }

    private static String clip(String s) {
        return s == null ? null : s.length() > 32 ? s.substring(0, 32) : s;
    }
}
