package org.twofold.demo;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.Optional;
import org.twofold.audit.Actor;
import org.twofold.device.DeviceKind;
import org.twofold.device.Enrollment;
import org.twofold.integration.HostedPrompt;
import org.twofold.integration.IntegrationCredentials;
import org.twofold.integration.Integrations;
import org.twofold.secret.Secrets;
import org.twofold.delivery.CarrierChoice;
import org.twofold.site.Settings;
import org.twofold.user.Users;

/**
 * The demo data: a sample user with a password, a smartphone whose authenticator-app seed is
 * printed (so any TOTP app, or {@code oathtool --totp -b SEED}, makes her codes; its pushes, calls
 * and texts arrive on the virtual phone at {@code /phone}) and a desk phone with an extension, and
 * an integration for trying the SOAP API, and a demo web application ({@code /demo/app}) that
 * the hosted login prompt protects. Passwords and secrets are generated, never literals.
 */
@Stateless
public class DemoData {
    public static final String SAMPLE_USER = "alice";
    /** The approver of hardware tokens for the sample user's department. */
    public static final String SAMPLE_APPROVER = "carol";
    private static final String SAMPLE_DEPARTMENT = "Central Administration";
    private static final java.time.LocalDate SAMPLE_BIRTH_DATE = java.time.LocalDate.of(1990, 1, 1);

    @EJB
    private Users users;

    @EJB
    private Enrollment enrollment;

    @EJB
    private Integrations integrations;

    @Inject
    private Secrets secrets;

    @EJB
    private HostedPrompt hostedPrompt;

    @EJB
    private org.twofold.user.Departments departments;

    /** Creates the demo data if there are no users yet; returns the text to show newcomers. */
    public Optional<String> createIfEmpty() {
        if (users.count() > 0) {
            return Optional.empty();
        }
        Actor actor = Actor.system();
        users.create(actor, SAMPLE_USER, "Alice Example", "Central Administration");
        String password = secrets.codes().password();
        users.setPassword(actor, SAMPLE_USER, password.toCharArray());
        String uri = enrollment.enrollAuthenticatorApp(actor, SAMPLE_USER, DeviceKind.SMARTPHONE, "+1 555 010 0105", "iPhone").otpauthUri();
        enrollment.enrollLandline(actor, SAMPLE_USER, "+1 555 010 4357", "1234", "Desk phone");
        String seed = uri.replaceAll(".*[?&]secret=([A-Z2-7]+).*", "$1");
        String pin = secrets.codes().digits(6);
        users.setIdentityProof(actor, SAMPLE_USER, SAMPLE_BIRTH_DATE, null, pin);
        users.create(actor, SAMPLE_APPROVER, "Carol Approver", SAMPLE_DEPARTMENT);
        String approverPassword = secrets.codes().password();
        users.setPassword(actor, SAMPLE_APPROVER, approverPassword.toCharArray());
        String approverUri = enrollment.enrollAuthenticatorApp(actor, SAMPLE_APPROVER, DeviceKind.SMARTPHONE, "+1 555 010 0106", "Work phone").otpauthUri();
        departments.createOrUpdate(actor, SAMPLE_DEPARTMENT, SAMPLE_APPROVER);
        IntegrationCredentials integration = integrations.create(actor, "Demo VPN");
        IntegrationCredentials webApp = integrations.create(actor, HostedPrompt.DEMO_APP_NAME);
        String demoApp = Settings.current().pageUrl() + "demo/app";
        hostedPrompt.setReturnUrl(actor, HostedPrompt.DEMO_APP_NAME, demoApp);
        return Optional.of("  Demo data created (shown once):"
                + "\n    sample user: " + SAMPLE_USER + "  password: " + password
                + "\n    her authenticator app: " + uri
                + "\n      (add it to any TOTP app, or: oathtool --totp -b " + seed + ")"
                + "\n    her identity proof for " + Settings.current().publicUrl() + "bypass: date of birth " + SAMPLE_BIRTH_DATE + ", PIN " + pin
                + (CarrierChoice.current().simulator()
                        ? "\n    her phones' pushes, calls and texts arrive at the virtual phones: " + Settings.current().pageUrl() + "phone"
                        : "\n    (the simulator is off: no virtual phones; pushes are not offered, texts and calls go to the configured carrier)")
                + "\n    hardware-token approver of " + SAMPLE_DEPARTMENT + ": " + SAMPLE_APPROVER + "  password: " + approverPassword
                + "\n      her authenticator app: " + approverUri
                + "\n      (log in, then open " + Settings.current().publicUrl() + "portal to approve alice's token request)"
                + "\n    SOAP integration '" + integration.name() + "': key " + integration.integrationKey()
                + "  secret " + integration.secret()
                + "\n    a web application protected by the hosted login prompt: " + demoApp
                + "\n      (integration '" + webApp.name() + "', key " + webApp.integrationKey() + ", returns to the URL above)");
    }
}
