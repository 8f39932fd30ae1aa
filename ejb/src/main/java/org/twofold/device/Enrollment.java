package org.twofold.device;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.List;
import java.util.Optional;
import org.twofold.DisplayName;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.delivery.Recipient;
import org.twofold.delivery.SmsGateway;
import org.twofold.delivery.VoiceGateway;
import org.twofold.passcode.Base32;
import org.twofold.passcode.OtpAlgorithm;
import org.twofold.passcode.OtpAuthUri;
import org.twofold.passcode.Totp;
import org.twofold.policy.Policies;
import org.twofold.policy.Policy;
import org.twofold.secret.Secrets;
import org.twofold.site.Settings;
import org.twofold.user.User;
import org.twofold.user.Usernames;
import org.twofold.user.Users;

/**
 * Enrolling devices. A device with an authenticator app gets a fresh 160-bit seed and returns its
 * {@code otpauth://} URI once (for the QR code); the seed is stored sealed only. Devices a user
 * adds themselves wait ({@link DeviceState#PENDING}) until confirmed: an app by a first valid code
 * from it, a mobile phone by the code texted to its number. A smartphone the help desk enrolls
 * gets an activation link texted to it: single-use, expiring, stored as a keyed hash only.
 */
@Stateless
public class Enrollment {
    /** How long a code texted to a new phone can confirm it. */
    static final Duration TEXT_CODE_VALIDITY = Duration.ofMinutes(15);
    /** How long an activation link works. */
    static final Duration LINK_VALIDITY = Duration.ofHours(24);
    /** Wrong codes an activation survives; the next one voids it. */
    static final int ACTIVATION_ATTEMPTS = 5;
    static final int TEXT_CODE_DIGITS = 6;
    private static final String TEXT_PURPOSE = "activation-text";
    private static final String LINK_PURPOSE = "activation-link";

    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

    @EJB
    private Users users;

    @EJB
    private AuditTrail audit;

    @Inject
    private Secrets secrets;

    @Inject
    private SmsGateway sms;

    @Inject
    private VoiceGateway voice;

    @EJB
    private Policies policies;

    @Inject
    private Clock clock;

    @EJB
    private DeviceCodes deviceCodes;

    @EJB
    private TokenRequests tokenRequests;

    /** Enrolls a smartphone or tablet with an authenticator app; returns its {@code otpauth://} URI. */
    public String enrollAuthenticatorApp(Actor actor, String username, DeviceKind kind, String name) {
        return enrollAuthenticatorApp(actor, username, kind, null, name).otpauthUri();
    }

    /**
     * A device enrolled with an authenticator app: its id, the URI for the app (shown once), and
     * the masked number a verification code was texted to (null when there is none to verify).
     */
    public record AppEnrollment(long deviceId, String otpauthUri, String textedTo) {
        /** The Base32 secret inside the URI, for typing into an app by hand. */
        public String secret() {
            return otpauthUri.replaceAll(".*[?&]secret=([A-Z2-7]+).*", "$1");
        }
    }

    /**
     * Enrolls a smartphone (with its number: it can also take calls and texts) or a tablet (no
     * number) with an authenticator app, active at once; returns the {@code otpauth://} URI once.
     */
    public AppEnrollment enrollAuthenticatorApp(Actor actor, String username, DeviceKind kind, String number, String name) {
        return enrollApp(actor, username, kind, number, name, false);
    }

    /**
     * Starts enrolling a smartphone or tablet with an authenticator app that the user adds
     * themselves: the device waits until {@link #activate} receives a first valid code from the
     * app and, for a smartphone with a number, the code texted to that number (a number is never
     * called or texted for logins before it is shown to be the user's). Returns the URI once.
     */
    public AppEnrollment beginAuthenticatorApp(Actor actor, String username, DeviceKind kind, String number, String name) {
        AppEnrollment app = enrollApp(actor, username, kind, number, name, true);
        if (kind != DeviceKind.SMARTPHONE || number == null || number.isBlank()) {
            return app;
        }
        DeviceView device = DeviceView.of(em.find(Device.class, app.deviceId()));
        verifyNumber(actor, users.require(actor, username, AuditAction.DEVICE_ENROLL), device, PhoneNumber.parse(number), null);
        return new AppEnrollment(app.deviceId(), app.otpauthUri(), device.maskedNumber());
    }

