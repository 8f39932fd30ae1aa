package org.twofold.integration;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditTrail;
import org.twofold.secret.Secrets;

/**
 * Creating integrations and checking their credentials. The secret is 256 random bits, so it is
 * checked by a constant-time comparison rather than a password-grade hash (no brute force can
 * guess it); a wrong or unknown key is refused with an audit row.
 */
@Stateless
public class Integrations {
    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

    @Inject
    private AuditTrail audit;

    @Inject
    private Secrets secrets;

    @Inject
    private Clock clock;

    public IntegrationCredentials create(Actor actor, String name) {
        if (name == null || name.isBlank()) {
            throw new TwofoldException(ErrorCode.MISSING_FIELD, "name is required");
        }
        String key = secrets.codes().identifier("DI", 18);
        String secret = secrets.codes().secret();
        em.persist(new Integration(name.trim(), key, secrets.box().seal(secret.getBytes(StandardCharsets.UTF_8), Integration.SECRET_PURPOSE), clock.instant()));
        audit.record(actor, null, "integration.create", "done", null, name.trim() + " " + key);
        return new IntegrationCredentials(name.trim(), key, secret);
    }

    /**
     * The integration whose key is {@code key} and whose secret is {@code password} (WS-Security
     * PasswordText).
     *
     * @throws TwofoldException {@code INVALID_CREDENTIALS}, after an audited refusal
     */
    public Integration authenticate(String key, String password, String origin) {
        Optional<Integration> found = key == null ? Optional.empty()
                : em.createNamedQuery(Integration.BY_KEY, Integration.class).setParameter("key", key).getResultList().stream().findFirst();
        boolean ok = false;
        if (found.isPresent() && found.get().isEnabled() && password != null) {
            byte[] expected = secrets.box().open(found.get().sealedSecret(), Integration.SECRET_PURPOSE);
            ok = MessageDigest.isEqual(expected, password.getBytes(StandardCharsets.UTF_8));
        }
        if (!ok) {
            String reason = found.isEmpty() ? "unknown_integration" : !found.get().isEnabled() ? "integration_disabled" : "wrong_secret";
            audit.recordRefusal(Actor.integration(key == null ? "?" : key, origin), null, "integration.authenticate", reason, null);
            throw new TwofoldException(ErrorCode.INVALID_CREDENTIALS);
        }
        return found.get();
    }
}
