package org.twofold.oidc;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.twofold.DisplayName;
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

    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

    @EJB
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
        String n;
        try {
            n = DisplayName.checked(name, "OpenID Connect client");
        } catch (TwofoldException e) {
            throw audit.refused(actor, null, AuditAction.OIDC_CLIENT_CREATE, e, "name");
        }
        RedirectUris uris;
        ClientType t;
        try {
            uris = RedirectUris.parse(redirectUris);
        } catch (TwofoldException e) {
            throw audit.refused(actor, null, AuditAction.OIDC_CLIENT_CREATE, e, "redirectUris");
        }
        try {
            t = ClientType.parse(type);
        } catch (TwofoldException e) {
            throw audit.refused(actor, null, AuditAction.OIDC_CLIENT_CREATE, e, "type");
        }
        if (em.createNamedQuery(OidcClient.BY_NAME, OidcClient.class).setParameter("name", n).getResultStream().findFirst().isPresent()) {
            throw audit.refused(actor, null, AuditAction.OIDC_CLIENT_CREATE, new TwofoldException(ErrorCode.INVALID_VALUE, "a client named " + n + " already exists"), "name");
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
                .orElseThrow(() -> audit.refused(actor, null, AuditAction.OIDC_CLIENT_DISABLE, new TwofoldException(ErrorCode.INVALID_VALUE, "no OpenID Connect client with this id or name"), "client"));
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
}