    private AppEnrollment enrollApp(Actor actor, String username, DeviceKind kind, String number, String name, boolean pending) {
        if (kind != DeviceKind.SMARTPHONE && kind != DeviceKind.TABLET) {
            throw new TwofoldException(ErrorCode.INVALID_VALUE, "an authenticator app runs on a smartphone or a tablet");
        }
        PhoneNumber phone = kind == DeviceKind.SMARTPHONE && number != null && !number.isBlank() ? PhoneNumber.parse(number) : null;
        User user = users.require(actor, username, AuditAction.DEVICE_ENROLL);
        byte[] seed = secrets.codes().otpSeed();
        try {
            Device device = new Device(user, kind, displayName(name, kind), clock.instant());
            device.makesPasscodes(OtpKind.TOTP, OtpAlgorithm.SHA1, 6, secrets.box().seal(seed, Device.SEED_PURPOSE),
                    Totp.step(clock.instant()) - Totp.WINDOW - 1, null);
            if (phone != null) {
                device.reachableAt(secrets.box().seal(phone.e164().getBytes(StandardCharsets.UTF_8), Device.NUMBER_PURPOSE), phone.lastFour(), null);
            }
            if (pending) {
                device.awaitActivation();
            }
            em.persist(device);
            em.flush();
            audit.record(actor, user.getUsername(), AuditAction.DEVICE_ENROLL, "done", null, describe(device));
            return new AppEnrollment(device.getId(), uri(user, seed), null);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    private static String uri(User user, byte[] seed) {
        return OtpAuthUri.totp(Settings.current().get(Settings.ORG_NAME), user.getUsername(), seed, OtpAlgorithm.SHA1, 6);
    }

    /** Enrolls a mobile phone without the app (calls and SMS passcodes). */
    public DeviceView enrollPhone(Actor actor, String username, String number, String name) {
        return enrollReachable(actor, username, DeviceKind.MOBILE_PHONE, number, null, name, false);
    }

    /** Enrolls a landline (calls only), with an optional extension dialled after the call connects. */
    public DeviceView enrollLandline(Actor actor, String username, String number, String extension, String name) {
        return enrollReachable(actor, username, DeviceKind.LANDLINE, number, PhoneNumber.extension(extension), name, false);
    }

    /**
     * Starts enrolling a mobile phone the user adds themselves: a {@value #TEXT_CODE_DIGITS}-digit
     * code is texted to the number, and the phone waits until {@link #activate} receives that code
     * (so a mistyped or someone else's number is never used).
     */
    public DeviceView beginPhone(Actor actor, String username, String number, String name) {
        DeviceView device = enrollReachable(actor, username, DeviceKind.MOBILE_PHONE, number, null, name, true);
        verifyNumber(actor, users.require(actor, username, AuditAction.DEVICE_ENROLL), device, PhoneNumber.parse(number), null);
        return device;
    }

    /**
     * Starts enrolling a landline the user adds themselves: the number is called and the call
     * reads a {@value #TEXT_CODE_DIGITS}-digit code, and the landline waits until {@link #activate}
     * receives that code (a landline takes no texts). The help desk's {@link #enrollLandline} is
     * active at once.
     */
    public DeviceView beginLandline(Actor actor, String username, String number, String extension, String name) {
        DeviceView device = enrollReachable(actor, username, DeviceKind.LANDLINE, number, PhoneNumber.extension(extension), name, true);
        verifyNumber(actor, users.require(actor, username, AuditAction.DEVICE_ENROLL), device, PhoneNumber.parse(number), PhoneNumber.extension(extension));
        return device;
    }

    /**
     * The one way a number the user adds is verified, for every kind: a {@value #TEXT_CODE_DIGITS}-digit
     * code, valid {@link #TEXT_CODE_VALIDITY} for {@value #ACTIVATION_ATTEMPTS} wrong attempts and
     * stored as a keyed hash, is texted to a number that takes texts, or read by a call to one that
     * does not; the device stays pending until the code comes back ({@link #activate}).
     */
    private void verifyNumber(Actor actor, User user, DeviceView device, PhoneNumber phone, String extension) {
        Instant now = clock.instant();
        // Each verification calls or texts a number the user typed: bounded per user as texts are per
        // phone (SmsSendsPerNumber in SmsSendWindowMinutes), so the portal is no free dialler.
        Policy policy = policies.current();
        long recent = em.createQuery("SELECT COUNT(a) FROM Activation a, Device d WHERE a.deviceId = d.id AND d.user = :u"
                        + " AND a.channel IN :c AND a.createdAt > :since", Long.class)
                .setParameter("u", user).setParameter("c", List.of(Activation.Channel.TEXT, Activation.Channel.CALL))
                .setParameter("since", now.minus(Duration.ofMinutes(policy.smsSendWindowMinutes()))).getSingleResult();
        if (recent >= policy.smsSendsPerNumber()) {
            audit.recordRefusal(actor, user.getUsername(), AuditAction.DEVICE_VERIFY_NUMBER, "too_many", device.maskedNumber());
            throw new TwofoldException(ErrorCode.TOO_MANY_REQUESTS, "Too many numbers verified; wait "
                    + policy.smsSendWindowMinutes() + " minutes.");
        }
        String code = secrets.codes().digits(TEXT_CODE_DIGITS);
        boolean texts = device.kind().canSms();
        em.persist(new Activation(device.id(), texts ? Activation.Channel.TEXT : Activation.Channel.CALL,
                secrets.hasher().hash(TEXT_PURPOSE, user.getId(), code), ACTIVATION_ATTEMPTS, now, now.plus(TEXT_CODE_VALIDITY)));
        String org = Settings.current().get(Settings.ORG_NAME);
        Recipient to = new Recipient(device.id(), phone.e164(), extension);
        if (texts) {
            sms.text(to, org + " verification code: " + code + ". Enter it in My Settings & Devices to add this phone.");
        } else {
            String spoken = String.join(" ", code.split(""));
            voice.call(to, secrets.codes().identifier(VoiceGateway.ANNOUNCEMENT_ONLY, 24), "This is " + org + ". Your verification code is " + spoken
                    + ". Again: " + spoken + ". Enter it in My Settings & Devices to add this phone.");
        }
        audit.record(actor, user.getUsername(), AuditAction.DEVICE_VERIFY_NUMBER, "done", texts ? "texted" : "called", "device " + device.id() + " " + device.maskedNumber());
    }

    private DeviceView enrollReachable(Actor actor, String username, DeviceKind kind, String number, String extension, String name, boolean pending) {
        PhoneNumber phone = PhoneNumber.parse(number);
        User user = users.require(actor, username, AuditAction.DEVICE_ENROLL);
        Device device = new Device(user, kind, displayName(name, kind), clock.instant());
        device.reachableAt(secrets.box().seal(phone.e164().getBytes(StandardCharsets.UTF_8), Device.NUMBER_PURPOSE), phone.lastFour(), extension);
        if (pending) {
            device.awaitActivation();
        }
        em.persist(device);
        em.flush();
        audit.record(actor, user.getUsername(), AuditAction.DEVICE_ENROLL, "done", null, describe(device));
        return DeviceView.of(device);
    }

    /**
     * Confirms one of the user's pending devices with one code: a current code from its
     * authenticator app (a tablet, or a smartphone without a number), or the code texted to or read
     * by a call to its number. See {@link #activate(Actor, String, long, String, String)}.
     */
    public boolean activate(Actor actor, String username, long deviceId, String code) {
        return activate(actor, username, deviceId, code, null);
    }

    /**
     * Confirms one of the user's pending devices: with a current code from its authenticator app
     * (which also starts its anti-replay state) and, for a device whose number is being verified,
     * the code texted to it or read by the call ({@code numberCode}; for a phone without the app
     * that code comes as {@code code}). Every code must be right; a wrong one counts as a failed
     * authentication (lockout, hourly cap) and against the number code's attempts.
     *
     * @return whether the device is now active
     * @throws TwofoldException {@code DEVICE_NOT_FOUND} if the user has no such pending device
     */
    public boolean activate(Actor actor, String username, long deviceId, String code, String numberCode) {
        User user = users.requireForUpdate(actor, username, AuditAction.DEVICE_ACTIVATE);
        Device device = em.find(Device.class, deviceId);
        if (device == null || !device.getUser().getId().equals(user.getId()) || device.getState() != DeviceState.PENDING) {
            audit.recordRefusal(actor, user.getUsername(), AuditAction.DEVICE_ACTIVATE, "device_not_found", "device " + deviceId);
            throw new TwofoldException(ErrorCode.DEVICE_NOT_FOUND);
        }
        boolean app = device.getOtpKind() == OtpKind.TOTP;
        return confirm(actor, user, device, code, app ? numberCode : code, null);
    }

    /** Whether a code the user added this device with must still come back from its number (text or call). */
    public boolean verifiesNumber(long deviceId) {
        return !numberActivations(deviceId).isEmpty();
    }

    /**
     * Checks the codes of a pending device and activates it when all are right: the app's first
     * code for a device with an authenticator app, the number's code when its number is being
     * verified; {@code link} is the activation link's record when it came by link.
     */
    private boolean confirm(Actor actor, User user, Device device, String appCode, String numberCode, Activation link) {
        Instant now = clock.instant();
        if (!user.mayAuthenticate() || user.isThrottled(now)) {
            audit.record(actor, user.getUsername(), AuditAction.DEVICE_ACTIVATE, "deny", "not_allowed", "device " + device.getId());
            return false;
        }
        boolean ok = true;
        long appStep = -1;
        if (device.getOtpKind() == OtpKind.TOTP) {
            appStep = deviceCodes.firstStep(device, appCode == null ? "" : appCode.trim(), now);
            ok = appStep >= 0;
        }
        Activation spent = link;
        String reason = "wrong_code";
        List<Activation> number = numberActivations(device.getId());
        if (!number.isEmpty()) {
            spent = number.stream().filter(a -> a.usable(now)).findFirst().orElse(null);
            String typed = numberCode == null ? "" : numberCode.trim();
            boolean numberOk = spent != null && typed.length() == TEXT_CODE_DIGITS && secrets.hasher().matches(TEXT_PURPOSE, user.getId(), typed, spent.codeHash());
            if (spent == null) {
                reason = "code_expired";
            }
            ok &= numberOk;
        } else if (device.getOtpKind() == null) {
            ok = false; // a phone without the app and without a code to verify its number cannot be confirmed
            reason = "code_expired";
        }
        if (!ok) {
            if (spent != null) {
                spent.failedAttempt();
            }
            users.countFailure(actor, user);
            audit.record(actor, user.getUsername(), AuditAction.DEVICE_ACTIVATE, "deny", reason, "device " + device.getId());
            return false;
        }
        if (appStep >= 0) {
            device.acceptedFirstStep(appStep, appStep - Totp.step(now));
        }
        if (spent != null) {
            spent.use(now);
        }
        device.activate();
        user.recordSuccess();
        audit.record(actor, user.getUsername(), AuditAction.DEVICE_ACTIVATE, "done", null, describe(device)
                + (number.isEmpty() ? "" : ", number verified by " + (number.get(0).getChannel() == Activation.Channel.CALL ? "call" : "text")));
        return true;
    }

    /** A smartphone the help desk enrolled: its URI (shown once) and the activation link texted to it. */
    public record SmartphoneInvitation(long deviceId, String otpauthUri, String link, String maskedNumber) {
    }

    /**
     * The help desk enrolls a smartphone with the app: the device waits for activation, and a link
     * to {@code /activate} is texted to the number, where the person adds the secret to the app
     * and types a first code. The link carries a 256-bit single-use code valid for {@link
     * #LINK_VALIDITY} (a code in the link is how activation links work; being single-use and
     * short-lived, it is worth nothing once the phone is activated or the day is over).
     */
    public SmartphoneInvitation inviteSmartphone(Actor actor, String username, String number, String name) {
        if (number == null || number.isBlank()) {
            throw new TwofoldException(ErrorCode.MISSING_FIELD, "the smartphone's number is required (the activation link is texted to it)");
        }
        // The link is texted to the number: opening it shows the number is the person's.
        AppEnrollment app = enrollApp(actor, username, DeviceKind.SMARTPHONE, number, name, true);
        String code = newLink(app.deviceId(), LINK_VALIDITY);
        String link = linkOf(code);
        PhoneNumber phone = PhoneNumber.parse(number);
        sms.text(new Recipient(app.deviceId(), phone.e164(), null), Settings.current().get(Settings.ORG_NAME)
                + ": to set up your authenticator app, open " + link);
        String masked = PhoneNumber.masked(phone.lastFour());
        audit.record(actor, users.require(actor, username, AuditAction.DEVICE_ENROLL).getUsername(), AuditAction.DEVICE_ACTIVATION_LINK, "done", "texted",
                "device " + app.deviceId() + " " + masked + ", valid " + LINK_VALIDITY.toHours() + " h");
        return new SmartphoneInvitation(app.deviceId(), app.otpauthUri(), link, masked);
    }

    /** A security-key link the help desk gives a person: the link, its device (waiting) and when it expires. */
    public record SecurityKeyInvitation(long deviceId, String link, Instant expiresAt) {
    }

    /**
     * The help desk fulfils the user's approved hardware-token request with a security key: a
     * security-key device waits for activation, and an activation link (single-use, valid {@link
     * #LINK_VALIDITY}, a keyed hash only) is returned to the operator, who gives it to the person
     * with the key (or opens it with them at the desk). On the link's page the person registers a
     * security key or passkey — the only kind such a link offers — and that registration fulfils
     * the request ({@link #spendLink}); the approval stays until then, and if it is used otherwise
     * first (a token assigned), the key is refused. {@code SecurityKeyModels} applies as everywhere.
     *
     * @throws TwofoldException {@code TOKEN_NOT_APPROVED} (audited) without an approved request
     */
    public SecurityKeyInvitation inviteSecurityKey(Actor actor, String username) {
        User user = users.requireForUpdate(actor, username, AuditAction.DEVICE_ENROLL);
        TokenRequest approved = tokenRequests.requireApproved(actor, user, "security-key link");
        Device device = new Device(user, DeviceKind.SECURITY_KEY, displayName(null, DeviceKind.SECURITY_KEY), clock.instant());
        device.awaitActivation();
        em.persist(device);
        em.flush();
        audit.record(actor, user.getUsername(), AuditAction.DEVICE_ENROLL, "done", null, describe(device) + ", for token request " + approved.getId());
        String code = newLink(device.getId(), LINK_VALIDITY);
        Instant expires = clock.instant().plus(LINK_VALIDITY);
        audit.record(actor, user.getUsername(), AuditAction.DEVICE_ACTIVATION_LINK, "done", "security_key",
                "device " + device.getId() + ", token request " + approved.getId() + ", valid " + LINK_VALIDITY.toHours() + " h");
        return new SecurityKeyInvitation(device.getId(), linkOf(code), expires);
    }

    /** An activation link's single-use code for the device, stored as a keyed hash only, valid for {@code validity}. */
    private String newLink(long deviceId, Duration validity) {
        String code = secrets.codes().secret();
        Instant now = clock.instant();
        em.persist(new Activation(deviceId, Activation.Channel.LINK, secrets.hasher().hash(LINK_PURPOSE, 0, code),
                ACTIVATION_ATTEMPTS, now, now.plus(validity)));
        return code;
    }

    /** The activation link ({@code /activate?code=...}) of a link's code. */
    public static String linkOf(String code) {
        return Settings.current().publicUrl() + "activate?code=" + code;
    }

    /** Whether {@code code} is written as an activation link's code is (it says nothing of whether one exists). */
    public static boolean linkCodeShape(String code) {
        return code != null && code.matches("[A-Za-z0-9_-]{20,100}");
    }

    /**
     * A new user an integration enrolled with a smartphone whose number Twofold does not know: the
     * activation link's code (shown to the integration once, to hand to the person), the link
     * itself and when it expires.
     */
    public record UserInvitation(String username, long deviceId, String code, String link, Instant expiresAt) {
        /** The address of the link's QR code image ({@code /activate/qr?code=...}), to scan with the phone's camera. */
        public String barcode() {
            return Settings.current().publicUrl() + "activate/qr?code=" + code;
        }
    }

    /**
     * An integration enrolls a new user, as Duo's {@code /auth/v2/enroll} does: creates the user
     * (no display name, department or password: Twofold's other doors add them) and a smartphone
     * with the app, without a number, pending until its owner opens the activation link and types
     * a first code from the app ({@link #activateByLink}). Only while policy allows it ({@code
     * ApiEnrollment}, off by default: a caller who may create users could claim a username before
     * its owner exists). Nothing is texted: the integration hands the link to the person. Every
     * step is audited; a refusal changes nothing.
     *
     * @param validity how long the link works, 1 second to {@link #LINK_VALIDITY}
     * @throws TwofoldException {@code NOT_PERMITTED} when policy does not allow it, {@code
     *     USER_EXISTS}, {@code INVALID_VALUE} for a validity out of bounds or an implausible username
     */
    public UserInvitation inviteNewUser(Actor actor, String username, Duration validity) {
        if (!policies.current().apiEnrollment()) {
            audit.recordRefusal(actor, null, AuditAction.USER_ENROLL, "not_permitted", "ApiEnrollment is off");
            throw new TwofoldException(ErrorCode.NOT_PERMITTED, "enrolling users through the API is turned off (ApiEnrollment)");
        }
        if (validity.isNegative() || validity.isZero() || validity.compareTo(LINK_VALIDITY) > 0) {
            audit.recordRefusal(actor, null, AuditAction.USER_ENROLL, "invalid_value", "validity " + validity.toSeconds() + " s");
            throw new TwofoldException(ErrorCode.INVALID_VALUE, "validity: an activation link is valid from 1 to " + LINK_VALIDITY.toSeconds() + " seconds");
        }
        if (!Usernames.plausible(username)) {
            audit.recordRefusal(actor, null, AuditAction.USER_ENROLL, "invalid_value", "username");
            throw new TwofoldException(ErrorCode.INVALID_VALUE, "username may have 1 to 64 letters, digits and . _ - @");
        }
        User user = users.create(actor, username, null, null);
        em.flush();
        AppEnrollment app = enrollApp(actor, user.getUsername(), DeviceKind.SMARTPHONE, null, null, true);
        String code = newLink(app.deviceId(), validity);
        Instant expires = clock.instant().plus(validity);
        audit.record(actor, user.getUsername(), AuditAction.DEVICE_ACTIVATION_LINK, "done", "issued",
                "device " + app.deviceId() + ", valid " + validity.toSeconds() + " s");
        return new UserInvitation(user.getUsername(), app.deviceId(), code, linkOf(code), expires);
    }

    /** Where an activation link stands for the user it was issued to. */
    public enum LinkState {
        /** The device is activated: the link was used. */
        ACTIVATED,
        /** The device waits for its owner; the link still works. */
        WAITING,
        /** No such link for this user, or it expired or was voided. */
        INVALID
    }

    /** Whether the user has activated the device of the activation link with {@code code} (Duo's {@code enroll_status}); reads only. */
    public LinkState linkState(String username, String code) {
        if (!linkCodeShape(code) || !Usernames.plausible(username)) {
            return LinkState.INVALID;
        }
        Instant now = clock.instant();
        for (Activation a : em.createQuery("SELECT a FROM Activation a WHERE a.codeHash = :h AND a.channel = :c", Activation.class)
                .setParameter("h", secrets.hasher().hash(LINK_PURPOSE, 0, code)).setParameter("c", Activation.Channel.LINK).getResultList()) {
            Device d = em.find(Device.class, a.getDeviceId());
            if (d == null || !d.getUser().getUsername().equals(Usernames.canonical(username))) {
                continue;
            }
            if (a.used() && d.getState() == DeviceState.ACTIVE) {
                return LinkState.ACTIVATED;
            }
            if (a.usable(now) && d.getState() == DeviceState.PENDING) {
                return LinkState.WAITING;
            }
        }
        return LinkState.INVALID;
    }

    /**
     * What the activation page shows for a valid link: whose device, and the secret for the app
     * (both null for a security-key link, {@link #inviteSecurityKey}).
     */
    public record LinkActivation(long deviceId, String username, String deviceName, String otpauthUri, String secret) {
        /** Whether the link was issued for an authenticator app (else for a security key). */
        public boolean app() {
            return otpauthUri != null;
        }
    }

    /** The pending smartphone an activation link belongs to, if the link still works. */
    public Optional<LinkActivation> openLink(String code) {
        return link(code, false).map(a -> {
            Device d = em.find(Device.class, a.getDeviceId());
            if (d.getSealedSeed() == null) {
                return new LinkActivation(d.getId(), d.getUser().getUsername(), d.getName(), null, null);
            }
            byte[] seed = secrets.box().open(d.getSealedSeed(), Device.SEED_PURPOSE);
            try {
                return new LinkActivation(d.getId(), d.getUser().getUsername(), d.getName(), uri(d.getUser(), seed), Base32.encode(seed));
            } finally {
                Arrays.fill(seed, (byte) 0);
            }
        });
    }

    /**
     * Activates the smartphone of an activation link with a first code from its app. A wrong code
     * counts as a failed authentication and against the link's attempts.
     *
     * @throws TwofoldException {@code ACTIVATION_INVALID} if the link is unknown, used, voided or expired
     */
    public boolean activateByLink(Actor actor, String code, String firstCode) {
        Activation a = link(code, true).orElseThrow(() -> {
            audit.recordRefusal(actor, null, AuditAction.DEVICE_ACTIVATE, "activation_invalid", "link");
            return new TwofoldException(ErrorCode.ACTIVATION_INVALID);
        });
        Device device = em.find(Device.class, a.getDeviceId());
        User user = users.requireForUpdate(actor, device.getUser().getUsername(), AuditAction.DEVICE_ACTIVATE);
        return confirm(Actor.user(user.getUsername(), actor.origin()), user, device, firstCode, null, a);
    }

    /** Whose device an activation link is for: the user, and the device the link was issued with (pending). */
    public record LinkHolder(String username, long deviceId, DeviceKind kind) {
    }

    /**
     * The user a live activation link lets add a device (the link stands in for the password:
     * {@code org.twofold.auth.FirstLogin}), its row locked until the transaction ends, so that two
     * uses of one link are one after the other.
     *
     * @throws TwofoldException {@code ACTIVATION_INVALID} (audited) if the link is unknown, used, voided or expired
     */
    public LinkHolder holdLink(Actor actor, String code) {
        Activation a = link(code, true).orElseThrow(() -> {
            audit.recordRefusal(actor, null, AuditAction.DEVICE_ACTIVATE, "activation_invalid", "link");
            return new TwofoldException(ErrorCode.ACTIVATION_INVALID);
        });
        Device issuedWith = em.find(Device.class, a.getDeviceId());
        return new LinkHolder(issuedWith.getUser().getUsername(), a.getDeviceId(), issuedWith.getKind());
    }

    /** A wrong code was typed under a live activation link: it counts against the link's attempts (the last voids it). */
    public void failedUnderLink(String code) {
        link(code, true).ifPresent(Activation::failedAttempt);
    }

    /**
     * Device {@code activated} was verified and activated under the live activation link with
     * {@code code}: the link is spent and names that device (Duo's {@code enroll_status} answers
     * {@code success}); the device the link was issued with, if another and never activated, is
     * removed (its owner chose another kind). Audited as {@code device.activationLink → done (used)}.
     *
     * @throws TwofoldException {@code ACTIVATION_INVALID} (audited) if the link is no longer live
     */
    public void spendLink(Actor actor, String code, long activated) {
        Activation a = link(code, true).orElseThrow(() -> {
            audit.recordRefusal(actor, null, AuditAction.DEVICE_ACTIVATION_LINK, "activation_invalid", "link");
            return new TwofoldException(ErrorCode.ACTIVATION_INVALID);
        });
        long issuedWith = a.getDeviceId();
        Device device = em.find(Device.class, activated);
        if (device == null || device.getState() != DeviceState.ACTIVE
                || !device.getUser().getId().equals(em.find(Device.class, issuedWith).getUser().getId())) {
            throw new IllegalStateException("a link is spent on an active device of its own user");
        }
        boolean forToken = em.find(Device.class, issuedWith).getKind() == DeviceKind.SECURITY_KEY;
        if (forToken) {
            // a security-key link is the help desk's way of fulfilling an approved hardware-token request
            tokenRequests.fulfilWithSecurityKey(actor, device.getUser(), activated);
        }
        a.usedFor(activated, clock.instant());
        em.flush();
        String username = device.getUser().getUsername();
        if (issuedWith != activated) {
            // never activated, so never used: no request, code or text of it to end (Devices.remove would
            // disable it first, and disabling a phone revokes the user's SMS passcodes)
            Device replaced = em.find(Device.class, issuedWith);
            String what = describe(replaced);
            em.createQuery("DELETE FROM Activation a WHERE a.deviceId = :d").setParameter("d", issuedWith).executeUpdate();
            em.remove(replaced);
            audit.record(actor, username, AuditAction.DEVICE_REMOVE, "done", "replaced", what + ", replaced by device " + activated);
        }
        audit.record(actor, username, AuditAction.DEVICE_ACTIVATION_LINK, "done", "used", "device " + activated
                + (issuedWith == activated ? "" : " instead of device " + issuedWith + " (removed)"));
    }

    private Optional<Activation> link(String code, boolean forUpdate) {
        if (!linkCodeShape(code)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        var query = em.createQuery("SELECT a FROM Activation a WHERE a.codeHash = :h AND a.channel = :c", Activation.class)
                .setParameter("h", secrets.hasher().hash(LINK_PURPOSE, 0, code)).setParameter("c", Activation.Channel.LINK);
        if (forUpdate) {
            query.setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).setHint("eclipselink.refresh", "true");
        }
        return query.getResultList().stream().filter(a -> a.usable(now)).filter(a -> {
            Device d = em.find(Device.class, a.getDeviceId());
            return d != null && d.getState() == DeviceState.PENDING;
        }).findFirst();
    }

    /** The codes sent to verify the device's number (texted or read by a call), newest first. */
    private List<Activation> numberActivations(long deviceId) {
        return em.createQuery("SELECT a FROM Activation a WHERE a.deviceId = :d AND a.channel IN :c ORDER BY a.id DESC", Activation.class)
                .setParameter("d", deviceId).setParameter("c", List.of(Activation.Channel.TEXT, Activation.Channel.CALL)).getResultList();
    }

    /**
     * Adds the device of a security key or passkey whose credential was just verified (by {@code
     * org.twofold.webauthn.SecurityKeys}, in the same transaction): active at once, audited. Its id
     * is the id of the credential stored with it.
     */
    public long enrollSecurityKey(Actor actor, User user, String name, String detail) {
        Device device = new Device(user, DeviceKind.SECURITY_KEY, displayName(name, DeviceKind.SECURITY_KEY), clock.instant());
        em.persist(device);
        em.flush();
        audit.record(actor, user.getUsername(), AuditAction.DEVICE_ENROLL, "done", null, describe(device) + (detail == null ? "" : ", " + detail));
        return device.getId();
    }

    /**
     * Starts enrolling the Twofold approval app (for {@code org.twofold.webpush.ApprovalApps}, in
     * the same transaction): a smartphone without a number that only receives pushes, pending until
     * the app registers its push subscription and device key ({@link #approvalAppRegistered}).
     * Audited as an enrollment.
     */
    public long beginApprovalApp(Actor actor, User user, String name) {
        Device device = new Device(user, DeviceKind.SMARTPHONE, displayName(name == null || name.isBlank() ? "Approval app" : name, DeviceKind.SMARTPHONE),
                clock.instant());
        device.runsApprovalApp();
        device.awaitActivation();
        em.persist(device);
        em.flush();
        audit.record(actor, user.getUsername(), AuditAction.DEVICE_ENROLL, "done", null, describe(device) + ", approval app");
        return device.getId();
    }

    /**
     * The approval app of pending (or stale, enrolled again) device {@code deviceId} registered:
     * the device is active. For {@code org.twofold.webpush.ApprovalApps}, which audits the registration.
     */
    public void approvalAppRegistered(long deviceId) {
        Device device = em.find(Device.class, deviceId);
        if (device == null || !device.isApprovalApp() || device.getState() == DeviceState.DISABLED) {
            throw new TwofoldException(ErrorCode.ACTIVATION_INVALID);
        }
        device.activate();
    }

    private static String displayName(String name, DeviceKind kind) {
        if (name == null || name.isBlank()) {
            return kind.name().charAt(0) + kind.name().substring(1).toLowerCase(Locale.ROOT).replace('_', ' ');
        }
        String n = name.trim();
        return DisplayName.checked(DisplayName.shortened(n), "device");
    }

    static String describe(Device d) {
        return "device " + d.getId() + " " + d.getKind().name().toLowerCase(Locale.ROOT) + " '" + d.getName() + "'"
                + (d.getMaskedNumber() == null ? "" : " " + d.getMaskedNumber()) + (d.getExtension() == null ? "" : " ext. " + d.getExtension())
                + (d.getState() == DeviceState.ACTIVE ? "" : " " + d.getState().name().toLowerCase(Locale.ROOT));
    }
}
