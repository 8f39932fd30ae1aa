package org.twofold.webauthn;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.auth.Verdict;
import org.twofold.device.Device;
import org.twofold.device.DeviceState;
import org.twofold.device.DeviceView;
import org.twofold.device.Devices;
import org.twofold.device.Enrollment;
import org.twofold.secret.Secrets;
import org.twofold.site.Settings;
import org.twofold.throttle.SourceThrottle;
import org.twofold.user.User;
import org.twofold.user.UserStatus;
import org.twofold.user.Users;

/**
 * A user's security keys and passkeys: registering one (the options of the ceremony, then the
 * check of the browser's answer, which adds a device of kind {@code SECURITY_KEY} with its
 * credential) and checking an assertion as a second factor. The assertion is checked like a
 * passcode: under the user's row lock, after the source throttle, the hourly cap and the user's
 * status; a refusal counts toward lockout and every verdict is audited as {@code auth.securityKey}
 * with its cause ({@code bad_signature}, {@code cloned_key}, {@code wrong_origin},
 * {@code unknown_credential}, ...). A ceremony is answered only by the user it was made for, for
 * its purpose, within {@link Ceremony#VALIDITY}. The relying party is {@code TWOFOLD_PUBLIC_URL}.
 */
@Stateless
public class SecurityKeys {
    /** What a verdict names as its factor (the prompt's and the audit's word). */
    public static final String FACTOR = "security_key";
    private static final int CHALLENGE_BYTES = 32;
    private static final int USER_HANDLE_BYTES = 32;

    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

    @EJB
    private Users users;

    @EJB
    private Devices devices;

    @EJB
    private Enrollment enrollment;

    @Inject
    private Secrets secrets;

    @Inject
    private SourceThrottle sources;

    @EJB
    private AuditTrail audit;

    @Inject
    private Clock clock;

    @EJB
    private org.twofold.policy.Policies policies;

    /** The relying party of this server's public address. */
    static RelyingParty relyingParty() {
        Settings settings = Settings.current();
        return RelyingParty.of(settings.publicUrl(), settings.get(Settings.ORG_NAME));
    }

    /** Whether the user has an active security key (so that the prompt offers "Use a security key"). */
    public boolean has(String username) {
        return devices.list(username).stream().anyMatch(d -> d.kind() == org.twofold.device.DeviceKind.SECURITY_KEY && d.state() == DeviceState.ACTIVE);
    }

    /** Starts registering a security key or passkey for the user: the options for {@code navigator.credentials.create}. */
    public Ceremony beginRegistration(Actor actor, String username) {
        User user = users.require(actor, username, AuditAction.DEVICE_ENROLL);
        List<SecurityKey> keys = keysOf(user);
        byte[] handle = keys.isEmpty() ? secrets.codes().bytes(USER_HANDLE_BYTES) : RelyingParty.unb64(keys.get(0).getUserHandle());
        byte[] challenge = secrets.codes().bytes(CHALLENGE_BYTES);
        String options = relyingParty().registrationOptions(challenge, handle, user.getUsername(), user.getDisplayName(),
                keys.stream().map(SecurityKey::credentialIdBytes).toList());
        return new Ceremony(Ceremony.Purpose.REGISTRATION, user.getUsername(), challenge, handle, clock.instant(), options);
    }

