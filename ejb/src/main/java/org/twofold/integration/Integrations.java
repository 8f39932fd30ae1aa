package org.twofold.integration;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.nio.charset.StandardCharsets;
import jakarta.ejb.EJBException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.twofold.DisplayName;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.secret.Secrets;
import org.twofold.site.Settings;

/**
 * Creating and disabling integrations and checking their credentials: WS-Security PasswordText, or
 * PasswordDigest with a fresh timestamp and a nonce used once ({@link UsernameTokenDigest},
 * {@link Nonces}), then the integration's request rate ({@link IntegrationRates}). The secret is
 * 40 random letters and digits (238 bits; older integrations' 43 URL-safe characters, 256 bits), so it is checked by a constant-time comparison rather than a password-grade hash
 * (no brute force can guess it, and the hot path stays cheap); PasswordText is checked against
 * {@link IntegrationCache} without a query or a decryption. Every refusal is audited.
 */
@Stateless
public class Integrations {
    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    @Inject
    private Secrets secrets;

    @Inject
    private Clock clock;

    @EJB
    private Nonces nonces;

    @Inject
    private IntegrationRates rates;

    @Inject
    private IntegrationCache cache;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    public IntegrationCredentials create(Actor actor, String name) {
        String n;
        try {
            n = DisplayName.checked(name, "integration");
        } catch (TwofoldException e) {
            throw audit.refused(actor, null, AuditAction.INTEGRATION_CREATE, e, "name");
        }
        String key = secrets.codes().identifier("DI", 18);
        String secret = secrets.codes().integrationSecret();
        em.persist(new Integration(n, key, secrets.box().seal(secret.getBytes(StandardCharsets.UTF_8), Integration.SECRET_PURPOSE), clock.instant()));
        audit.record(actor, null, AuditAction.INTEGRATION_CREATE, "done", null, n + " " + key);
        return new IntegrationCredentials(n, key, secret);
    }

    /**
     * The integration whose key is {@code key} and whose secret is {@code password} (WS-Security
     * PasswordText), within its request rate.
     *
     * @throws TwofoldException {@code INVALID_CREDENTIALS} after an audited refusal; {@code
     *     TOO_MANY_REQUESTS} over the integration's rate
     */
    public Integration authenticate(String key, String password, String origin) {
        Optional<IntegrationCache.Known> known = key == null || key.length() > 32 ? Optional.empty()
                : cache.get(key, k -> find(k).map(i -> new IntegrationCache.Loaded(i, secretOf(i))));
        boolean ok = known.isPresent() && known.get().integration().isEnabled() && known.get().matches(password);
        return admitted(known.map(IntegrationCache.Known::integration), ok ? null : "wrong_secret", key, origin);
    }

    /**
     * The integration whose key is {@code key}, checked by a WS-Security PasswordDigest (OASIS
     * UsernameToken Profile 1.1 §3.1, see {@link UsernameTokenDigest}): the digest must match the
     * secret, {@code created} lie within five minutes of now, and the nonce not have been used
     * before by this integration.
     *
     * @throws TwofoldException as {@link #authenticate}
     */
    public Integration authenticateDigest(String key, String digest, String nonce, String created, String origin) {
        Optional<Integration> found = find(key);
        String refusal = null;
        if (found.isPresent() && found.get().isEnabled()) {
            Optional<byte[]> n = UsernameTokenDigest.nonce(nonce);
            Optional<Instant> at = UsernameTokenDigest.created(created);
            if (n.isEmpty() || at.isEmpty()) {
                refusal = "digest_without_nonce_or_created";
            } else if (!UsernameTokenDigest.matches(digest, n.get(), created.trim(), secretOf(found.get()))) {
                refusal = "wrong_secret";
            } else if (!UsernameTokenDigest.fresh(at.get(), clock.instant())) {
                refusal = "stale_timestamp";
            } else if (!firstUse(found.get().getIntegrationKey(), n.get(), UsernameTokenDigest.staleAfter(at.get()))) {
                refusal = "replayed_nonce";
            }
        }
        return admitted(found, refusal, key, origin);
    }

    /**
     * The integration whose key is {@code key}, checked by a request signature (HMAC of the request
     * under the secret, as Duo's Web API clients sign: {@link SignedRequest}): the signature must
     * match and the request's date lie within {@link UsernameTokenDigest#FRESHNESS} of now. Then, as
     * every door's credentials, the integration must be enabled and within its request rate — the
     * same rate its SOAP calls count against.
     *
     * @throws TwofoldException as {@link #authenticate}; refusals are audited ({@code wrong_signature},
     *     {@code stale_date}, {@code unknown_integration}, {@code integration_disabled})
     */
    public Integration authenticateSigned(String key, SignedRequest request, String origin) {
        return signed(key, request, origin, true);
    }

