package org.twofold.site;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.twofold.audit.Actor;
import org.twofold.delivery.CarrierChoice;
import org.twofold.delivery.PhoneAccess;
import org.twofold.demo.DemoData;
import org.twofold.operator.Operators;
import org.twofold.secret.Secrets;

/**
 * First-start duties on an empty database: the first administrator (as Keycloak's bootstrap admin:
 * from {@code TWOFOLD_ADMIN_USER}/{@code TWOFOLD_ADMIN_PASSWORD}, else a generated password printed
 * this once, on the console only), and with {@code TWOFOLD_DEMO=true} the sample users and
 * integration. Every start first checks and logs how Twofold delivers ({@link CarrierChoice}).
 */
@Singleton
@Startup
@DependsOn("Schema")
public class Bootstrap {
    private static final Logger LOG = Logger.getLogger(Bootstrap.class.getName());

    @EJB
    private Operators operators;

    @Inject
    private Secrets secrets;

    @EJB
    private DemoData demo;

    @EJB
    private Readiness readiness;

    @PostConstruct
    void firstStart() {
        Settings settings = Settings.current();
        // Refuses to start on a carrier setting that would expose or silently drop phones (CarrierChoice), and says how it delivers.
        CarrierChoice delivery = CarrierChoice.current();
        PhoneAccess.of(delivery.simulator(), settings.find(Settings.PHONE_ALLOWED_FROM).orElse(null));
        if (delivery.simulator()) {
            LOG.warning(() -> delivery.describe() + "; /phone answers " + settings.find(Settings.PHONE_ALLOWED_FROM).orElse(PhoneAccess.LOOPBACK)
                    + " (TWOFOLD_PHONE_ALLOWED_FROM)");
        } else {
            LOG.info(delivery::describe);
        }
        // a wrong TWOFOLD_TRUSTED_PROXIES stops the start with its text, not the first request
        ProxyTrust.configured();
        if (operators.count() == 0) {
            String name = settings.get(Settings.ADMIN_USER);
            var configured = settings.find(Settings.ADMIN_PASSWORD);
            String password = configured.orElseGet(() -> secrets.codes().password());
            operators.create(Actor.system(), name, password.toCharArray(), "admin");
            if (configured.isPresent()) {
                LOG.info(() -> "Created the JMX administrator '" + name + "' from TWOFOLD_ADMIN_USER/TWOFOLD_ADMIN_PASSWORD.");
            } else {
                // Printed once, on the start that creates the account; it is stored only hashed.
                readiness.notice("  JMX administrator created: user " + name + ", password " + password
                        + "  (shown once; set TWOFOLD_ADMIN_PASSWORD to choose it)");
            }
        }
        if (settings.getBoolean(Settings.DEMO)) {
            demo.createIfEmpty().ifPresent(readiness::notice);
        }
    }
}
