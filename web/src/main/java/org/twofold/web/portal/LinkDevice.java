package org.twofold.web.portal;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.twofold.auth.EnrollmentPass;
import org.twofold.auth.FirstLogin;
import org.twofold.auth.Verdict;
import org.twofold.web.login.DeviceChooser;

/**
 * The activation link's "Add another kind of device" ({@code /activate?code=...}): the same chooser
 * and the same rules as first-login enrollment ({@link DeviceChooser}, {@link FirstLogin}), with
 * the link's code (held by {@link DeviceActivation}, on the server) standing in for the password.
 * A device verified here spends the link; the page then says the device is active (a link logs
 * nobody in).
 */
@Named
@ViewScoped
public class LinkDevice extends DeviceChooser {
    private static final long serialVersionUID = 1L;

    @EJB
    private FirstLogin firstLogin;

    @Inject
    private DeviceActivation activation;

    @Override
    protected FirstLogin firstLogin() {
        return firstLogin;
    }

    @Override
    protected EnrollmentPass pass() {
        String code = activation.linkCode();
        return code == null ? null : EnrollmentPass.link(code, PageMessages.origin());
    }

    @Override
    protected String confirmKey() {
        return "activate.confirm";
    }

    @Override
    protected void verified(Verdict verdict) {
        activation.activatedByChooser();
    }
}
