package org.twofold.auth;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.List;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.device.DeviceKind;
import org.twofold.device.DeviceState;
import org.twofold.device.DeviceView;
import org.twofold.device.Devices;
import org.twofold.device.Enrollment;
import org.twofold.device.PhoneNumber;
import org.twofold.device.TokenRequestView;
import org.twofold.device.TokenRequests;
import org.twofold.directory.DirectoryAccounts;
import org.twofold.directory.DirectoryPhones;
import org.twofold.user.Users;
import org.twofold.webauthn.Ceremony;
import org.twofold.webauthn.SecurityKeys;
import org.twofold.webpush.ApprovalApps;

/**
 * The self-service use case of the authentication facade: what a logged-in person changes about
 * their own second factors, from any door that offers it (today the portal's pages). The person
 * is the {@link Actor} (a user), never a field of the request; each change that could hand the
 * account to someone else — adding, confirming, renaming or removing a device, the default
 * factor, the identity-proof PIN, deciding a token request — needs a second factor proven in this
 * session within {@code PortalStepUpMinutes} ({@link StepUp}: refused, audited, nothing changed,
 * otherwise). Asking for a hardware token, forgetting remembered browsers and abandoning a device
 * still being added need none: they give nothing to whoever holds the session. Each call is one
 * transaction; the services behind it audit every change.
 */
@Stateless
public class SelfService {
    @EJB
    private StepUp stepUp;

    @EJB
    private Devices devices;

    @EJB
    private Enrollment enrollment;

    @EJB
    private TokenRequests tokenRequests;

    @EJB
    private Users users;

    @EJB
    private RememberedBrowsers browsers;

    @EJB
    private SecurityKeys securityKeys;

    @EJB
    private ApprovalApps approvalApps;

    @EJB
    private DirectoryAccounts directoryAccounts;

    /** Whether the session may change settings now (so that a page offers the step-up first). */
    public boolean mayChange(Actor person, LoginProof proof) {
        return stepUp.fresh(own(person, proof));
    }

    /** Starts adding an authenticator app (smartphone or tablet): its QR/secret, and a code texted to its number if one is given. */
    public Enrollment.AppEnrollment addApp(Actor person, LoginProof proof, DeviceKind kind, String number, String name) {
        String username = steppedUp(person, proof, AuditAction.DEVICE_ENROLL);
        return enrollment.beginAuthenticatorApp(person, username, kind, number, name);
    }

    /** Starts adding a mobile phone: a code is texted to it. */
    public DeviceView addMobilePhone(Actor person, LoginProof proof, String number, String name) {
        return enrollment.beginPhone(person, steppedUp(person, proof, AuditAction.DEVICE_ENROLL), number, name);
    }

    /** Starts adding a landline: it is called and reads a code. */
    public DeviceView addLandline(Actor person, LoginProof proof, String number, String extension, String name) {
        return enrollment.beginLandline(person, steppedUp(person, proof, AuditAction.DEVICE_ENROLL), number, extension, name);
    }

    /** The directory's phone numbers of the person that no device of theirs has, offered to enroll (never trusted as verified). */
    public List<DirectoryPhones.Offer> directoryPhones(Actor person) {
        return directoryAccounts.offeredPhones(username(person));
    }

    /**
     * Starts adding the directory's mobile (texted a code) or telephone number (called, reading a
     * code) as a device: the same enrollment as a number typed in, so it is verified before use.
     *
     * @throws TwofoldException {@code INVALID_VALUE} if the directory has no such number on offer
     */
    public DeviceView addDirectoryPhone(Actor person, LoginProof proof, DirectoryPhones.Source source, String name) {
        String username = steppedUp(person, proof, AuditAction.DEVICE_ENROLL);
        PhoneNumber number = directoryAccounts.offeredNumber(username, source);
        if (number == null) {
            throw new TwofoldException(ErrorCode.INVALID_VALUE, "the directory has no such phone number to enroll");
        }
        return source == DirectoryPhones.Source.MOBILE ? enrollment.beginPhone(person, username, number.e164(), name)
                : enrollment.beginLandline(person, username, number.e164(), null, name);
    }

    /** Confirms a device being added with the codes it shows or received; false if they are wrong. */
    public boolean confirm(Actor person, LoginProof proof, long deviceId, String code, String numberCode) {
        return enrollment.activate(person, steppedUp(person, proof, AuditAction.DEVICE_ACTIVATE), deviceId, code, numberCode);
    }

