package org.twofold.web.portal;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditEvent;
import org.twofold.audit.AuditTrail;
import org.twofold.auth.LoginProof;
import org.twofold.auth.SelfService;
import org.twofold.device.DeviceKind;
import org.twofold.device.DeviceView;
import org.twofold.device.Enrollment;
import org.twofold.device.Devices;
import org.twofold.device.TokenRequestView;
import org.twofold.device.TokenRequests;
import org.twofold.user.Users;
import org.twofold.web.login.LoginPrompt;
import org.twofold.webauthn.Ceremony;
import org.twofold.webpush.ApprovalApps;

/**
 * Backs {@code /portal}, "My Settings &amp; Devices": the signed-in user's devices (add, confirm,
 * rename, remove, defaults), identity-proof PIN, hardware-token request, the approvals waiting for
 * a department approver, remembered browsers, and their own recent logins and fraud reports. The
 * user is always the session's authenticated user ({@link LoginPrompt#AUTHENTICATED_USER}), never
 * a form field; {@link PortalGuard} keeps everyone else out. Every change goes through the
 * facade's self-service use case ({@link SelfService}), which decides which changes need a second
 * factor proven recently in this session; the page offers the step-up when it is missing and says
 * so when a change was refused for it.
 */
@Named
@ViewScoped
public class MySettings implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int QR_SIZE_PX = 220;
    private static final int HISTORY = 10;

    @EJB
    private SelfService self;

    @EJB
    private Devices devices;

    @EJB
    private TokenRequests tokenRequests;

    @EJB
    private Users users;

    @EJB
    private AuditTrail audit;

    private String username;
    private List<DeviceRow> rows = List.of();
    private boolean redundancy;
    private final Map<Long, String> names = new HashMap<>();

    private String newKind = DeviceKind.SMARTPHONE.name();
    private String newName;
    private String newNumber;
    private String newExtension;

    /** The device being added and confirmed, if any: an app (QR shown) or a phone (code texted). */
    private Long pendingId;
    private boolean pendingApp;
    private String pendingSecret;
    private String pendingQr;
    private String pendingMasked;
    /** Whether the pending device's number is being verified by a call (a landline) rather than a text. */
    private boolean pendingCall;
    /** Whether the pending app device also waits for the code texted to its number. */
    private boolean pendingNumber;
    private transient String confirmCode;
    private transient String numberCode;

    private Long defaultDeviceId;
    private String defaultFactor;

    private String pinDateOfBirth;
    private transient String pin;

    /** The name of the security key being added. */
    private String keyName;
    /** The registration under way, kept here (the session) until the browser answers it once. */
    private Ceremony keyCeremony;
    /** The browser's answer (the JSON of its PublicKeyCredential). */
    private transient String keyResponse;

    /** The session's authenticated user, or null. */
    static String userOf(HttpSession session) {
        return session == null ? null : (String) session.getAttribute(LoginPrompt.AUTHENTICATED_USER);
    }

    @PostConstruct
    void load() {
        username = (String) FacesContext.getCurrentInstance().getExternalContext().getSessionMap().get(LoginPrompt.AUTHENTICATED_USER);
        if (username == null) {
            throw new IllegalStateException("the portal needs a logged-in user");
        }
        Devices.Preferences p = devices.preferences(username);
        defaultDeviceId = p.deviceId();
        defaultFactor = p.factor();
        refresh();
    }

    private void refresh() {
        directoryPhones = self.directoryPhones(actor()).stream().map(DirectoryPhoneRow::new).toList();
        List<DeviceView> list = devices.list(username);
        Long def = devices.preferences(username).deviceId();
        rows = list.stream().map(d -> new DeviceRow(d, def)).toList();
        redundancy = Devices.needsRedundancy(list);
        names.clear();
        rows.forEach(r -> names.put(r.getId(), r.getName()));
    }

    private Actor actor() {
        return Actor.user(username, PageMessages.origin());
    }

    /** How this session's login was completed ({@link LoginPrompt#LOGIN_PROOF}). */
    private LoginProof proof() {
        Object proof = FacesContext.getCurrentInstance().getExternalContext().getSessionMap().get(LoginPrompt.LOGIN_PROOF);
        return proof instanceof LoginProof p && p.username().equals(username) ? p : null;
    }

    /** The number and extension of the landline this page added last. */
    private String lastLandline;

    /** The directory's phone numbers not yet enrolled, offered to enroll. */
    private List<DirectoryPhoneRow> directoryPhones = List.of();

    public List<DirectoryPhoneRow> getDirectoryPhones() {
        return directoryPhones;
    }

    /**
     * "Add this phone" beside a number from the directory: enrolled as any number typed in is (a
     * mobile phone is texted a code, a landline called), never trusted because the directory has it.
     */
    public void addDirectoryPhone(String source) {
        try {
            org.twofold.directory.DirectoryPhones.Source which = org.twofold.directory.DirectoryPhones.Source.valueOf(source);
            String name = newName == null || newName.isBlank() ? PageMessages.text("portal.kind." + which.kind().name()) : newName;
            DeviceView phone = self.addDirectoryPhone(actor(), proof(), which, name);
            pendingId = phone.id();
            pendingApp = false;
            pendingCall = which == org.twofold.directory.DirectoryPhones.Source.TELEPHONE;
            pendingNumber = true;
            pendingMasked = phone.maskedNumber();
            newName = null;
        } catch (IllegalArgumentException e) {
            PageMessages.error("portal.kindNotOffered");
        } catch (RuntimeException e) {
            PageMessages.error(e);
        }
        refresh();
    }

    public void addDevice() {
        try {
            DeviceKind kind = DeviceKind.valueOf(newKind);
            switch (kind) {
                case SMARTPHONE, TABLET -> {
                    Enrollment.AppEnrollment app = self.addApp(actor(), proof(), kind, newNumber, newName);
                    pendingId = app.deviceId();
                    pendingApp = true;
                    pendingCall = false;
                    pendingNumber = app.textedTo() != null;
                    pendingMasked = app.textedTo();
                    pendingSecret = app.secret();
                    pendingQr = QrCode.svg(app.otpauthUri(), QR_SIZE_PX, PageMessages.text("portal.qrLabel"));
                }
                case MOBILE_PHONE -> {
                    DeviceView phone = self.addMobilePhone(actor(), proof(), newNumber, newName);
                    pendingId = phone.id();
                    pendingApp = false;
                    pendingCall = false;
                    pendingNumber = true;
                    pendingMasked = phone.maskedNumber();
                }
                case LANDLINE -> {
                    // The same landline posted again from this page (a double click, a reload) is added once.
                    String added = newNumber + "\u0000" + newExtension;
                    if (!added.equals(lastLandline)) {
                        DeviceView line = self.addLandline(actor(), proof(), newNumber, newExtension, newName);
                        lastLandline = added;
                        pendingId = line.id();
                        pendingApp = false;
                        pendingCall = true;
                        pendingNumber = true;
                        pendingMasked = line.maskedNumber();
                    }
                }
                default -> PageMessages.error("portal.kindNotOffered");
            }
            newName = null;
            newNumber = null;
            newExtension = null;
        } catch (IllegalArgumentException e) {
            PageMessages.error("portal.kindNotOffered");
        } catch (RuntimeException e) {
            PageMessages.error(e);
        }
        refresh();
    }

    /** "Add a security key or passkey": the page then asks the browser ({@code webauthn.js}). */
    public void beginSecurityKey() {
        keyCeremony = null;
        try {
            keyCeremony = self.beginSecurityKey(actor(), proof());
        } catch (RuntimeException e) {
            PageMessages.error(e);
        }
    }

    /** The browser's answer to the registration: the key is added if it verifies. */
    public void finishSecurityKey() {
        Ceremony ceremony = keyCeremony;
        keyCeremony = null; // a ceremony is answered once
        if (ceremony == null) {
            return;
        }
        try {
            DeviceView key = self.addSecurityKey(actor(), proof(), ceremony, keyResponse, keyName);
            PageMessages.info("portal.keyAdded", key.name());
            keyName = null;
        } catch (RuntimeException e) {
            PageMessages.error(e);
        }
        keyResponse = null;
        refresh();
    }

    /** The name of the approval app being added. */
    private String appName;
    /** The link (with its one-time code) that opens the approval app on the phone, shown once. */
    private String appLink;
    private String appQr;

    /** "Add the approval app": a one-time link and its QR code for the phone. */
    public void addApprovalApp() {
        appLink = null;
        appQr = null;
        try {
            ApprovalApps.Invitation invitation = self.addApprovalApp(actor(), proof(), appName);
            appLink = invitation.link();
            appQr = QrCode.svg(invitation.link(), QR_SIZE_PX, PageMessages.text("portal.appLink"));
            appName = null;
        } catch (RuntimeException e) {
            PageMessages.error(e);
        }
        refresh();
    }

    public String getAppName() {
        return appName;
    }

    public void setAppName(String appName) {
        this.appName = appName;
    }

    public String getAppLink() {
        return appLink;
    }

    public String getAppQr() {
        return appQr;
    }

    /** The person cancelled, or the browser could not: nothing was registered. */
    public void abortSecurityKey() {
        if (keyCeremony != null) {
            keyCeremony = null;
            PageMessages.error("portal.keyCancelled");
        }
    }

    /** The options of the registration under way, for the browser; null when none is. */
    public String getKeyOptions() {
        return keyCeremony == null ? null : keyCeremony.options();
    }

    public String getKeyName() {
        return keyName;
    }

    public void setKeyName(String keyName) {
        this.keyName = keyName;
    }

    public String getKeyResponse() {
        return null;
    }

    public void setKeyResponse(String keyResponse) {
        this.keyResponse = keyResponse;
    }

    public void confirm() {
        if (pendingId == null) {
            return;
        }
        try {
            if (self.confirm(actor(), proof(), pendingId, confirmCode, numberCode)) {
                PageMessages.info("portal.activated");
                clearPending();
            } else {
                PageMessages.error(pendingApp ? pendingNumber ? "portal.wrongCodes" : "portal.wrongAppCode"
                        : pendingCall ? "portal.wrongCallCode" : "portal.wrongTextCode");
            }
        } catch (TwofoldException e) {
            PageMessages.error(e);
            if (e.code() != ErrorCode.STEP_UP_REQUIRED) {
                clearPending(); // the device is gone or no longer pending; after a step-up it still waits
            }
        } catch (RuntimeException e) {
            PageMessages.error(e);
            clearPending();
        }
        confirmCode = null;
        numberCode = null;
        refresh();
    }

    public void cancelPending() {
        if (pendingId != null) {
            try {
                self.abandon(actor(), pendingId);
            } catch (RuntimeException e) {
                PageMessages.error(e);
            }
        }
        clearPending();
        refresh();
    }

    private void clearPending() {
        pendingId = null;
        pendingSecret = null;
        pendingQr = null;
        pendingMasked = null;
        pendingCall = false;
        pendingNumber = false;
    }

    public void rename(long deviceId) {
        try {
            self.rename(actor(), proof(), deviceId, names.get(deviceId));
            PageMessages.info("portal.renamed");
        } catch (RuntimeException e) {
            PageMessages.error(e);
        }
        refresh();
    }

    public void remove(long deviceId) {
        try {
            self.remove(actor(), proof(), deviceId);
            lastLandline = null; // the same landline may be added again after a removal
            PageMessages.info("portal.removed");
            if (pendingId != null && pendingId == deviceId) {
                clearPending();
            }
        } catch (RuntimeException e) {
            PageMessages.error(e);
        }
        refresh();
    }

    public void saveDefaults() {
        try {
            self.choosePreferences(actor(), proof(), defaultDeviceId, defaultFactor);
            PageMessages.info("portal.defaultsSaved");
        } catch (RuntimeException e) {
            PageMessages.error(e);
        }
        refresh();
    }

    public void savePin() {
        try {
            self.setPin(actor(), proof(), pinDateOfBirth, pin);
            PageMessages.info("portal.pinSaved");
            pinDateOfBirth = null;
        } catch (RuntimeException e) {
            PageMessages.error(e);
        }
        pin = null;
    }

    public void requestToken() {
        try {
            TokenRequestView r = self.requestToken(actor());
            PageMessages.info("portal.tokenRequested", tokenRequests.approverFor(username).orElse("?"), r.getDepartment());
        } catch (RuntimeException e) {
            PageMessages.error(e);
        }
    }

    public void approve(long requestId) {
        decide(requestId, true);
    }

    public void deny(long requestId) {
        decide(requestId, false);
    }

    private void decide(long requestId, boolean approve) {
        try {
            TokenRequestView r = self.decideTokenRequest(actor(), proof(), requestId, approve);
            PageMessages.info(approve ? "portal.approved" : "portal.denied", r.getUsername());
        } catch (RuntimeException e) {
            PageMessages.error(e);
        }
    }

    public void forgetBrowsers() {
        try {
            PageMessages.info("portal.browsersForgotten", self.forgetBrowsers(actor()));
        } catch (RuntimeException e) {
            PageMessages.error(e);
        }
    }

    public void logOut() throws IOException {
        ExternalContext ec = FacesContext.getCurrentInstance().getExternalContext();
        ec.invalidateSession();
        ec.redirect(ec.getRequestContextPath() + "/");
    }

    public String getUsername() {
        return username;
    }

    public List<DeviceRow> getDevices() {
        return rows;
    }

    /** Active devices that can be the default. */
    public List<DeviceRow> getActiveDevices() {
        List<DeviceRow> active = new ArrayList<>();
        rows.stream().filter(DeviceRow::isActive).forEach(active::add);
        return active;
    }

    /** Whether to show "enroll more than one device for redundancy" (at most one active device). */
    public boolean isRedundancyNotice() {
        return redundancy;
    }

    public Map<Long, String> getNames() {
        return names;
    }

    /** The user's newest hardware-token request, or null. */
    public TokenRequestView getTokenRequest() {
        return tokenRequests.latest(username).orElse(null);
    }

    public boolean isApprover() {
        return tokenRequests.isApprover(username);
    }

    public List<TokenRequestView> getPendingApprovals() {
        return tokenRequests.pendingFor(username);
    }

    public List<AuditEvent> getRecentLogins() {
        return audit.loginsOf(username, HISTORY);
    }

    public List<AuditEvent> getFraudReports() {
        return audit.fraudReportsOf(username, HISTORY);
    }

    public boolean isPinSet() {
        return users.hasPin(username);
    }

    public String getNewKind() {
        return newKind;
    }

    public void setNewKind(String newKind) {
        this.newKind = newKind;
    }

    public String getNewName() {
        return newName;
    }

    public void setNewName(String newName) {
        this.newName = newName;
    }

    public String getNewNumber() {
        return newNumber;
    }

    public void setNewNumber(String newNumber) {
        this.newNumber = newNumber;
    }

    public String getNewExtension() {
        return newExtension;
    }

    public void setNewExtension(String newExtension) {
        this.newExtension = newExtension;
    }

    /** Whether changes need a second factor proven again first (none in this session, or too long ago). */
    public boolean isStepUpNeeded() {
        return !self.mayChange(actor(), proof());
    }

    public boolean isPendingCall() {
        return pendingCall;
    }

    public boolean isPendingNumber() {
        return pendingNumber;
    }

    public String getNumberCode() {
        return null;
    }

    public void setNumberCode(String numberCode) {
        this.numberCode = numberCode;
    }

    public boolean isPending() {
        return pendingId != null;
    }

    public boolean isPendingApp() {
        return pendingApp;
    }

    public String getPendingSecret() {
        return pendingSecret;
    }

    public String getPendingQr() {
        return pendingQr;
    }

    public String getPendingMasked() {
        return pendingMasked;
    }

    public String getConfirmCode() {
        return null;
    }

    public void setConfirmCode(String confirmCode) {
        this.confirmCode = confirmCode;
    }

    public Long getDefaultDeviceId() {
        return defaultDeviceId;
    }

    public void setDefaultDeviceId(Long defaultDeviceId) {
        this.defaultDeviceId = defaultDeviceId;
    }

    public String getDefaultFactor() {
        return defaultFactor;
    }

    public void setDefaultFactor(String defaultFactor) {
        this.defaultFactor = defaultFactor;
    }

    public String getPinDateOfBirth() {
        return pinDateOfBirth;
    }

    public void setPinDateOfBirth(String pinDateOfBirth) {
        this.pinDateOfBirth = pinDateOfBirth;
    }

    public String getPin() {
        return null;
    }

    public void setPin(String pin) {
        this.pin = pin;
    }
}
