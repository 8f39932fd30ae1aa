package org.twofold.auth;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.device.DeviceKind;
import org.twofold.device.DeviceState;
import org.twofold.device.DeviceView;
import org.twofold.device.Devices;
import org.twofold.device.Enrollment;
import org.twofold.user.User;
import org.twofold.user.Users;
import org.twofold.webauthn.Ceremony;
import org.twofold.webauthn.SecurityKeys;
import org.twofold.webpush.ApprovalApps;

/**
 * The first-login use case of the authentication facade: what a user who passed the password but
 * has no active device (and no live single-use code: preauth's {@code enroll}) meets, as policy
 * {@code NewUserPolicy} says — the rule is preauth's ({@link PreauthAnswer#decide}), so every door
 * answers such a user alike. With {@code enroll} (the default) the person adds a first device on
 * the prompt, through the same {@link Enrollment} as the portal: an authenticator app confirmed by
 * a first code from it, a mobile phone by the code texted to it, a landline by the code a call
 * reads, or a security key or passkey by its registration ceremony — and only a device so
 * verified logs them in ({@link #confirm}, {@link #addSecurityKey}); a wrong code counts as a
 * failed authentication. With {@code deny} they are refused; with {@code allow} they are let in
 * without a second factor. Every decision is audited as {@code auth.newUser}. Each enrollment
 * call checks again, in its own transaction, that the person is still a new user under {@code
 * enroll}: a user with an active device cannot add one here (that is the portal's, behind a
 * second factor), so this is no way around the second factor.
 *
 * <p>The same flow serves an activation link ({@code /activate?code=...}): with an {@link
 * EnrollmentPass} the link's single-use, expiring code stands in for the password — the same
 * kinds ({@link FirstDeviceKind}, started in {@link #begin}), the same verification before anything
 * is active — and a verified device spends the link instead of completing a login.
 */
@Stateless
public class FirstLogin {
    /** The factor of a login completed by verifying a first device (the prompt's and the audit's word). */
    public static final String FACTOR = "first_device";

    /** Where the prompt goes after the password. */
    public enum Next {
        /** Not a new user: the usual second factor. */
        SECOND_FACTOR,
        /** A new user under {@code enroll}: adds a first device, then is logged in. */
        ENROLL,
        /** A new user under {@code deny}: refused. */
        DENIED,
        /** A new user under {@code allow}: logged in without a second factor. */
        ALLOWED
    }

    private static final List<FirstDeviceKind> EVERY_KIND = List.of(FirstDeviceKind.values());

    @EJB
    private Users users;

    @EJB
    private Preauthentication preauthentication;

    @EJB
    private Enrollment enrollment;

    @EJB
    private SecurityKeys securityKeys;

    @EJB
    private ApprovalApps apps;

    @EJB
    private Devices devices;

    @EJB
    private AuditTrail audit;

    /**
     * What follows the password for {@code person} (a user whose password was just accepted): a
     * new user's way is audited ({@code auth.newUser → enroll}, {@code deny (new_user_denied)},
     * {@code allow (new_user_allowed)}).
     */
    public Next afterPassword(Actor person) {
        User user = users.require(person, username(person), AuditAction.AUTH_NEW_USER);
        PreauthAnswer answer = preauthentication.answer(user);
        return switch (answer.reason()) {
            case NO_DEVICE -> {
                audit.record(person, user.getUsername(), AuditAction.AUTH_NEW_USER, "enroll", null, "no active device: first device on the prompt");
                yield Next.ENROLL;
            }
            case NEW_USER_DENIED -> {
                audit.record(person, user.getUsername(), AuditAction.AUTH_NEW_USER, "deny", reason(answer), "no active device, NewUserPolicy deny");
                yield Next.DENIED;
            }
            case NEW_USER_ALLOWED -> {
                audit.record(person, user.getUsername(), AuditAction.AUTH_NEW_USER, "allow", reason(answer), "no active device, NewUserPolicy allow: no second factor");
                yield Next.ALLOWED;
            }
            default -> Next.SECOND_FACTOR;
        };
    }

    /**
     * A first device being added: its kind and id (none yet for a security key, whose ceremony is
     * under way), and what the person needs to confirm it — the {@code otpauth://} URI of an app
     * (shown once), the masked number a code was texted to or is read to, the registration
     * ceremony for {@code navigator.credentials.create}, or the one-time link that opens the
     * approval app on the phone.
     */
    public record Started(FirstDeviceKind kind, Long deviceId, String otpauthUri, String maskedNumber, Ceremony ceremony, String appLink) {
        /** The Base32 secret inside an app's URI, for typing into an app by hand; null for other kinds. */
        public String secret() {
            return otpauthUri == null ? null : new Enrollment.AppEnrollment(deviceId, otpauthUri, null).secret();
        }
    }

