package org.twofold.passcode;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditTrail;
import org.twofold.auth.Verdict;
import org.twofold.device.Device;
import org.twofold.device.DeviceState;
import org.twofold.device.OtpKind;
import org.twofold.secret.Secrets;
import org.twofold.user.User;
import org.twofold.user.UserStatus;
import org.twofold.user.Users;

/**
 * The one entry point that checks a typed passcode for a user, whichever interface it came from.
 * It tries the user's devices that make passcodes: TOTP (RFC 6238, ±1 step around the device's
 * drift) and HOTP (RFC 4226 §7.4, a look-ahead window). A code is accepted at most once: the
 * device's anti-replay state moves forward in a conditional UPDATE, so of two concurrent requests
 * with the same code exactly one sees its update applied. Every verdict is audited in the same
 * transaction as that update.
 */
@Stateless
public class PasscodeVerifier {
    /** HOTP look-ahead (RFC 4226 §7.4 suggests a small window); policy-driven in a later step. */
    static final int HOTP_LOOK_AHEAD = 10;

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

    /**
     * Checks {@code passcode} for {@code username}.
     *
     * @throws org.twofold.TwofoldException {@code UNKNOWN_USER} (after an audited refusal)
     */
    public Verdict verify(Actor actor, String username, String passcode) {
        User user = users.require(actor, username, "auth.passcode");
        Verdict verdict;
        String detail = null;
        if (!user.mayAuthenticate()) {
            verdict = Verdict.deny(user.getStatus() == UserStatus.LOCKED_OUT ? Verdict.Reason.LOCKED_OUT : Verdict.Reason.DISABLED, "passcode");
        } else {
            String typed = passcode == null ? "" : passcode.trim();
            List<Device> devices = em.createNamedQuery(Device.OTP_OF_USER, Device.class).setParameter("user", user)
                    .setParameter("active", DeviceState.ACTIVE).getResultList();
            verdict = devices.isEmpty() ? Verdict.deny(Verdict.Reason.NO_DEVICE, "passcode") : Verdict.deny(Verdict.Reason.INVALID_PASSCODE, "passcode");
            if (typed.matches("[0-9]{6,8}")) {
                Instant now = clock.instant();
                for (Device device : devices) {
                    Verdict v = tryDevice(device, typed, now);
                    if (v != null) {
                        verdict = v;
                        detail = "device " + device.getId();
                        break;
                    }
                }
            }
        }
        audit.record(actor, user.getUsername(), "auth.passcode", verdict.allowed() ? "allow" : "deny",
                verdict.allowed() ? null : verdict.reason().name().toLowerCase(Locale.ROOT), detail);
        return verdict;
    }

    /** The verdict if {@code typed} is (or was) this device's code; null if it is not its code. */
    private Verdict tryDevice(Device device, String typed, Instant now) {
        if (device.getDigits() != typed.length()) {
            return null;
        }
        byte[] seed = secrets.box().open(device.getSealedSeed(), Device.SEED_PURPOSE);
        try {
            if (device.getOtpKind() == OtpKind.TOTP) {
                long step = Totp.find(seed, now, device.getDrift(), device.getDigits(), device.getAlgorithm(), typed);
                if (step < 0) {
                    return null;
                }
                int updated = em.createQuery("UPDATE Device d SET d.otpState = :step, d.drift = :drift WHERE d.id = :id AND d.otpState < :step")
                        .setParameter("step", step)
                        .setParameter("drift", step - Totp.step(now))
                        .setParameter("id", device.getId())
                        .executeUpdate();
                return updated == 1 ? Verdict.allow("passcode") : Verdict.deny(Verdict.Reason.REPLAYED_PASSCODE, "passcode");
            }
            long counter = Hotp.find(seed, device.getOtpState(), HOTP_LOOK_AHEAD, device.getDigits(), typed);
            if (counter < 0) {
                return null;
            }
            int updated = em.createQuery("UPDATE Device d SET d.otpState = :next WHERE d.id = :id AND d.otpState = :expected")
                    .setParameter("next", counter + 1)
                    .setParameter("expected", device.getOtpState())
                    .setParameter("id", device.getId())
                    .executeUpdate();
            return updated == 1 ? Verdict.allow("passcode") : Verdict.deny(Verdict.Reason.REPLAYED_PASSCODE, "passcode");
        } finally {
            java.util.Arrays.fill(seed, (byte) 0);
        }
    }
}
