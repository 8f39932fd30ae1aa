package org.twofold.web.login;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.text.MessageFormat;
import java.util.MissingResourceException;
import java.util.Optional;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.auth.FirstLogin;
import org.twofold.auth.Verdict;
import org.twofold.device.DeviceView;
import org.twofold.device.Enrollment;
import org.twofold.web.portal.QrCode;
import org.twofold.webauthn.Ceremony;

/**
 * Backs the login prompt's first-login enrollment ("Add a device to log in", {@code /} after the
 * password, for a user without an active device while policy {@code NewUserPolicy} is {@code
 * enroll}): the person chooses an authenticator app (a QR code and its key, confirmed by a first
 * code from the app), a security key or passkey (the browser's registration ceremony), a mobile
 * phone (confirmed by the code texted to it) or a landline (by the code a call reads), and once
 * the device is verified the login completes as {@link LoginPrompt} completes every login. Every
 * decision is {@link FirstLogin}'s; this bean only translates. The device being added and the
 * ceremony under way are held here (view state), never in form fields.
 */
@Named
@ViewScoped
public class FirstDevice implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int QR_SIZE_PX = 220;

    /** The kinds the prompt offers. */
    public enum Kind {
        APP, SECURITY_KEY, MOBILE_PHONE, LANDLINE
    }

    @Inject
    private FirstLogin firstLogin;

    @Inject
    private LoginPrompt prompt;

    private Kind kind = Kind.APP;
    private String number;
    private String extension;
    private transient String code;
    /** The device waiting for its code; null while the person chooses. */
    private Long pendingId;
    private Kind pendingKind;
    private String qr;
    private String secret;
    private String masked;
    /** A registration under way, kept here until the browser answers it once. */
    private Ceremony keyCeremony;
    private transient String keyResponse;

    /** After the password: whether a new user's way applies (and which); {@link FirstLogin.Next#SECOND_FACTOR} otherwise. */
    FirstLogin.Next afterPassword(Actor person) {
        clear();
        return firstLogin.afterPassword(person);
    }

    /** "Continue": starts adding the chosen device (the security key's ceremony goes to the browser). */
    public void begin() {
        if (!enrolling() || pendingId != null) {
            return;
        }
        try {
            switch (kind == null ? Kind.APP : kind) {
                case APP -> {
                    Enrollment.AppEnrollment app = firstLogin.addApp(actor(), null);
                    pending(app.deviceId(), Kind.APP, null);
                    secret = app.secret();
                    qr = QrCode.svg(app.otpauthUri(), QR_SIZE_PX, text("portal.qrLabel"));
                }
                case MOBILE_PHONE -> {
                    DeviceView phone = firstLogin.addMobilePhone(actor(), number, null);
                    pending(phone.id(), Kind.MOBILE_PHONE, phone.maskedNumber());
                }
                case LANDLINE -> {
                    DeviceView line = firstLogin.addLandline(actor(), number, extension, null);
                    pending(line.id(), Kind.LANDLINE, line.maskedNumber());
                }
                case SECURITY_KEY -> keyCeremony = firstLogin.beginSecurityKey(actor());
            }
        } catch (RuntimeException e) {
            error(e);
        }
    }

    /** "Confirm and log in": the code the app shows, or the one texted or read by the call. */
    public void confirm() {
        String typed = code;
        code = null;
        if (!enrolling() || pendingId == null) {
            return;
        }
        try {
            Verdict verdict = firstLogin.confirm(actor(), pendingId, typed);
            if (verdict.allowed()) {
                clear();
                prompt.completeFirstDevice(verdict.factor());
            } else {
                error(pendingKind == Kind.APP ? "portal.wrongAppCode" : pendingKind == Kind.LANDLINE ? "portal.wrongCallCode" : "portal.wrongTextCode");
            }
        } catch (RuntimeException e) {
            error(e);
        }
    }

    /** The browser's answer to the registration: the key is added and the login completes if it verifies. */
    public void finishSecurityKey() {
        Ceremony ceremony = keyCeremony;
        keyCeremony = null; // answered once
        String response = keyResponse;
        keyResponse = null;
        if (!enrolling() || ceremony == null) {
            return;
        }
        try {
            Verdict verdict = firstLogin.addSecurityKey(actor(), ceremony, response, null);
            clear();
            prompt.completeFirstDevice(verdict.factor());
        } catch (RuntimeException e) {
            error(e);
        }
    }

    /** The person cancelled the browser's request, or the browser cannot: nothing was added. */
    public void abortSecurityKey() {
        if (keyCeremony != null) {
            keyCeremony = null;
            error("prompt.keyCancelled");
        }
    }

    /** "Choose another device": the device waiting for its code is abandoned. */
    public void another() {
        if (enrolling() && pendingId != null) {
            firstLogin.abandon(actor(), pendingId);
        }
        clear();
    }

    private void pending(long id, Kind k, String maskedNumber) {
        pendingId = id;
        pendingKind = k;
        masked = maskedNumber;
        number = null;
        extension = null;
    }

    private void clear() {
        pendingId = null;
        pendingKind = null;
        qr = null;
        secret = null;
        masked = null;
        keyCeremony = null;
        number = null;
        extension = null;
    }

    private boolean enrolling() {
        return prompt.getStep() == LoginPrompt.Step.ENROLL;
    }

    private Actor actor() {
        return Actor.user(prompt.getAuthenticatedUser(), org.twofold.web.ClientAddress.ofFacesRequest());
    }

    private static String text(String key, Object... args) {
        FacesContext fc = FacesContext.getCurrentInstance();
        String pattern = fc.getApplication().getResourceBundle(fc, "msg").getString(key);
        return args.length == 0 ? pattern : MessageFormat.format(pattern, args);
    }

    private static void error(String key) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text(key), null));
    }

    /** A domain error as the bundle's {@code error.<CODE>} text, or the code's own. */
    private static void error(RuntimeException e) {
        Optional<TwofoldException> te = TwofoldException.in(e);
        if (te.isEmpty()) {
            throw e;
        }
        ErrorCode c = te.get().code();
        String message;
        try {
            message = text("error." + c.name());
        } catch (MissingResourceException missing) {
            message = c.text();
        }
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
    }

    public Kind getKind() {
        return kind;
    }

    public void setKind(Kind kind) {
        this.kind = kind;
    }

    public Kind[] getKinds() {
        return Kind.values();
    }

    /** What the device menu calls {@code k}. */
    public String label(Kind k) {
        return text("enroll.kind." + k.name());
    }

    public String getNumber() {
        return number;
    }

    public void setNumber(String number) {
        this.number = number;
    }

    public String getExtension() {
        return extension;
    }

    public void setExtension(String extension) {
        this.extension = extension;
    }

    public String getCode() {
        return null;
    }

    public void setCode(String code) {
        this.code = code;
    }

    /** Whether a device waits for its code (the confirm form shows). */
    public boolean isPending() {
        return pendingId != null;
    }

    public String getPendingKind() {
        return pendingKind == null ? null : pendingKind.name();
    }

    public String getQr() {
        return qr;
    }

    public String getSecret() {
        return secret;
    }

    public String getMasked() {
        return masked;
    }

    /** The options of the registration under way, for the browser; null when none is. */
    public String getKeyOptions() {
        return keyCeremony == null ? null : keyCeremony.options();
    }

    public String getKeyResponse() {
        return null;
    }

    public void setKeyResponse(String keyResponse) {
        this.keyResponse = keyResponse;
    }
}
