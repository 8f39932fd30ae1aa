package org.twofold.web.portal;

import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import org.twofold.audit.Actor;
import org.twofold.device.Enrollment;

/**
 * Backs {@code /activate?code=...}, the activation link texted to a smartphone the help desk
 * enrolled (or handed out by an integration): it shows the QR code and the secret for the
 * authenticator app, and activates the phone once the person types a first code from the app; or,
 * with "Add another kind of device", the same chooser as first-login enrollment ({@link LinkDevice}:
 * a security key or passkey, a mobile phone, a landline), verified the same way. The link's code is
 * single-use and expires ({@link Enrollment#inviteSmartphone}); after the first request it is kept in
 * the view state on the server, not sent back in forms or URLs.
 */
@Named
@ViewScoped
public class DeviceActivation implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int QR_SIZE_PX = 220;

    @EJB
    private Enrollment enrollment;

    private String code;
    private boolean valid;
    private boolean activated;
    private String username;
    private String deviceName;
    private String secret;
    private String qr;
    private transient String firstCode;
    /** Whether the person chose another kind of device than the link's app. */
    private boolean choosing;
    /** Whether the link adds a security key only (no app to go back to). */
    private boolean keyLink;

    /** On the first request: looks the link up (f:viewAction). */
    public void open() {
        if (FacesContext.getCurrentInstance().isPostback()) {
            return;
        }
        enrollment.openLink(code).ifPresentOrElse(a -> {
            valid = true;
            username = a.username();
            deviceName = a.deviceName();
            if (a.app()) {
                secret = a.secret();
                qr = QrCode.svg(a.otpauthUri(), QR_SIZE_PX, PageMessages.text("portal.qrLabel"));
            } else {
                choosing = true; // a security-key link (the help desk's answer to a token request): the chooser at once
                keyLink = true;
            }
        }, () -> valid = false);
    }

    public void activate() {
        try {
            if (enrollment.activateByLink(Actor.activationLink(PageMessages.origin()), code, firstCode)) {
                activated = true;
                secret = null;
                qr = null;
                code = null;
            } else {
                PageMessages.error("portal.wrongAppCode");
            }
        } catch (RuntimeException e) {
            PageMessages.error(e);
            valid = false;
        }
        firstCode = null;
    }

    /** "Add another kind of device": the chooser replaces the app's QR code. */
    public void choose() {
        choosing = valid && !activated;
    }

    /** "Back": the link's authenticator app again. */
    public void back() {
        choosing = keyLink;
    }

    /** The link's code while the chooser may use it (a valid link, nothing activated yet); null otherwise. */
    String linkCode() {
        return valid && !activated && choosing ? code : null;
    }

    /** The chooser verified and activated a device under the link: the link is spent. */
    void activatedByChooser() {
        activated = true;
        secret = null;
        qr = null;
        code = null;
    }

    public boolean isKeyLink() {
        return keyLink;
    }

    public boolean isChoosing() {
        return choosing;
    }

    public String getCode() {
        return null;
    }

    /** Set from the link's {@code code} parameter (f:viewParam) on the first request only. */
    public void setCode(String code) {
        if (!FacesContext.getCurrentInstance().isPostback()) {
            this.code = code;
        }
    }

    public boolean isValid() {
        return valid;
    }

    public boolean isActivated() {
        return activated;
    }

    public String getUsername() {
        return username;
    }

    public String getDeviceName() {
        return deviceName;
    }

    public String getSecret() {
        return secret;
    }

    public String getQr() {
        return qr;
    }

    public String getFirstCode() {
        return null;
    }

    public void setFirstCode(String firstCode) {
        this.firstCode = firstCode;
    }
}