    /**
     * Starts adding a first device of {@code kind} for the holder of {@code pass}: the one place a
     * kind is started (see {@link FirstDeviceKind}). Nothing is active until {@link #confirm} or
     * {@link #addSecurityKey}.
     *
     * @param number the phone's number (mobile phone, landline), else ignored
     * @param extension a landline's extension, optional
     * @throws TwofoldException {@code NOT_PERMITTED} (audited) for a password that is not a new
     *     user's under {@code enroll}; {@code ACTIVATION_INVALID} (audited) for a link no longer live;
     *     the enrollment's own refusals (an invalid number, too many numbers verified)
     */
    public Started begin(EnrollmentPass pass, FirstDeviceKind kind, String number, String extension) {
        Holder h = holder(pass, AuditAction.DEVICE_ENROLL);
        if (!h.kinds().contains(kind)) {
            audit.recordRefusal(h.person(), h.username(), AuditAction.DEVICE_ENROLL, "not_permitted", "a security-key link adds a security key, not " + kind);
            throw new TwofoldException(ErrorCode.NOT_PERMITTED, "This link adds a security key or passkey only.");
        }
        return switch (kind) {
            case APP -> {
                Enrollment.AppEnrollment app = enrollment.beginAuthenticatorApp(h.person(), h.username(), DeviceKind.SMARTPHONE, null, null);
                yield new Started(kind, app.deviceId(), app.otpauthUri(), null, null, null);
            }
            case MOBILE_PHONE -> {
                DeviceView phone = enrollment.beginPhone(h.person(), h.username(), number, null);
                yield new Started(kind, phone.id(), null, phone.maskedNumber(), null, null);
            }
            case LANDLINE -> {
                DeviceView line = enrollment.beginLandline(h.person(), h.username(), number, extension, null);
                yield new Started(kind, line.id(), null, line.maskedNumber(), null, null);
            }
            case APPROVAL_APP -> {
                ApprovalApps.Invitation app = apps.begin(h.person(), h.username(), null);
                yield new Started(kind, app.deviceId(), null, null, null, app.link());
            }
            case SECURITY_KEY -> new Started(kind, null, null, null, securityKeys.beginRegistration(h.person(), h.username()), null);
        };
    }

    /**
     * The kinds {@code pass} lets its holder add: every kind, except under a link the help desk
     * issued to fulfil a hardware-token request with a security key, which adds a security key only.
     *
     * @throws TwofoldException as {@link #begin}, when the pass no longer holds
     */
    public List<FirstDeviceKind> kinds(EnrollmentPass pass) {
        return holder(pass, AuditAction.DEVICE_ENROLL).kinds();
    }

    /** {@link #confirm(EnrollmentPass, long, String)} for a new user who passed the password. */
    public Verdict confirm(Actor person, long deviceId, String code) {
        return confirm(EnrollmentPass.password(person), deviceId, code);
    }

    /**
     * Confirms the device being added with the code it shows (an app) or received (a text, a call):
     * allowed only when the device is now active — for a new user the login is complete; an
     * activation link is spent ({@link Enrollment#spendLink}). A wrong code is a failed
     * authentication (counted toward lockout) and, under a link, counts against the link's
     * attempts; nothing else lets a person in here.
     *
     * @throws TwofoldException {@code NOT_PERMITTED} if a password's person is not a new user under
     *     {@code enroll}; {@code ACTIVATION_INVALID} for a link no longer live; {@code
     *     DEVICE_NOT_FOUND} if the device is not theirs or not pending
     */
    public Verdict confirm(EnrollmentPass pass, long deviceId, String code) {
        Holder h = holder(pass, AuditAction.DEVICE_ACTIVATE);
        if (!enrollment.activate(h.person(), h.username(), deviceId, code)) {
            if (pass.isLink()) {
                enrollment.failedUnderLink(pass.linkCode());
            }
            return Verdict.deny(Verdict.Reason.INVALID_PASSCODE, FACTOR);
        }
        return completed(h, deviceId, "device " + deviceId);
    }

    /**
     * Whether the approval app {@link #begin} started as {@code deviceId} has registered from the
     * phone (with the one-time code of the link only this page showed): then the device is verified,
     * as {@link #confirm(EnrollmentPass, long, String)} completes; empty while the phone has not.
     * The app's registration made the device active, so a password's holder is no longer a new
     * user here: the device must be theirs, an approval app, registered and active, and the
     * account still one that may log in.
     *
     * @throws TwofoldException {@code ACTIVATION_INVALID} for a link no longer live; {@code
     *     NOT_PERMITTED} (audited) for an account locked out or disabled meanwhile
     */
    public Optional<Verdict> approvalAppRegistered(EnrollmentPass pass, long deviceId) {
        Holder h;
        if (pass.isLink()) {
            h = holder(pass, AuditAction.DEVICE_ACTIVATE);
        } else {
            User user = users.require(pass.person(), username(pass.person()), AuditAction.DEVICE_ACTIVATE);
            if (!user.mayAuthenticate()) { // locked out or disabled since the app was begun
                audit.recordRefusal(pass.person(), user.getUsername(), AuditAction.DEVICE_ACTIVATE, "not_permitted", "first-login enrollment: " + user.getStatus());
                throw new TwofoldException(ErrorCode.NOT_PERMITTED, "This account cannot log in now.");
            }
            h = new Holder(pass.person(), user.getUsername(), pass, EVERY_KIND);
        }
        if (!apps.registered(h.username(), deviceId)) {
            return Optional.empty();
        }
        return Optional.of(completed(h, deviceId, "device " + deviceId + " approval app"));
    }

