package org.twofold.web.login;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.util.ResourceBundle;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.auth.PrimaryLogin;
import org.twofold.auth.Verdict;
import org.twofold.passcode.PasscodeVerifier;
import org.twofold.user.Usernames;

/**
 * Backs {@code /}: the primary login, then the prompt "Choose an authentication method". The
 * username being authenticated is held on the server (view state), never in a form field, so the
 * second step cannot be pointed at another user. Every failure shows one text; the audit keeps why.
 */
@Named
@ViewScoped
public class LoginPrompt implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Session attribute holding the username once both factors succeeded. */
    public static final String AUTHENTICATED_USER = "org.twofold.authenticatedUser";

    /** Where the visitor is in the login. */
    public enum Step {
        PASSWORD, SECOND_FACTOR, DONE
    }

    @Inject
    private PrimaryLogin primaryLogin;

    @Inject
    private PasscodeVerifier passcodes;

    private Step step = Step.PASSWORD;
    private String username;
    private transient String password;
    private transient String passcode;
    private String authenticatedUser;

    public void logIn() {
        Verdict verdict = primaryLogin.verify(username, password == null ? new char[0] : password.toCharArray(), origin());
        password = null;
        if (verdict.allowed()) {
            authenticatedUser = Usernames.canonical(username);
            step = Step.SECOND_FACTOR;
        } else {
            error("login.failed");
        }
    }

    public void verifyPasscode() {
        Verdict verdict;
        try {
            verdict = passcodes.verify(Actor.user(authenticatedUser, origin()), authenticatedUser, passcode);
        } catch (TwofoldException e) {
            verdict = Verdict.deny(Verdict.Reason.UNKNOWN_USER, "passcode");
        }
        passcode = null;
        if (verdict.allowed()) {
            step = Step.DONE;
            ExternalContext ec = FacesContext.getCurrentInstance().getExternalContext();
            ((HttpServletRequest) ec.getRequest()).changeSessionId(); // no session fixation across the login
            ec.getSessionMap().put(AUTHENTICATED_USER, authenticatedUser);
        } else {
            error(verdict.reason() == Verdict.Reason.NO_DEVICE ? "passcode.noDevice" : "passcode.failed");
        }
    }

    public void cancel() {
        step = Step.PASSWORD;
        authenticatedUser = null;
        username = null;
    }

    private static String origin() {
        Object request = FacesContext.getCurrentInstance().getExternalContext().getRequest();
        return request instanceof HttpServletRequest http ? http.getRemoteAddr() : null;
    }

    private static void error(String key) {
        FacesContext fc = FacesContext.getCurrentInstance();
        ResourceBundle bundle = fc.getApplication().getResourceBundle(fc, "msg");
        fc.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, bundle.getString(key), null));
    }

    public Step getStep() {
        return step;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return null;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getPasscode() {
        return null;
    }

    public void setPasscode(String passcode) {
        this.passcode = passcode;
    }

    public String getAuthenticatedUser() {
        return authenticatedUser;
    }
}
