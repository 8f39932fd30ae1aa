package org.twofold.auth;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.Locale;
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

    @Inject
    private Users users;

    @Inject
    private Preauthentication preauthentication;

    @Inject
    private Enrollment enrollment;

    @Inject
    private SecurityKeys securityKeys;

    @Inject
    private Devices devices;

    @Inject
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

    /** Starts adding an authenticator app (a smartphone without a number): its QR code and secret, once. */
    public Enrollment.AppEnrollment addApp(Actor person, String name) {
        return enrollment.beginAuthenticatorApp(person, newUser(person, AuditAction.DEVICE_ENROLL), DeviceKind.SMARTPHONE, null, name);
    }

    /** Starts adding a mobile phone: a code is texted to it. */
    public DeviceView addMobilePhone(Actor person, String number, String name) {
        return enrollment.beginPhone(person, newUser(person, AuditAction.DEVICE_ENROLL), number, name);
    }

    /** Starts adding a landline: it is called, and the call reads a code. */
    public DeviceView addLandline(Actor person, String number, String extension, String name) {
        return enrollment.beginLandline(person, newUser(person, AuditAction.DEVICE_ENROLL), number, extension, name);
    }

    /**
     * Confirms the device being added with the code it shows (an app) or received (a text, a call):
     * allowed — the login is complete — only when the device is now active; a wrong code is a
     * failed authentication (counted toward lockout), and nothing else lets a new user in here.
     *
     * @throws TwofoldException {@code NOT_PERMITTED} if the person is not a new user under {@code enroll};
     *     {@code DEVICE_NOT_FOUND} if the device is not theirs or not pending
     */
    public Verdict confirm(Actor person, long deviceId, String code) {
        String username = newUser(person, AuditAction.DEVICE_ACTIVATE);
        if (!enrollment.activate(person, username, deviceId, code)) {
            return Verdict.deny(Verdict.Reason.INVALID_PASSCODE, FACTOR);
        }
        return completed(person, username, "device " + deviceId);
    }

    /** Starts adding a security key or passkey: the ceremony for {@code navigator.credentials.create}, answered once to {@link #addSecurityKey}. */
    public Ceremony beginSecurityKey(Actor person) {
        return securityKeys.beginRegistration(person, newUser(person, AuditAction.DEVICE_ENROLL));
    }

    /**
     * Adds the security key or passkey whose answer to {@code ceremony} verifies, active at once:
     * its registration is the verification, and the login is complete.
     *
     * @throws TwofoldException {@code SECURITY_KEY_REFUSED} (audited) if it does not verify; {@code NOT_PERMITTED} as {@link #confirm}
     */
    public Verdict addSecurityKey(Actor person, Ceremony ceremony, String response, String name) {
        String username = newUser(person, AuditAction.DEVICE_ENROLL);
        DeviceView key = securityKeys.register(person, username, ceremony, response, name);
        return completed(person, username, "device " + key.id() + " security key");
    }

    /** Abandons the device being added (never confirmed): the person chooses another. */
    public void abandon(Actor person, long deviceId) {
        String username = username(person);
        if (devices.list(username).stream().anyMatch(d -> d.id() == deviceId && d.state() == DeviceState.PENDING)) {
            devices.remove(person, username, deviceId);
        }
    }

    private Verdict completed(Actor person, String username, String detail) {
        audit.record(person, username, AuditAction.AUTH_NEW_USER, "allow", null, "first device verified: " + detail);
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