    /**
     * Starts adding a security key or passkey: the ceremony whose options the page gives to
     * {@code navigator.credentials.create}; the page keeps it in its session and hands it back
     * once, with the answer, to {@link #addSecurityKey}.
     */
    public Ceremony beginSecurityKey(Actor person, LoginProof proof) {
        return securityKeys.beginRegistration(person, steppedUp(person, proof, AuditAction.DEVICE_ENROLL));
    }

    /**
     * Adds the security key or passkey whose answer to {@code ceremony} verifies, named {@code name}, active at once.
     *
     * @throws TwofoldException {@code SECURITY_KEY_REFUSED} (audited) if it does not verify
     */
    public DeviceView addSecurityKey(Actor person, LoginProof proof, Ceremony ceremony, String response, String name) {
        return securityKeys.register(person, steppedUp(person, proof, AuditAction.DEVICE_ENROLL), ceremony, response, name);
    }

    /**
     * Starts adding the Twofold approval app: a device waiting for it, and the one-time link (and
     * code) that opens the app on the phone, where it registers its push subscription and key.
     */
    public ApprovalApps.Invitation addApprovalApp(Actor person, LoginProof proof, String name) {
        return approvalApps.begin(person, steppedUp(person, proof, AuditAction.DEVICE_ENROLL), name);
    }

    /**
     * Abandons a device still being added (never confirmed); a device in use is removed only with
     * {@link #remove}, which needs the step-up.
     *
     * @throws TwofoldException {@code DEVICE_NOT_FOUND} if {@code deviceId} is not one of the person's pending devices
     */
    public void abandon(Actor person, long deviceId) {
        String username = username(person);
        boolean pending = devices.list(username).stream().anyMatch(d -> d.id() == deviceId && d.state() == DeviceState.PENDING);
        if (!pending) {
            throw new TwofoldException(ErrorCode.DEVICE_NOT_FOUND);
        }
        devices.remove(person, username, deviceId);
    }

    public void rename(Actor person, LoginProof proof, long deviceId, String name) {
        devices.rename(person, steppedUp(person, proof, AuditAction.DEVICE_RENAME), deviceId, name);
    }

    public void remove(Actor person, LoginProof proof, long deviceId) {
        devices.remove(person, steppedUp(person, proof, AuditAction.DEVICE_REMOVE), deviceId);
    }

    /** The device and factor a login starts with when the person does not choose. */
    public void choosePreferences(Actor person, LoginProof proof, Long deviceId, String factor) {
        devices.choosePreferences(person, steppedUp(person, proof, AuditAction.DEVICE_PREFERENCES), deviceId, factor);
    }

    /** The identity-proof PIN the help desk asks for before issuing a bypass code. */
    public void setPin(Actor person, LoginProof proof, String dateOfBirth, String pin) {
        users.setPin(person, steppedUp(person, proof, AuditAction.USER_IDENTITY_PROOF), dateOfBirth, pin);
    }

    public TokenRequestView requestToken(Actor person) {
        return tokenRequests.request(person, username(person));
    }

    /** A department approver's decision on a hardware-token request. */
    public TokenRequestView decideTokenRequest(Actor person, LoginProof proof, long requestId, boolean approve) {
        String username = steppedUp(person, proof, approve ? AuditAction.TOKEN_APPROVE : AuditAction.TOKEN_DENY);
        return tokenRequests.decide(person, username, requestId, approve);
    }

    /** Forgets every browser the person asked to be remembered; returns how many. */
    public int forgetBrowsers(Actor person) {
        return browsers.forgetAll(person, username(person));
    }

    /** The person's username, once the session's proof allows {@code change} now (else refused, audited). */
    private String steppedUp(Actor person, LoginProof proof, AuditAction change) {
        String username = username(person);
        stepUp.require(person, own(person, proof), change);
        return username;
    }

    /** The proof if it is the person's own; a proof of another login is none. */
    private static LoginProof own(Actor person, LoginProof proof) {
        return proof != null && person != null && person.kind() == Actor.Kind.USER && proof.username().equals(person.id()) ? proof : null;
    }

    private static String username(Actor person) {
        if (person == null || person.kind() != Actor.Kind.USER || Actor.UNKNOWN.equals(person.id())) {
            throw new IllegalArgumentException("self-service is done by a known user");
        }
        return person.id();
    }
}