    /**
     * Checks the browser's answer to a registration and adds the key, named {@code name}, active at once.
     *
     * @throws TwofoldException {@code SECURITY_KEY_REFUSED} (audited) if the answer does not verify,
     *     the ceremony is not this user's registration or has expired, or the credential is already registered;
     *     {@code MISSING_FIELD} if there is no answer
     */
    public DeviceView register(Actor actor, String username, Ceremony ceremony, String response, String name) {
        User user = users.requireForUpdate(actor, username, AuditAction.DEVICE_ENROLL);
        Instant now = clock.instant();
        if (response == null || response.isBlank()) {
            audit.recordRefusal(actor, user.getUsername(), AuditAction.DEVICE_SECURITY_KEY, "missing_field", "response");
            throw new TwofoldException(ErrorCode.MISSING_FIELD, "the security key gave no answer");
        }
        String problem = ceremonyProblem(ceremony, Ceremony.Purpose.REGISTRATION, user, now);
        if (problem != null) {
            throw refused(actor, user, problem, null);
        }
        RelyingParty.Registered registered;
        try {
            registered = relyingParty().register(ceremony.challenge(), response);
        } catch (RelyingParty.Refusal r) {
            throw refused(actor, user, r.reason(), r.getMessage());
        }
        List<String> models = policies.current().securityKeyModels();
        if (!models.isEmpty() && !models.contains(registered.aaguid().toLowerCase(Locale.ROOT))) {
            throw refused(actor, user, "model_not_allowed", "authenticator " + registered.aaguid() + " is not in SecurityKeyModels");
        }
        String hash = hash(registered.credentialId());
        if (!em.createNamedQuery(SecurityKey.BY_CREDENTIAL, SecurityKey.class).setParameter("hash", hash).getResultList().isEmpty()) {
            throw refused(actor, user, "duplicate_credential", null);
        }
        long deviceId = enrollment.enrollSecurityKey(actor, user, name, "authenticator " + registered.aaguid()
                + ", counter " + registered.credential().signCount() + (registered.credential().userVerified() ? ", user verified" : ""));
        em.persist(new SecurityKey(deviceId, user, RelyingParty.b64(ceremony.userHandle()), registered.credentialId(), hash, registered, now));
        return devices.list(user.getUsername()).stream().filter(d -> d.id() == deviceId).findFirst().orElseThrow();
    }

    private TwofoldException refused(Actor actor, User user, String reason, String detail) {
        audit.recordRefusal(actor, user.getUsername(), AuditAction.DEVICE_SECURITY_KEY, reason, detail);
        return new TwofoldException(ErrorCode.SECURITY_KEY_REFUSED);
    }

    /**
     * Starts an authentication with one of the user's active security keys: the options for
     * {@code navigator.credentials.get}.
     *
     * @throws TwofoldException {@code NO_CAPABLE_DEVICE} if the user has no active security key
     */
    public Ceremony beginAuthentication(Actor actor, String username) {
        User user = users.require(actor, username, AuditAction.AUTH_SECURITY_KEY);
        List<byte[]> allowed = keysOf(user).stream().filter(k -> active(k)).map(SecurityKey::credentialIdBytes).toList();
        if (allowed.isEmpty()) {
            throw new TwofoldException(ErrorCode.NO_CAPABLE_DEVICE);
        }
        byte[] challenge = secrets.codes().bytes(CHALLENGE_BYTES);
        return new Ceremony(Ceremony.Purpose.AUTHENTICATION, user.getUsername(), challenge, null, clock.instant(),
                relyingParty().authenticationOptions(challenge, allowed));
    }

    /**
     * Starts a login without a username ({@code Passwordless}): the options for {@code
     * navigator.credentials.get} with no credential named and user verification required.
     *
     * @throws TwofoldException {@code NOT_PERMITTED} (audited) while policy {@code Passwordless} is off
     */
    public Ceremony beginPasswordless(Actor actor) {
        requirePasswordless(actor);
        byte[] challenge = secrets.codes().bytes(CHALLENGE_BYTES);
        return new Ceremony(Ceremony.Purpose.PASSWORDLESS, Ceremony.ANYONE, challenge, null, clock.instant(), relyingParty().passwordlessOptions(challenge));
    }

