package org.twofold.web.login;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.twofold.audit.Actor;
import org.twofold.auth.EnrollmentPass;
import org.twofold.auth.FirstLogin;
import org.twofold.auth.Verdict;

/**
 * Backs the login prompt's first-login enrollment ("Add a device to log in", {@code /} after the
 * password, for a user without an active device while policy {@code NewUserPolicy} is {@code
 * enroll}): the shared {@link DeviceChooser} with the new user's password as the pass, and once
 * the device is verified the login completes as {@link LoginPrompt} completes every login.
 */
@Named
@ViewScoped
public class FirstDevice extends DeviceChooser {
    private static final long serialVersionUID = 1L;

    @EJB
    private FirstLogin firstLogin;

    @Inject
    private LoginPrompt prompt;

    /** After the password: whether a new user's way applies (and which); {@link FirstLogin.Next#SECOND_FACTOR} otherwise. */
    FirstLogin.Next afterPassword(Actor person) {
        clear();
        return firstLogin.afterPassword(person);
    }

    @Override
    protected FirstLogin firstLogin() {
        return firstLogin;
    }

    @Override
    protected EnrollmentPass pass() {
        if (prompt.getStep() != LoginPrompt.Step.ENROLL) {
            return null;
        }
        return EnrollmentPass.password(Actor.user(prompt.getAuthenticatedUser(), org.twofold.web.ClientAddress.ofFacesRequest()));
    }

    @Override
    protected void verified(Verdict verdict) {
        prompt.completeFirstDevice(verdict.factor());
    }
}
