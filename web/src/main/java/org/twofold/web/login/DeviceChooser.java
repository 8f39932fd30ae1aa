package org.twofold.web.login;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.twofold.auth.EnrollmentPass;
import org.twofold.auth.FirstDeviceKind;
import org.twofold.auth.FirstLogin;
import org.twofold.auth.Verdict;
import org.twofold.web.portal.PageMessages;
import org.twofold.web.portal.QrCode;
import org.twofold.webauthn.Ceremony;

/**
 * The device chooser of first-login enrollment, shared by the login prompt ({@link FirstDevice},
 * after a new user's password) and the activation link's page ({@code LinkDevice}, the link's code
 * standing in for the password): the person chooses a kind ({@link FirstDeviceKind}), starts it,
 * and confirms it — a code from the app, the code texted or read by a call, or the browser's
 * security-key registration. Every decision is {@link FirstLogin}'s, with the {@link
 * EnrollmentPass} the page gives; this class only translates, and holds the device being added and
 * the ceremony under way (view state), never in form fields. Rendered by {@code
 * WEB-INF/includes/device-chooser.xhtml} with the bean as {@code chooser}.
 */
public abstract class DeviceChooser implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int QR_SIZE_PX = 220;

    private FirstDeviceKind kind = FirstDeviceKind.APP;
    private String number;
    private String extension;
    private transient String code;
    /** The device waiting for its code; null while the person chooses. */
    private Long pendingId;
    private FirstDeviceKind pendingKind;
    private String qr;
    private String secret;
    private String masked;
    /** The one-time link that opens the approval app on the phone, while it is being added. */
    private String appLink;
    /** A registration under way, kept here until the browser answers it once. */
    private Ceremony keyCeremony;
    private transient String keyResponse;
    /** The kinds offered, once asked ({@link #getKinds}). */
    private ArrayList<FirstDeviceKind> kinds;

    /** The domain's first-login use case. */
    protected abstract FirstLogin firstLogin();

    /** What lets the person add a device now, or null when the page is not at this step. */
    protected abstract EnrollmentPass pass();

    /** The device is verified (and active): the page goes on (the login completes, or the link says so). */
    protected abstract void verified(Verdict verdict);

    /** The bundle key of the confirm button's text. */
    protected String confirmKey() {
        return "enroll.confirm";
    }

    /** The confirm button's text ("Confirm and log in" on the prompt). */
    public String getConfirmLabel() {
        return text(confirmKey());
    }

    /** "Continue": starts adding the chosen device (the security key's ceremony goes to the browser). */
    public void begin() {
        EnrollmentPass pass = pass();
        if (pass == null || pendingId != null) {
            return;
        }
        try {
            FirstLogin.Started started = firstLogin().begin(pass, kind == null ? FirstDeviceKind.APP : kind, number, extension);
            if (started.ceremony() != null) {
                keyCeremony = started.ceremony();
                return;
            }
            pendingId = started.deviceId();
            pendingKind = started.kind();
            masked = started.maskedNumber();
            number = null;
            extension = null;
            if (started.otpauthUri() != null) {
                secret = started.secret();
                qr = QrCode.svg(started.otpauthUri(), QR_SIZE_PX, text("portal.qrLabel"));
            }
            if (started.appLink() != null) {
                appLink = started.appLink();
                qr = QrCode.svg(appLink, QR_SIZE_PX, text("portal.appLink"));
            }
        } catch (RuntimeException e) {
            error(e);
        }
    }

    /** "Confirm": the code the app shows, or the one texted or read by the call; for the approval app, that the phone has added it. */
    public void confirm() {
        String typed = code;
        code = null;
        EnrollmentPass pass = pass();
        if (pass == null || pendingId == null) {
            return;
        }
        try {
            if (pendingKind == FirstDeviceKind.APPROVAL_APP) {
                Optional<Verdict> registered = firstLogin().approvalAppRegistered(pass, pendingId);
                if (registered.isPresent() && registered.get().allowed()) {
                    clear();
                    verified(registered.get());
                } else {
                    error("enroll.appWaiting");
                }
                return;
            }
            Verdict verdict = firstLogin().confirm(pass, pendingId, typed);
            if (verdict.allowed()) {
                clear();
                verified(verdict);
            } else {
                error(pendingKind == FirstDeviceKind.APP ? "portal.wrongAppCode" : pendingKind == FirstDeviceKind.LANDLINE ? "portal.wrongCallCode" : "portal.wrongTextCode");
            }
        } catch (RuntimeException e) {
            error(e);
        }
    }

    /** The browser's answer to the registration: the key is added if it verifies. */
    public void finishSecurityKey() {
        Ceremony ceremony = keyCeremony;
        keyCeremony = null; // answered once
        String response = keyResponse;
        keyResponse = null;
        EnrollmentPass pass = pass();
        if (pass == null || ceremony == null) {
            return;
        }
        try {
            Verdict verdict = firstLogin().addSecurityKey(pass, ceremony, response, null);
            clear();
            verified(verdict);
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
        EnrollmentPass pass = pass();
        if (pass != null && pendingId != null) {
            try {
                firstLogin().abandon(pass, pendingId);
            } catch (RuntimeException e) {
                error(e);
            }
        }
        clear();
    }

    /** Forgets the device being added and the ceremony (nothing is changed in the domain). */
    protected void clear() {
        pendingId = null;
        pendingKind = null;
        qr = null;
        secret = null;
        masked = null;
        appLink = null;
        keyCeremony = null;
        number = null;
        extension = null;
    }

    protected static String text(String key, Object... args) {
        return PageMessages.text(key, args);
    }

    private static void error(String key) {
        PageMessages.error(key);
    }

    private static void error(RuntimeException e) {
        PageMessages.error(e);
    }

    public FirstDeviceKind getKind() {
        return kind;
    }

    public void setKind(FirstDeviceKind kind) {
        this.kind = kind;
    }

    /** The kinds the person may add here (the domain's {@link FirstLogin#kinds}), asked once per view. */
    public List<FirstDeviceKind> getKinds() {
        if (kinds == null) {
            EnrollmentPass pass = pass();
            if (pass == null) {
                return List.of();
            }
            kinds = new ArrayList<>(firstLogin().kinds(pass));
            if (!kinds.contains(kind) && !kinds.isEmpty()) {
                kind = kinds.get(0);
            }
        }
        return kinds;
    }

    /** Whether a kind offered takes a number (the number fields show). */
    public boolean isNumbers() {
        return getKinds().stream().anyMatch(FirstDeviceKind::needsNumber);
    }

    /** What the device menu calls {@code k}. */
    public String label(FirstDeviceKind k) {
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

    public String getAppLink() {
        return appLink;
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