    /**
     * Checks a passkey's answer to a passwordless ceremony as the whole login: the credential it
     * names must be an active security key, its user handle the one registered with it, its
     * authenticator must have verified the person (UV), and the signature and counter must check
     * as for {@link #verify}; then the user's status, throttle and lockout count as for every
     * login. A refusal is audited ({@code auth.securityKey}, detail {@code passwordless}); one that
     * names a known user counts toward that user's lockout.
     *
     * @throws TwofoldException {@code NOT_PERMITTED} while policy {@code Passwordless} is off,
     *     {@code TOO_MANY_REQUESTS} if the actor's source is blocked
     */
    public PasskeyLogin verifyPasswordless(Actor actor, Ceremony ceremony, String response) {
        requirePasswordless(actor);
        sources.admit(actor, AuditAction.AUTH_SECURITY_KEY);
        Instant now = clock.instant();
        String problem = ceremony == null ? "no_ceremony" : ceremony.purpose() != Ceremony.Purpose.PASSWORDLESS ? "foreign_ceremony"
                : ceremony.liveAt(now) ? null : "expired_ceremony";
        if (problem != null) {
            audit.recordRefusal(actor, null, AuditAction.AUTH_SECURITY_KEY, problem, "passwordless");
            return new PasskeyLogin(null, Verdict.deny(Verdict.Reason.INVALID_PASSCODE, FACTOR));
        }
        RelyingParty rp = relyingParty();
        SecurityKey key;
        byte[] handle;
        try {
            key = em.createNamedQuery(SecurityKey.BY_CREDENTIAL, SecurityKey.class).setParameter("hash", hash(rp.credentialId(response)))
                    .getResultList().stream().findFirst().orElse(null);
            handle = rp.userHandle(response);
        } catch (RelyingParty.Refusal r) {
            audit.recordRefusal(actor, null, AuditAction.AUTH_SECURITY_KEY, r.reason(), "passwordless: " + r.getMessage());
            return new PasskeyLogin(null, Verdict.deny(Verdict.Reason.INVALID_PASSCODE, FACTOR));
        }
        if (key == null || !active(key)) {
            audit.recordRefusal(actor, null, AuditAction.AUTH_SECURITY_KEY, "unknown_credential", "passwordless" + (key == null ? "" : ", device " + key.getDeviceId()));
            return new PasskeyLogin(null, Verdict.deny(Verdict.Reason.INVALID_PASSCODE, FACTOR));
        }
        User user = users.requireForUpdate(actor, key.getUser().getUsername(), AuditAction.AUTH_SECURITY_KEY);
        String device = "passwordless, device " + key.getDeviceId();
        Outcome outcome;
        if (user.isThrottled(now)) {
            outcome = new Outcome(Verdict.deny(Verdict.Reason.THROTTLED, FACTOR), "throttled", device, false);
        } else if (!user.mayAuthenticate()) {
            outcome = new Outcome(Verdict.deny(user.getStatus() == UserStatus.LOCKED_OUT ? Verdict.Reason.LOCKED_OUT : Verdict.Reason.DISABLED, FACTOR),
                    null, device, false);
        } else if (handle == null || !MessageDigest.isEqual(handle, RelyingParty.unb64(key.getUserHandle()))) {
            outcome = Outcome.refused("wrong_user_handle", device, true);
        } else {
            try {
                RelyingParty.Asserted asserted = rp.authenticate(ceremony.challenge(), response, key.stored(), true);
                long before = key.getSignCount();
                key.counted(asserted, now);
                outcome = new Outcome(Verdict.allow(FACTOR), null, device + ", counter " + before + " → " + asserted.signCount(), true);
            } catch (RelyingParty.Refusal r) {
                outcome = Outcome.refused(r.reason(), device + ": " + r.getMessage(), true);
            }
        }
        if (outcome.verdict().allowed()) {
            user.recordSuccess();
        } else if (outcome.counted()) {
            users.countFailure(actor, user);
        }
        Verdict verdict = outcome.verdict();
        audit.record(actor, user.getUsername(), AuditAction.AUTH_SECURITY_KEY, verdict.allowed() ? "allow" : "deny",
                verdict.allowed() ? null : outcome.cause() != null ? outcome.cause() : verdict.reason().name().toLowerCase(Locale.ROOT), outcome.detail());
        return new PasskeyLogin(verdict.allowed() ? user.getUsername() : null, verdict);
    }

    /** Whether the login page offers a passkey login without a username (policy {@code Passwordless}). */
    public boolean passwordlessOffered() {
        return policies.current().passwordless();
    }

    private void requirePasswordless(Actor actor) {
        if (!passwordlessOffered()) {
            audit.recordRefusal(actor, null, AuditAction.AUTH_SECURITY_KEY, "not_permitted", "passwordless is off (Passwordless)");
            throw new TwofoldException(ErrorCode.NOT_PERMITTED, "logging in with a passkey alone is turned off (Passwordless)");
        }
    }

    /** A verdict and, for the audit trail, the cause of a refusal and what produced it. */
    private record Outcome(Verdict verdict, String cause, String detail, boolean counted) {
        static Outcome refused(String cause, String detail, boolean counted) {
            return new Outcome(Verdict.deny(Verdict.Reason.INVALID_PASSCODE, FACTOR), cause, detail, counted);
        }
    }