    /**
     * As {@link #authenticateSigned}, for Duo's legacy REST v1 signature ({@code /rest/v1}, spoken
     * by duo_unix 1.x: Debian 12's {@code pam_duo} and {@code login_duo}), which signs the method,
     * host, path and parameters but no date: the request's date, if any, is not checked. Such a
     * request, if captured, could be sent again at any later time; the door that accepts it is
     * served over HTTPS only by the clients that speak it (they verify the server's certificate),
     * and what a replay could do is bounded by the domain's own rules (a passcode is accepted once;
     * a push still needs its owner's approval). Therefore off unless the operator turned it on
     * ({@code TWOFOLD_DUO_REST_V1=true}): otherwise every such request is refused, audited ({@code
     * rest_v1_off}), before its signature is even read. Refusals as {@link #authenticateSigned}
     * (never {@code stale_date}).
     *
     * @throws TwofoldException {@code NOT_PERMITTED} while REST v1 is off
     */
    public Integration authenticateUndated(String key, SignedRequest request, String origin) {
        if (!Settings.current().getBoolean(Settings.DUO_REST_V1)) {
            audit.recordRequestRefusal(Actor.integration(key == null ? Actor.UNKNOWN : key, origin), AuditAction.INTEGRATION_AUTHENTICATE,
                    "rest_v1_off", "TWOFOLD_DUO_REST_V1 is not true");
            throw new TwofoldException(ErrorCode.NOT_PERMITTED, "duo_unix's REST v1 (undated signatures) is turned off: TWOFOLD_DUO_REST_V1");
        }
        return signed(key, request, origin, false);
    }

    private Integration signed(String key, SignedRequest request, String origin, boolean dated) {
        Optional<Integration> found = find(key);
        String refusal = null;
        if (found.isPresent() && found.get().isEnabled()) {
            byte[] secret = secretOf(found.get());
            try {
                if (!request.matches(secret)) {
                    refusal = "wrong_signature";
                } else if (dated && (request.date() == null || !UsernameTokenDigest.fresh(request.date(), clock.instant()))) {
                    refusal = "stale_date";
                }
            } finally {
                java.util.Arrays.fill(secret, (byte) 0);
            }
        }
        return admitted(found, refusal, key, origin);
    }

    /**
     * The integration whose key is {@code key}, checked by a credential made with its secret that
     * {@code check} verifies (a JWT's HMAC and claims, as Duo's Web SDK v4 signs its requests and
     * client assertions: {@code org.twofold.universal}): {@code check} gets the secret (zeroed
     * after) and answers null when the credential passed, else why not. Then, as every door's
     * credentials, the integration must be enabled and within its request rate.
     *
     * @throws TwofoldException as {@link #authenticate}; refusals are audited with {@code check}'s
     *     reason, {@code unknown_integration} or {@code integration_disabled}
     */
    public Integration authenticateWith(String key, Function<byte[], String> check, String origin) {
        Optional<Integration> found = find(key);
        String refusal = null;
        if (found.isPresent() && found.get().isEnabled()) {
            byte[] secret = secretOf(found.get());
            try {
                refusal = check.apply(secret);
            } finally {
                java.util.Arrays.fill(secret, (byte) 0);
            }
        }
        return admitted(found, refusal, key, origin);
    }

    /** What {@code use} makes with the secret of an integration (zeroed after), e.g. a signed answer to it. */
    public <T> T withSecret(Integration integration, Function<byte[], T> use) {
        byte[] secret = secretOf(integration);
        try {
            return use.apply(secret);
        } finally {
            java.util.Arrays.fill(secret, (byte) 0);
        }
    }

    /** Disables an integration: its credentials are refused from now on. */
    public void disable(Actor actor, String key) {
        Integration integration = find(key).orElseThrow(() -> {
            audit.recordRefusal(actor, null, AuditAction.INTEGRATION_DISABLE, "unknown_integration", key);
            return new TwofoldException(ErrorCode.INVALID_VALUE, "no integration with this key");
        });
        integration.disable();
        // Evicted now and again once the change is committed, so that no request in between caches the old state.
        String evicted = integration.getIntegrationKey();
        cache.evict(evicted);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                cache.evict(evicted);
            }
        });
        audit.record(actor, null, AuditAction.INTEGRATION_DISABLE, "done", null, integration.getName() + " " + integration.getIntegrationKey());
    }

    private Optional<Integration> find(String key) {
        return key == null || key.length() > 32 ? Optional.empty()
                : em.createNamedQuery(Integration.BY_KEY, Integration.class).setParameter("key", key).getResultList().stream().findFirst();
    }

    private byte[] secretOf(Integration integration) {
        return secrets.box().open(integration.sealedSecret(), Integration.SECRET_PURPOSE);
    }

    private boolean firstUse(String key, byte[] nonce, Instant staleAfter) {
        try {
            return nonces.firstUse(key, nonce, staleAfter);
        } catch (EJBException e) {
            return false;
        }
    }

    /** The found integration if its credentials passed ({@code refusal} null) and it is within its rate; else an audited refusal. */
    private Integration admitted(Optional<Integration> found, String refusal, String key, String origin) {
        Actor actor = Actor.integration(key == null ? "?" : key, origin);
        if (found.isEmpty() || !found.get().isEnabled() || refusal != null) {
            String reason = found.isEmpty() ? "unknown_integration" : !found.get().isEnabled() ? "integration_disabled" : refusal;
            audit.recordRequestRefusal(actor, AuditAction.INTEGRATION_AUTHENTICATE, reason, null);
            throw new TwofoldException(ErrorCode.INVALID_CREDENTIALS);
        }
        IntegrationRates.Admission admission = rates.admit(found.get().getIntegrationKey());
        if (admission != IntegrationRates.Admission.PASSED) {
            if (admission == IntegrationRates.Admission.FIRST_REFUSED) {
                audit.recordRefusal(actor, null, AuditAction.INTEGRATION_RATE, "too_many_requests", "over " + rates.perMinute() + " per minute");
            }
            throw new TwofoldException(ErrorCode.TOO_MANY_REQUESTS, "Too many requests from this integration: at most "
                    + rates.perMinute() + " per minute. Try again shortly.");
        }
        return found.get();
    }
}
