package org.twofold.device;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
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
        return enrollAuthenticatorApp(actor, username, kind, null, name).otpauthUri();
    }

    /** A device enrolled with an authenticator app: its id and the URI for the app (shown once). */
    public record AppEnrollment(long deviceId, String otpauthUri) {
    }

    /**
     * Enrolls a smartphone (with its number: it can also take calls and texts) or a tablet (no
     * number) with an authenticator app; returns the {@code otpauth://} URI once.
     */
    public AppEnrollment enrollAuthenticatorApp(Actor actor, String username, DeviceKind kind, String number, String name) {
        if (kind != DeviceKind.SMARTPHONE && kind != DeviceKind.TABLET) {
            throw new TwofoldException(ErrorCode.INVALID_VALUE, "an authenticator app runs on a smartphone or a tablet");
        }
        User user = users.require(actor, username, "device.enroll");
        byte[] seed = secrets.codes().otpSeed();
        Device device = new Device(user, kind, displayName(name, kind), clock.instant());
        device.makesPasscodes(OtpKind.TOTP, OtpAlgorithm.SHA1, 6, secrets.box().seal(seed, Device.SEED_PURPOSE),
                Totp.step(clock.instant()) - Totp.WINDOW - 1, null);
        if (kind == DeviceKind.SMARTPHONE && number != null && !number.isBlank()) {
            PhoneNumber phone = PhoneNumber.parse(number);
            device.reachableAt(secrets.box().seal(phone.e164().getBytes(StandardCharsets.UTF_8), Device.NUMBER_PURPOSE), phone.lastFour(), null);
        }
        em.persist(device);
        em.flush();
        audit.record(actor, user.getUsername(), "device.enroll", "done", null, describe(device));
        return new AppEnrollment(device.getId(), OtpAuthUri.totp(Settings.current().get(Settings.ORG_NAME), user.getUsername(), seed, OtpAlgorithm.SHA1, 6));
    }

    /** Enrolls a mobile phone without the app (calls and SMS passcodes). */
    public DeviceView enrollPhone(Actor actor, String username, String number, String name) {
        return enrollReachable(actor, username, DeviceKind.MOBILE_PHONE, number, null, name);
    }

    /** Enrolls a landline (calls only), with an optional extension dialled after the call connects. */
    public DeviceView enrollLandline(Actor actor, String username, String number, String extension, String name) {
        return enrollReachable(actor, username, DeviceKind.LANDLINE, number, PhoneNumber.extension(extension), name);
    }

    private DeviceView enrollReachable(Actor actor, String username, DeviceKind kind, String number, String extension, String name) {
        PhoneNumber phone = PhoneNumber.parse(number);
        User user = users.require(actor, username, "device.enroll");
        Device device = new Device(user, kind, displayName(name, kind), clock.instant());
        device.reachableAt(secrets.box().seal(phone.e164().getBytes(StandardCharsets.UTF_8), Device.NUMBER_PURPOSE), phone.lastFour(), extension);
        em.persist(device);
        em.flush();
        audit.record(actor, user.getUsername(), "device.enroll", "done", null, describe(device));
        return DeviceView.of(device);
    }

    private static String displayName(String name, DeviceKind kind) {
        if (name == null || name.isBlank()) {
            return kind.name().charAt(0) + kind.name().substring(1).toLowerCase(Locale.ROOT).replace('_', ' ');
        }
        String n = name.trim();
        return n.length() > 100 ? n.substring(0, 100) : n;
    }

    private static String describe(Device d) {
        return "device " + d.getId() + " " + d.getKind().name().toLowerCase(Locale.ROOT) + " '" + d.getName() + "'"
                + (d.getMaskedNumber() == null ? "" : " " + d.getMaskedNumber()) + (d.getExtension() == null ? "" : " ext. " + d.getExtension());
    }
}