    /**
     * Checks the browser's answer to an authentication as the user's second factor. A refusal is
     * shown as a wrong factor ({@link Verdict.Reason#INVALID_PASSCODE}: users see one text for every
     * failure); the audit row names the cause.
     *
     * @throws TwofoldException {@code UNKNOWN_USER} (audited), {@code TOO_MANY_REQUESTS} if the actor's source is blocked
     */
    public Verdict verify(Actor actor, String username, Ceremony ceremony, String response) {
        sources.admit(actor, AuditAction.AUTH_SECURITY_KEY);
        User user = users.requireForUpdate(actor, username, AuditAction.AUTH_SECURITY_KEY);
        Instant now = clock.instant();
        Outcome outcome;
        String problem = ceremonyProblem(ceremony, Ceremony.Purpose.AUTHENTICATION, user, now);
        if (user.isThrottled(now)) {
            outcome = new Outcome(Verdict.deny(Verdict.Reason.THROTTLED, FACTOR), "throttled", "over " + User.MAX_FAILURES_PER_HOUR + " failures this hour", false);
        } else if (!user.mayAuthenticate()) {
            outcome = new Outcome(Verdict.deny(user.getStatus() == UserStatus.LOCKED_OUT ? Verdict.Reason.LOCKED_OUT : Verdict.Reason.DISABLED, FACTOR), null, null, false);
        } else if (problem != null) {
            // not the person's key that failed: an old page, or a ceremony of something else
            outcome = Outcome.refused(problem, null, false);
        } else if (user.getStatus() == UserStatus.BYPASS) {
            outcome = new Outcome(new Verdict(true, Verdict.Reason.BYPASS_USER, FACTOR), null, "status bypass", false);
        } else {
            outcome = check(user, ceremony, response, now);
            if (outcome.verdict().allowed()) {
                user.recordSuccess();
            } else if (outcome.counted()) {
                users.countFailure(actor, user);
            }
        }
        Verdict verdict = outcome.verdict();
        String reason = verdict.allowed() ? null
                : outcome.cause() != null ? outcome.cause() : verdict.reason().name().toLowerCase(Locale.ROOT);
        audit.record(actor, user.getUsername(), AuditAction.AUTH_SECURITY_KEY, verdict.allowed() ? "allow" : "deny",
                verdict.reason() == Verdict.Reason.ALLOWED ? null : reason, outcome.detail());
        return verdict;
    }

    private Outcome check(User user, Ceremony ceremony, String response, Instant now) {
        if (response == null || response.isBlank()) {
            return Outcome.refused("missing_field", "response", false);
        }
        RelyingParty rp = relyingParty();
        SecurityKey key;
        try {
            byte[] credentialId = rp.credentialId(response);
            key = em.createNamedQuery(SecurityKey.BY_CREDENTIAL, SecurityKey.class).setParameter("hash", hash(credentialId))
                    .getResultList().stream().findFirst().orElse(null);
        } catch (RelyingParty.Refusal r) {
            return Outcome.refused(r.reason(), r.getMessage(), true);
        }
        if (key == null || !key.getUser().getId().equals(user.getId()) || !active(key)) {
            return Outcome.refused("unknown_credential", key == null ? null : "device " + key.getDeviceId(), true);
        }
        String device = "device " + key.getDeviceId();
        try {
            RelyingParty.Asserted asserted = rp.authenticate(ceremony.challenge(), response, key.stored());
            long before = key.getSignCount();
            key.counted(asserted, now);
            return new Outcome(Verdict.allow(FACTOR), null, device + ", counter " + before + " → " + asserted.signCount(), true);
        } catch (RelyingParty.Refusal r) {
            String detail = "cloned_key".equals(r.reason())
                    ? device + ": its signature counter did not move past " + key.getSignCount() + " (a clone of the credential)"
                    : device + ": " + r.getMessage();
            return Outcome.refused(r.reason(), detail, true);
        }
    }

    /** Why {@code ceremony} cannot be answered now by {@code user} for {@code purpose}; null if it can. */
    private static String ceremonyProblem(Ceremony ceremony, Ceremony.Purpose purpose, User user, Instant now) {
        if (ceremony == null) {
            return "no_ceremony";
        }
        if (ceremony.purpose() != purpose || !ceremony.username().equals(user.getUsername())) {
            return "foreign_ceremony";
        }
        return ceremony.liveAt(now) ? null : "expired_ceremony";
    }

    private List<SecurityKey> keysOf(User user) {
        return em.createNamedQuery(SecurityKey.OF_USER, SecurityKey.class).setParameter("user", user).getResultList();
    }

    private boolean active(SecurityKey key) {
        Device device = em.find(Device.class, key.getDeviceId());
        return device != null && device.getState() == DeviceState.ACTIVE;
    }

    private static String hash(byte[] credentialId) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(credentialId));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
