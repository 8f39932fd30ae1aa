package org.twofold.integration;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.secret.Secrets;

/**
 * The hosted login prompt for web applications (PRODUCT.md, "Integrations"): an application sends
 * the user to {@code /?app=<integration key>&state=<opaque>}; after both factors Twofold returns
 * the user to the application's registered URL with a {@link HostedResult} signed with the
 * integration secret, valid {@link #RESULT_LIFETIME}. Registering the URL is an administrator's
 * act over JMX.
 */
@Stateless
public class HostedPrompt {
    /** How long a result may wait to be verified by the application. */
    public static final Duration RESULT_LIFETIME = Duration.ofMinutes(5);
    /** The integration the bundled demo application ({@code /demo/app}) uses. */
    public static final String DEMO_APP_NAME = "Demo web app";

    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    @Inject
    private Secrets secrets;

    @Inject
    private Clock clock;

    private List<Integration> named(String name) {
        return em.createQuery("SELECT i FROM Integration i WHERE i.name = :n ORDER BY i.id", Integration.class)
                .setParameter("n", name == null ? "" : name.trim()).getResultList();
    }

    /** Registers where the hosted prompt returns users of the integration named {@code name}. */
    public void setReturnUrl(Actor actor, String name, String url) {
        List<Integration> found = named(name);
        if (found.size() != 1) {
            audit.recordRefusal(actor, null, AuditAction.INTEGRATION_RETURN_URL, found.isEmpty() ? "unknown_integration" : "ambiguous_name", name);
            throw new TwofoldException(ErrorCode.INVALID_VALUE, found.isEmpty() ? "no integration is named " + name
                    : "several integrations are named " + name);
        }
        String checked = ReturnUrl.check(url);
        found.get(0).setReturnUrl(checked);
        audit.record(actor, null, AuditAction.INTEGRATION_RETURN_URL, "done", null, found.get(0).getIntegrationKey() + " " + checked);
    }

    /**
     * The enabled integration {@code key} that has a registered return URL.
     *
     * @throws TwofoldException {@code UNKNOWN_APPLICATION} otherwise, after an audited refusal
     */
    public HostedApp app(Actor actor, String key) {
        Integration i = key == null || key.length() > 32 ? null
                : em.createNamedQuery(Integration.BY_KEY, Integration.class).setParameter("key", key.trim()).getResultList().stream().findFirst().orElse(null);
        if (i == null || !i.isEnabled() || i.getReturnUrl() == null) {
            audit.recordRequestRefusal(actor, AuditAction.HOSTED_PROMPT, i == null ? "unknown_application" : !i.isEnabled() ? "integration_disabled"
                    : "no_return_url", key == null ? null : key.substring(0, Math.min(32, key.length())));
            throw new TwofoldException(ErrorCode.UNKNOWN_APPLICATION);
        }
        return new HostedApp(i.getName(), i.getIntegrationKey(), i.getReturnUrl());
    }

    /**
     * The signed result telling application {@code key} that {@code username} passed both factors,
     * echoing the application's {@code state}; audited.
     */
    public String result(Actor actor, String key, String username, String state) {
        if (state == null || !HostedResult.FIELD.matcher(state).matches()) {
            throw new TwofoldException(ErrorCode.INVALID_VALUE, "state must be 1-200 printable ASCII characters without '='");
        }
        HostedApp app = app(actor, key);
        Integration i = em.createNamedQuery(Integration.BY_KEY, Integration.class).setParameter("key", app.getKey()).getSingleResult();
        Instant now = clock.instant();
        String id = HexFormat.of().formatHex(secrets.codes().bytes(16));
        String token = HostedResult.sign(secrets.box().open(i.sealedSecret(), Integration.SECRET_PURPOSE),
                new HostedResult.Claims(username, app.getKey(), state, now, now.plus(RESULT_LIFETIME), id));
        audit.record(actor, username, AuditAction.HOSTED_RESULT, "done", null, app.getKey() + " result " + id);
        return token;
    }

    /**
     * The credentials of the demo application's integration ({@link #DEMO_APP_NAME}, the newest if
     * several), for the bundled demo page only, which verifies results as a real application would.
     */
    public Optional<IntegrationCredentials> demoApplication() {
        List<Integration> found = named(DEMO_APP_NAME);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1)).filter(Integration::isEnabled)
                .map(i -> new IntegrationCredentials(i.getName(), i.getIntegrationKey(),
                        new String(secrets.box().open(i.sealedSecret(), Integration.SECRET_PURPOSE), StandardCharsets.UTF_8)));
    }
}
