package org.twofold.oidc;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.secret.Secrets;

/**
 * Registering and disabling relying parties. The client id ({@code OC} and 18 letters and digits)
 * and a confidential client's secret (256 random bits, base64url) are generated here; the secret is
 * returned once and kept only as a keyed hash ({@link org.twofold.secret.CodeHasher}), checked in
 * constant time. Every change and every refused change is audited.
 */
@Stateless
public class OidcClients {
    static final int MAX_NAME = 100;

    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

    @Inject
    private AuditTrail audit;

    @Inject
    private Secrets secrets;

    @Inject
    private Clock clock;

    /**
     * Registers a client.
     *
     * @throws TwofoldException {@code MISSING_FIELD} or {@code INVALID_VALUE} (audited) for a blank or
     *     taken name, a redirect URI that is not an absolute https URL, or an unknown type
     */
    public NewOidcClient create(Actor actor, String name, String redirectUris, String type) {
        String n = name == null ? "" : name.trim();
        if (n.isEmpty() || n.length() > MAX_NAME) {
            throw refused(actor, AuditAction.OIDC_CLIENT_CREATE, n.isEmpty() ? ErrorCode.MISSING_FIELD : ErrorCode.INVALID_VALUE,
                    "name is required, at most " + MAX_NAME + " characters", "name");
        }
        RedirectUris uris;
        ClientType t;
        try {
            uris = RedirectUris.parse(redirectUris);
        } catch (TwofoldException e) {
            throw refused(actor, AuditAction.OIDC_CLIENT_CREATE, e.code(), e.getMessage(), "redirectUris");
        }
        try {
            t = ClientType.parse(type);
        } catch (TwofoldException e) {
            throw refused(actor, AuditAction.OIDC_CLIENT_CREATE, e.code(), e.getMessage(), "type");
        }
        if (em.createNamedQuery(OidcClient.BY_NAME, OidcClient.class).setParameter("name", n).getResultStream().findFirst().isPresent()) {
            throw refused(actor, AuditAction.OIDC_CLIENT_CREATE, ErrorCode.INVALID_VALUE, "a client named " + n + " already exists", "name");
        }
        String clientId = secrets.codes().identifier("OC", 18);
        String secret = t == ClientType.CONFIDENTIAL ? secrets.codes().secret() : null;
        em.persist(new OidcClient(clientId, n, t, uris, secret == null ? null : secretHash(clientId, secret), clock.instant()));
        audit.record(actor, null, AuditAction.OIDC_CLIENT_CREATE, "done", null, clientId + " " + n + " " + t.keyword() + " " + String.join(" ", uris.uris()));
        return new NewOidcClient(clientId, n, t, uris.uris(), secret);
    }

    /**
     * Disables a client, named by its client id or its name: it can no longer start a login or
     * redeem a code.
     *
     * @throws TwofoldException {@code INVALID_VALUE} (audited) if no client has this id or name
     */
    public void disable(Actor actor, String clientIdOrName) {
        String key = clientIdOrName == null ? "" : clientIdOrName.trim();
        OidcClient client = find(key).or(() -> em.createNamedQuery(OidcClient.BY_NAME, OidcClient.class).setParameter("name", key)
                .getResultStream().findFirst())
                .orElseThrow(() -> refused(actor, AuditAction.OIDC_CLIENT_DISABLE, ErrorCode.INVALID_VALUE, "no OpenID Connect client with this id or name", "client"));
        client.disable();
        audit.record(actor, null, AuditAction.OIDC_CLIENT_DISABLE, "done", null, client.getClientId() + " " + client.getName());
    }

    /** Each enabled client's id and name, for the console. */
    public Map<String, String> enabled() {
        Map<String, String> out = new TreeMap<>();
        em.createQuery("SELECT c FROM OidcClient c WHERE c.enabled = 'Y'", OidcClient.class).getResultStream()
                .forEach(c -> out.put(c.getClientId(), c.getName() + " (" + c.getType().keyword() + ")"));
        return out;
    }

    private Optional<OidcClient> find(String clientId) {
        return OidcClient.find(em, clientId);
    }

    private String secretHash(String clientId, String secret) {
        return secrets.hasher().hash(OidcClient.SECRET_PURPOSE, 0, clientId + ":" + secret);
    }

    private TwofoldException refused(Actor actor, AuditAction action, ErrorCode code, String message, String field) {
        audit.recordRefusal(actor, null, action, code == ErrorCode.MISSING_FIELD ? "missing_field" : "invalid_value", field);
        return new TwofoldException(code, message);
    }
}
