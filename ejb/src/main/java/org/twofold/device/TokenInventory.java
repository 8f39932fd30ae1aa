package org.twofold.device;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.passcode.Base32;
import org.twofold.passcode.OtpAlgorithm;
import org.twofold.passcode.Totp;
import org.twofold.secret.Secrets;
import org.twofold.user.User;
import org.twofold.user.Users;

/**
 * Hardware tokens in stock: an administrator imports them (serial, kind, Base32 seed, digits) and
 * assigns one to a user, which enrolls it as a device of kind {@link DeviceKind#HARDWARE_TOKEN}.
 */
@Stateless
public class TokenInventory {
    /** Seeds shorter than 128 bits are refused (RFC 4226 §4 R6 requires at least 128). */
    static final int MIN_SEED_BYTES = 16;

    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    @EJB
    private Users users;

    @Inject
    private Secrets secrets;

    @Inject
    private Clock clock;

    @EJB
    private DeviceCodes deviceCodes;

    public void importToken(Actor actor, String serial, String kind, String secretBase32, int digits) {
        String s = requireSerial(serial);
        OtpKind otpKind = parseKind(kind);
        if (digits < 6 || digits > 8) {
            throw new TwofoldException(ErrorCode.INVALID_VALUE, "digits must be 6, 7 or 8");
        }
        byte[] seed;
        try {
            seed = Base32.decode(secretBase32 == null ? "" : secretBase32);
        } catch (IllegalArgumentException e) {
            throw new TwofoldException(ErrorCode.INVALID_VALUE, "the secret is not Base32");
        }
        if (seed.length < MIN_SEED_BYTES) {
            throw new TwofoldException(ErrorCode.INVALID_VALUE, "the secret must have at least 128 bits");
        }
        if (find(s).isPresent()) {
            audit.recordRefusal(actor, null, AuditAction.TOKEN_IMPORT, "token_exists", "serial " + s);
            throw new TwofoldException(ErrorCode.TOKEN_EXISTS);
        }
        em.persist(new HardwareToken(s, otpKind, digits, secrets.box().seal(seed, Device.SEED_PURPOSE), 0, clock.instant()));
        audit.record(actor, null, AuditAction.TOKEN_IMPORT, "done", null, "serial " + s + ", " + otpKind.name().toLowerCase(Locale.ROOT));
    }

    /**
     * Imports the tokens of a PSKC file (RFC 6030: plain or password-protected secrets). Each key
     * is imported or refused on its own — a bad key, an unsupported time step or a serial already
     * in stock does not stop the others — and the report says which, one line per key.
     */
    public java.util.List<String> importPskc(Actor actor, String xml, char[] password) {
        Pskc.Result parsed = Pskc.parse(xml, password);
        java.util.List<String> report = new java.util.ArrayList<>();
        for (Pskc.Refusal r : parsed.refusals()) {
            report.add("refused " + r.keyId() + ": " + r.reason());
            audit.record(actor, null, AuditAction.TOKEN_IMPORT, "deny", "pskc_refused", "key " + r.keyId() + ": " + r.reason());
        }
        for (Pskc.Key key : parsed.keys()) {
            String s = key.serial().trim();
            String refusal = s.isEmpty() || s.length() > 64 ? "a serial of 1 to 64 characters is required"
                    : key.kind() == OtpKind.TOTP && key.timeStepSeconds() != Totp.STEP_SECONDS ? "only " + Totp.STEP_SECONDS + "-second TOTP tokens are supported"
                    : find(s).isPresent() ? "already imported" : null;
            if (refusal != null) {
                report.add("refused " + s + ": " + refusal);
                audit.record(actor, null, AuditAction.TOKEN_IMPORT, "deny", "pskc_refused", "serial " + s + ": " + refusal);
                continue;
            }
            byte[] secret = key.secret();
            try {
                em.persist(new HardwareToken(s, key.kind(), key.digits(), secrets.box().seal(secret, Device.SEED_PURPOSE),
                        key.kind() == OtpKind.HOTP ? key.counter() : 0, clock.instant()));
            } finally {
                java.util.Arrays.fill(secret, (byte) 0);
            }
            em.flush();
            report.add("imported " + s + " (" + key.kind().name().toLowerCase(Locale.ROOT) + ", " + key.digits() + " digits)");
            audit.record(actor, null, AuditAction.TOKEN_IMPORT, "done", null, "serial " + s + ", " + key.kind().name().toLowerCase(Locale.ROOT) + ", from PSKC");
        }
        return report;
    }

