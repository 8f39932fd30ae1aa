package org.twofold.device;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditTrail;
import org.twofold.passcode.OtpAlgorithm;
import org.twofold.passcode.OtpAuthUri;
import org.twofold.passcode.Totp;
import org.twofold.secret.Secrets;
import org.twofold.site.Settings;
import org.twofold.user.User;
import org.twofold.user.Users;

/**
 * Enrolling devices. So far: a device with an authenticator app, which gets a fresh 160-bit seed
 * and returns its {@code otpauth://} URI once (for the QR code); the seed is stored sealed only.
 */
@Stateless
public class Enrollment {
    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

    @Inject
    private Users users;

    @Inject
    private AuditTrail audit;

    @Inject
    private Secrets secrets;

    @Inject
    private Clock clock;

    /** Enrolls a smartphone or tablet with an authenticator app; returns its {@code otpauth://} URI. */
    public String enrollAuthenticatorApp(Actor actor, String username, DeviceKind kind, String name) {
        User user = users.require(actor, username, "device.enroll");
        byte[] seed = secrets.codes().otpSeed();
        Device device = new Device(user, kind, name, clock.instant());
        device.makesPasscodes(OtpKind.TOTP, OtpAlgorithm.SHA1, 6, secrets.box().seal(seed, Device.SEED_PURPOSE),
                Totp.step(clock.instant()) - Totp.WINDOW - 1, null);
        em.persist(device);
        audit.record(actor, user.getUsername(), "device.enroll", "done", null, kind.name().toLowerCase(java.util.Locale.ROOT) + " " + name);
        return OtpAuthUri.totp(Settings.current().get(Settings.ORG_NAME), user.getUsername(), seed, OtpAlgorithm.SHA1, 6);
    }
}
