package org.twofold.web.login;

import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.auth.Authentication;
import org.twofold.webauthn.Ceremony;
import org.twofold.webauthn.PasskeyLogin;

/**
 * Backs "Log in with a passkey" on the login page (policy {@code Passwordless}, off by default):
 * no username, no password — the browser offers the person's passkeys for this site (a
 * discoverable credential, with user verification), and the one they choose names the user and
 * proves both steps at once. The ceremony is held here (view state) until the browser answers it
 * once; the rule is the facade's, and a refusal shows the one text every failed login shows.
 */
@Named
@ViewScoped
public class Passkey implements Serializable {
    private static final long serialVersionUID = 1L;

    @EJB
    private Authentication auth;

    @Inject
    private LoginPrompt prompt;

    private Ceremony ceremony;
    private transient String response;

    /** Whether the login page offers it now. */
    public boolean isOffered() {
        return prompt.getStep() == LoginPrompt.Step.PASSWORD && auth.passwordlessOffered();
    }

    /** "Log in with a passkey": the page then asks the browser ({@code webauthn.js}). */
    public void begin() {
        ceremony = null;
        if (prompt.getStep() != LoginPrompt.Step.PASSWORD) {
            return;
        }
        try {
            ceremony = auth.passkeyOptions(actor());
        } catch (RuntimeException e) {
            TwofoldException.in(e).orElseThrow(() -> e);
            error("prompt.keyFailed");
        }
    }

    /** The browser's answer: the login completes for the user the passkey names, if it verifies. */
    public void finish() {
        Ceremony asked = ceremony;
        ceremony = null; // answered once
        String answer = response;
        response = null;
        if (asked == null || prompt.getStep() != LoginPrompt.Step.PASSWORD) {
            return;
        }
        PasskeyLogin login;
        try {
            login = auth.passkey(actor(), asked, answer);
        } catch (RuntimeException e) {
            TwofoldException te = TwofoldException.in(e).orElseThrow(() -> e);
            error(te.code() == ErrorCode.MISSING_FIELD ? "prompt.keyCancelled" : "prompt.keyFailed");
            return;
        }
        if (login.verdict().allowed()) {
            prompt.completePasswordless(login.username(), login.verdict().factor());
        } else {
            error("prompt.keyFailed");
        }
    }

    /** The person cancelled the browser's request, or the browser cannot: nothing was checked. */
    public void abort() {
        if (ceremony != null) {
            ceremony = null;
            error("prompt.keyCancelled");
        }
    }

    public String getOptions() {
        return ceremony == null ? null : ceremony.options();
    }

    public String getResponse() {
        return null;
    }

    public void setResponse(String response) {
        this.response = response;
    }

    private static Actor actor() {
        return Actor.anonymous(org.twofold.web.ClientAddress.ofFacesRequest());
    }

    private static void error(String key) {
        FacesContext fc = FacesContext.getCurrentInstance();
        String text = fc.getApplication().getResourceBundle(fc, "msg").getString(key);
        fc.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
    }
}