    /** An administrator's direct assignment of a token in stock to a user. */
    public Device assign(Actor actor, String username, String serial) {
        User user = users.require(actor, username, AuditAction.TOKEN_ASSIGN);
        String s = requireSerial(serial);
        HardwareToken token = em.createNamedQuery(HardwareToken.BY_SERIAL, HardwareToken.class).setParameter("serial", s)
                .setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).setHint("eclipselink.refresh", "true")
                .getResultList().stream().findFirst().orElseThrow(() -> {
            audit.recordRefusal(actor, user.getUsername(), AuditAction.TOKEN_ASSIGN, "token_not_found", "serial " + s);
            return new TwofoldException(ErrorCode.TOKEN_NOT_FOUND);
        });
        if (token.getAssignedTo() != null) {
            audit.recordRefusal(actor, user.getUsername(), AuditAction.TOKEN_ASSIGN, "token_assigned", "serial " + s);
            throw new TwofoldException(ErrorCode.TOKEN_ASSIGNED);
        }
        token.assignTo(user.getUsername());
        Device device = new Device(user, DeviceKind.HARDWARE_TOKEN, "Token " + s, clock.instant());
        // TOTP: no step accepted yet. HOTP: the next expected counter starts at 0.
        long initial = token.getKind() == OtpKind.TOTP ? Totp.step(clock.instant()) - Totp.WINDOW - 1 : token.getCounter();
        device.makesPasscodes(token.getKind(), OtpAlgorithm.SHA1, token.getDigits(), token.sealedSeed(), initial, s);
        em.persist(device);
        audit.record(actor, user.getUsername(), AuditAction.TOKEN_ASSIGN, "done", null, "serial " + s);
        return device;
    }

    /**
     * Resynchronises a user's HOTP token from two consecutive codes typed off it (RFC 4226 §7.4):
     * if they are found within {@value DeviceCodes#RESYNC_SEARCH} counter values ahead, the next expected
     * counter moves past them. Returns whether it did.
     */
    public boolean resynchronize(Actor actor, String username, String serial, String first, String second) {
        User user = users.requireForUpdate(actor, username, AuditAction.TOKEN_RESYNC);
        String s = requireSerial(serial);
        if (!user.mayAuthenticate() || user.isThrottled(clock.instant())) {
            audit.record(actor, user.getUsername(), AuditAction.TOKEN_RESYNC, "deny", "not_allowed", "serial " + s);
            return false;
        }
        Device device = em.createQuery("SELECT d FROM Device d WHERE d.user = :u AND d.serial = :s AND d.otpKind = :k AND d.state = :active", Device.class)
                .setParameter("u", user).setParameter("s", s).setParameter("k", OtpKind.HOTP).setParameter("active", DeviceState.ACTIVE)
                .getResultList().stream().findFirst().orElseThrow(() -> {
                    audit.recordRefusal(actor, user.getUsername(), AuditAction.TOKEN_RESYNC, "token_not_found", "serial " + s);
                    return new TwofoldException(ErrorCode.TOKEN_NOT_FOUND);
                });
        long before = device.getOtpState();
        long next = deviceCodes.resynchronize(device, first == null ? null : first.trim(), second == null ? null : second.trim());
        if (next < 0) {
            // Guessing pairs of codes must cost what guessing codes costs.
            users.countFailure(actor, user);
            audit.record(actor, user.getUsername(), AuditAction.TOKEN_RESYNC, "deny", "codes_not_found", "serial " + s);
            return false;
        }
        audit.record(actor, user.getUsername(), AuditAction.TOKEN_RESYNC, "done", null, "serial " + s + ", counter " + before + " → " + next);
        return true;
    }

    private Optional<HardwareToken> find(String serial) {
        return em.createNamedQuery(HardwareToken.BY_SERIAL, HardwareToken.class)
                .setParameter("serial", serial).getResultList().stream().findFirst();
    }

    private static String requireSerial(String serial) {
        if (serial == null || serial.isBlank()) {
            throw new TwofoldException(ErrorCode.MISSING_FIELD, "serial is required");
        }
        String s = serial.trim();
        if (s.length() > 64) {
            throw new TwofoldException(ErrorCode.INVALID_VALUE, "serial is longer than 64 characters");
        }
        return s;
    }

    private static OtpKind parseKind(String kind) {
        if (kind == null) {
            throw new TwofoldException(ErrorCode.MISSING_FIELD, "kind is required (hotp or totp)");
        }
        try {
            return OtpKind.valueOf(kind.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TwofoldException(ErrorCode.INVALID_VALUE, "kind must be hotp or totp");
        }
    }
}