    /** Starts adding a security key or passkey for a new user: the ceremony for {@code navigator.credentials.create}, answered once to {@link #addSecurityKey}. */
    public Ceremony beginSecurityKey(Actor person) {
        return begin(EnrollmentPass.password(person), FirstDeviceKind.SECURITY_KEY, null, null).ceremony();
    }

    /** {@link #addSecurityKey(EnrollmentPass, Ceremony, String, String)} for a new user who passed the password. */
    public Verdict addSecurityKey(Actor person, Ceremony ceremony, String response, String name) {
        return addSecurityKey(EnrollmentPass.password(person), ceremony, response, name);
    }

    /**
     * Adds the security key or passkey whose answer to {@code ceremony} verifies, active at once:
     * its registration is the verification; then as {@link #confirm(EnrollmentPass, long, String)}.
     *
     * @throws TwofoldException {@code SECURITY_KEY_REFUSED} (audited) if it does not verify; the
     *     refusals of {@link #confirm(EnrollmentPass, long, String)}
     */
    public Verdict addSecurityKey(EnrollmentPass pass, Ceremony ceremony, String response, String name) {
        Holder h = holder(pass, AuditAction.DEVICE_ENROLL);
        DeviceView key = securityKeys.register(h.person(), h.username(), ceremony, response, name);
        return completed(h, key.id(), "device " + key.id() + " security key");
    }

    /** Abandons the device a new user was adding (never confirmed): they choose another. */
    public void abandon(Actor person, long deviceId) {
        abandon(EnrollmentPass.password(person), deviceId);
    }

    /**
     * Abandons the device being added (never confirmed): the person chooses another. Only a
     * pending device, and never the one an activation link was issued with (the link's own).
     */
    public void abandon(EnrollmentPass pass, long deviceId) {
        String username;
        Actor person;
        if (pass.isLink()) {
            Enrollment.LinkHolder link = enrollment.holdLink(pass.person(), pass.linkCode());
            if (link.deviceId() == deviceId) {
                return;
            }
            username = link.username();
            person = Actor.user(username, pass.person().origin());
        } else {
            username = username(pass.person());
            person = pass.person();
        }
        if (devices.list(username).stream().anyMatch(d -> d.id() == deviceId && d.state() == DeviceState.PENDING)) {
            devices.remove(person, username, deviceId);
        }
    }

    /** Who acts for whom under {@code pass} (the user themselves), and which kinds they may add. */
    private record Holder(Actor person, String username, EnrollmentPass pass, List<FirstDeviceKind> kinds) {
    }

    /** The person and username {@code pass} stands for now; refused (audited) when it no longer holds. */
    private Holder holder(EnrollmentPass pass, AuditAction action) {
        if (pass.isLink()) {
            Enrollment.LinkHolder link = enrollment.holdLink(pass.person(), pass.linkCode());
            List<FirstDeviceKind> kinds = link.kind() == DeviceKind.SECURITY_KEY ? List.of(FirstDeviceKind.SECURITY_KEY) : EVERY_KIND;
            return new Holder(Actor.user(link.username(), pass.person().origin()), link.username(), pass, kinds);
        }
        return new Holder(pass.person(), newUser(pass.person(), action), pass, EVERY_KIND);
    }

    private Verdict completed(Holder h, long deviceId, String detail) {
        if (h.pass().isLink()) {
            enrollment.spendLink(h.person(), h.pass().linkCode(), deviceId);
        } else {
            audit.record(h.person(), h.username(), AuditAction.AUTH_NEW_USER, "allow", null, "first device verified: " + detail);
        }
        return Verdict.allow(FACTOR);
    }

    /** The person's username while they are a new user under {@code enroll}; otherwise refused (audited). */
    private String newUser(Actor person, AuditAction action) {
        User user = users.require(person, username(person), action);
        PreauthAnswer answer = preauthentication.answer(user);
        if (answer.reason() != PreauthAnswer.Reason.NO_DEVICE) {
            audit.recordRefusal(person, user.getUsername(), action, "not_a_new_user", "first-login enrollment: preauth " + answer.result().keyword());
            throw new TwofoldException(ErrorCode.NOT_PERMITTED, "Only a user without an active device adds one when logging in.");
        }
        return user.getUsername();
    }

    private static String reason(PreauthAnswer answer) {
        return answer.reason().name().toLowerCase(Locale.ROOT);
    }

    private static String username(Actor person) {
        if (person == null || person.kind() != Actor.Kind.USER || Actor.UNKNOWN.equals(person.id())) {
            throw new IllegalArgumentException("a first device is added by a known user");
        }
        return person.id();
    }
}
