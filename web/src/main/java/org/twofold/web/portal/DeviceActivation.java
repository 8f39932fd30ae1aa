package org.twofold.web.portal;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.twofold.audit.Actor;
import org.twofold.device.Enrollment;

/**
 * Backs {@code /activate?code=...}, the activation link texted to a smartphone the help desk
 * enrolled: it shows the QR code and the secret for the authenticator app, and activates the phone
 * once the person types a first code from the app. The link's code is single-use and expires
 * ({@link Enrollment#inviteSmartphone}); after the first request it is kept in the view state
 * on the server, not sent back in forms or URLs.
 */
@Named
@ViewScoped
public class DeviceActivation implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int QR_SIZE_PX = 220;

    @Inject
    private Enrollment enrollment;

    private String code;
    private boolean valid;
    private boolean activated;
    private String username;
    private String deviceName;
    private String secret;
    private String qr;
    private transient String firstCode;

    /** On the first request: looks the link up (f:viewAction). */
    public void open() {
        if (FacesContext.getCurrentInstance().isPostback()) {
            return;
        }
        enrollment.openLink(code).ifPresentOrElse(a -> {
            valid = true;
            username = a.username();
            deviceName = a.deviceName();
            secret = a.secret();
            qr = QrCode.svg(a.otpauthUri(), QR_SIZE_PX, PageMessages.text("portal.qrLabel"));
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
