package org.twofold.web.login;

import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.auth.AuthOutcome;
import org.twofold.auth.Door;
import org.twofold.auth.Authentication;
import org.twofold.auth.LoginProof;
import org.twofold.auth.PreauthAnswer;
import org.twofold.auth.PromptChoices;
import org.twofold.auth.TxView;
import org.twofold.auth.Verdict;
import org.twofold.device.PhoneNumber;
import org.twofold.integration.HostedApp;
import org.twofold.integration.HostedPrompt;
import org.twofold.integration.HostedResult;
import org.twofold.integration.ReturnUrl;
import org.twofold.policy.Factor;
import org.twofold.site.Settings;
import org.twofold.universal.UniversalLogin;
import org.twofold.universal.UniversalPrompt;
import org.twofold.user.Usernames;
import org.twofold.web.SecurityHeaders;
import org.twofold.web.universal.UniversalHandoff;
import org.twofold.webauthn.Ceremony;

/**
 * Backs {@code /}: the primary login, then the prompt "Choose an authentication method" (device
 * selector; push, call, passcode and "Send codes" as the device and the policy allow; "Remember me";
 * a status bar that follows the request live; "Cancel"). The username being authenticated, the
 * request being followed and the application being logged in to are held on the server (view
 * state), never in form fields, so no step can be pointed at another user or request.
 *
 * <p>After both factors: the session id changes (no fixation) and holds {@link #AUTHENTICATED_USER}
 * and {@link #AUTHENTICATED_AT}. Then a hosted-prompt application ({@code ?app=KEY&state=...}) gets
 * the user back at its registered URL with a signed result (an auto-submitted POST, so the result
 * is in no URL); another door's person ({@code ?return=<id>}, {@link PromptReturn}: OpenID Connect)
 * goes back to that door; {@code ?next=portal}, the settings links and a bypass or temporary passcode lead to
 * {@code /portal}; otherwise the page says the user is logged in. The session also holds {@link
 * #LOGIN_PROOF}, how the login was completed (the authentication facade decides it): the portal changes
 * settings only within minutes of a second factor, so {@code ?next=portal&stepup} in a session
 * already logged in asks its user for a second factor again (step-up), skipping password and
 * remembered browser. Every failure shows one text; the
 * audit keeps why.
 *
 * <p>A Duo Web SDK v4 application ({@code /oauth/v1/authorize}, which parks its verified request and
 * sends the browser to {@code /?duo=<handle>}) gets the second factor only, for the user it named
 * (it checked the password): no password step, no other user, and no Twofold session logged in —
 * the browser goes back to the application with a code ({@link UniversalPrompt#complete}).
 */
@Named
@ViewScoped
public class LoginPrompt implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Session attribute holding the username once both factors succeeded. */
    public static final String AUTHENTICATED_USER = "org.twofold.authenticatedUser";
    /** Session attribute holding when (epoch milliseconds) both factors succeeded. */
    public static final String AUTHENTICATED_AT = "org.twofold.authenticatedAt";
    /** Session attribute holding the factor keyword that completed the login ({@code totp}, {@code push}, ..., {@code remembered}). */
    public static final String LOGIN_FACTOR = "org.twofold.loginFactor";
    /** Session attribute holding how the login was completed and when a factor was last proven ({@link LoginProof}). */
    public static final String LOGIN_PROOF = "org.twofold.loginProof";
    /** The application name of Twofold's own pages, for remembered browsers. */
    static final String OWN_APPLICATION = "twofold";
    /** The parameter that, with {@code next=portal} in a logged-in session, asks for a second factor again. */
    static final String STEP_UP = "stepup";
    /** The one place {@code next} may point to. */
    static final String NEXT_PORTAL = "portal";
    /** Passcodes that exist to get a user without a phone to the portal, where a device is added. */
    private static final Set<String> RESCUE_FACTORS = Set.of("bypass", "temporary");

    /** Where the visitor is in the login. */
    public enum Step {
        PASSWORD, SECOND_FACTOR, DONE, HANDOFF, UNKNOWN_APP, REFUSED,
        /** A user without an active device adds a first one ({@link FirstDevice}). */
        ENROLL
    }

    @EJB
    private Authentication auth;

    @EJB
    private HostedPrompt hosted;

    @EJB
    private UniversalPrompt universalPrompt;

    @Inject
    private FirstDevice firstDevice;

    private Step step = Step.PASSWORD;
    private String username;
    private transient String password;
    private transient String passcode;
    private String authenticatedUser;
    private boolean toPortal;
    /** Whether this prompt asks a logged-in session's user for a second factor again (step-up for the portal). */
    private boolean steppingUp;
    private HostedApp app;
    /** A Duo Web SDK v4 login (second factor only, for its user), and its handle in the session; null otherwise. */
    private UniversalLogin universal;
    private String universalHandle;
    /** Another door's way back after both factors ({@code ?return=<id>}), or null. */
    private PromptReturn returnTo;
    private String state;
    private String result;
    private PromptChoices choices;
    private Long deviceId;
    private boolean remember;
    private String txid;
    private boolean pending;
    private String status;
    private boolean statusError;
    /** A security-key login under way, kept here (the session) until the browser answers it once. */
    private Ceremony keyCeremony;
    /** The browser's answer (the JSON of its PublicKeyCredential). */
    private transient String keyResponse;

    /**
     * Reads {@code app}, {@code state} and {@code next} of the first GET; an unknown application
     * (or one without a registered return URL) gets no login form.
     */
    public void open() {
        FacesContext fc = FacesContext.getCurrentInstance();
        if (fc.isPostback()) {
            return;
        }
        var params = fc.getExternalContext().getRequestParameterMap();
        toPortal = NEXT_PORTAL.equals(params.get("next"));
        String key = params.get("app");
        if (params.get(UniversalHandoff.PARAM) != null) {
            openUniversal(params.get(UniversalHandoff.PARAM));
        } else if (params.get(PromptReturn.PARAMETER) != null
                && fc.getExternalContext().getSessionMap().get(PromptReturn.attribute(params.get(PromptReturn.PARAMETER))) instanceof PromptReturn r) {
            returnTo = r;
            username = r.loginHint();
        } else if (key != null) {
            try {
                app = hosted.app(Actor.anonymous(origin()), key);
                state = params.get("state");
                if (!HostedResult.acceptableState(state)) {
                    throw new TwofoldException(ErrorCode.INVALID_VALUE);
                }
            } catch (TwofoldException e) {
                app = null;
                step = Step.UNKNOWN_APP;
            }
        } else if (toPortal && params.containsKey(STEP_UP) && fc.getExternalContext().getSessionMap().get(LOGIN_PROOF) instanceof LoginProof proof) {
            // Step-up: the session is logged in (its password was checked), but the portal wants a
            // second factor proven now — never a remembered browser, so straight to the factor.
            authenticatedUser = proof.username();
            steppingUp = true;
            choices = auth.choices(authenticatedUser);
            PromptChoices.Choice first = choices.device(null);
            deviceId = first == null ? null : first.getId();
            step = Step.SECOND_FACTOR;
            status = message("prompt.stepUp");
            statusError = false;
        }
    }

    /**
     * Before every rendering of this view (page, post or Ajax): with an application, the page may
     * post its result to the application's registered origin, and to no other; with another door's
     * return ({@link PromptReturn}), the login's redirects may end at that door's application.
     */
    public void applyHeaders() {
        String formOrigin = returnTo != null ? returnTo.formOrigin() : app != null ? ReturnUrl.origin(app.getReturnUrl()) : null;
        if (formOrigin != null) {
            FacesContext.getCurrentInstance().getExternalContext().setResponseHeader(SecurityHeaders.CSP, SecurityHeaders.policy(formOrigin));
        }
    }

    public void logIn() {
        if (step != Step.PASSWORD) {
            return; // a repeated or replayed post of the password form: the login is past that step
        }
        Verdict verdict = auth.password(username, password == null ? new char[0] : password.toCharArray(), origin());
        password = null;
        if (!verdict.allowed()) {
            error(verdict.reason() == Verdict.Reason.DIRECTORY_UNAVAILABLE ? "login.unavailable" : "login.failed");
            return;
        }
        authenticatedUser = Usernames.canonical(username);
        switch (firstDevice.afterPassword(actor())) { // a user without an active device: NewUserPolicy
            case ENROLL -> {
                step = Step.ENROLL;
                return;
            }
            case DENIED -> {
                authenticatedUser = null;
                error("enroll.denied");
                return;
            }
            case ALLOWED -> {
                complete(LoginProof.NO_FACTOR_NEW_USER);
                return;
            }
            default -> { }
        }
        toSecondFactor();
    }

    /** The password is checked (or, for a Duo Web SDK v4 application, by the application): a remembered browser, or the prompt. */
    private void toSecondFactor() {
        if ((returnTo == null || !returnTo.freshFactor()) && auth.rememberedLogin(actor(), authenticatedUser, application(), rememberCookie())) {
            complete(LoginProof.REMEMBERED_FACTOR);
            return;
        }
        choices = auth.choices(authenticatedUser);
        PromptChoices.Choice first = choices.device(null);
        deviceId = first == null ? null : first.getId();
        step = Step.SECOND_FACTOR;
        showSmsHint();
    }

    public void verifyPasscode() {
        if (step != Step.SECOND_FACTOR) {
            return; // a repeated post after the login completed: no second check, no failure counted
        }
        AuthOutcome outcome;
        try {
            outcome = auth.passcode(actor(), authenticatedUser, passcode);
        } catch (TwofoldException e) {
            passcode = null;
            // a blank field is no attempt (nothing counted): say what is missing; anything else fails alike
            error(e.code() == ErrorCode.MISSING_FIELD ? "passcode.missing" : "passcode.failed");
            return;
        }
        passcode = null;
        if (outcome.allowed()) {
            complete(outcome.verdict().factor());
        } else {
            error(outcome.reason() == Verdict.Reason.NO_DEVICE ? "passcode.noDevice" : "passcode.failed");
            showSmsHint();
        }
    }

    /** "Use a security key": the page then asks the browser ({@code webauthn.js}). */
    public void useSecurityKey() {
        if (step != Step.SECOND_FACTOR) {
            return;
        }
        cancelPending();
        keyCeremony = null;
        try {
            keyCeremony = auth.securityKeyOptions(actor(), authenticatedUser);
            status = message("prompt.keyTouch");
            statusError = false;
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    /** The browser's answer to "Use a security key": checked as the second factor. */
    public void verifySecurityKey() {
        Ceremony ceremony = keyCeremony;
        keyCeremony = null; // a ceremony is answered once
        String response = keyResponse;
        keyResponse = null;
        if (step != Step.SECOND_FACTOR || ceremony == null) {
            return;
        }
        status = null;
        AuthOutcome outcome;
        try {
            outcome = auth.securityKey(actor(), authenticatedUser, ceremony, response);
        } catch (TwofoldException e) {
            error(e.code() == ErrorCode.MISSING_FIELD ? "prompt.keyCancelled" : "prompt.keyFailed");
            return;
        }
        if (outcome.allowed()) {
            complete(outcome.verdict().factor());
        } else {
            error("prompt.keyFailed");
        }
    }

    /** The person cancelled the browser's request, or the browser cannot: nothing was checked or counted. */
    public void abortSecurityKey() {
        if (keyCeremony != null) {
            keyCeremony = null;
            status = null;
            error("prompt.keyCancelled");
        }
    }

    /** A passkey logged {@code user} in without username or password ({@link Passkey}): the login is complete. */
    void completePasswordless(String user, String factor) {
        if (step == Step.PASSWORD) {
            authenticatedUser = user;
            complete(factor);
        }
    }

    /** A first device was verified ({@link FirstDevice}): the login is complete. */
    void completeFirstDevice(String factor) {
        if (step == Step.ENROLL) {
            complete(factor);
        }
    }

    /** "Send me a Push". */
    public void push() {
        start(Factor.PUSH);
    }

    /** "Call Me". */
    public void call() {
        start(Factor.PHONE);
    }

    /** "Send codes": a new batch of SMS passcodes to the chosen phone. */
    public void sendCodes() {
        start(Factor.SMS);
    }

    private void start(Factor factor) {
        if (step != Step.SECOND_FACTOR) {
            return;
        }
        cancelPending();
        try {
            show(auth.start(actor(), authenticatedUser, factor, deviceId == null ? null : deviceId.toString(), applicationName(), true));
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    /** The status bar's poll: follows the pending request; on success, finishes the login. */
    public void poll() {
        if (step != Step.SECOND_FACTOR || txid == null || !pending) {
            return;
        }
        try {
            show(auth.status(actor(), txid, Duration.ZERO));
        } catch (RuntimeException e) {
            failed(e);
        }
        if (step != Step.SECOND_FACTOR) {
            // The whole card changes (success, or the hand-off to an application).
            FacesContext.getCurrentInstance().getPartialViewContext().getRenderIds().add("card");
        }
    }

    /** "Cancel": ends the pending push or call; with none pending, back to the username. */
    public void cancel() {
        if (step == Step.SECOND_FACTOR && pending && txid != null) {
            try {
                show(auth.cancel(actor(), txid));
            } catch (RuntimeException e) {
                failed(e);
            }
            return;
        }
        if (universal != null) {
            return; // the application named the user: there is no other login to go back to
        }
        step = Step.PASSWORD;
        steppingUp = false;
        keyCeremony = null;
        authenticatedUser = null;
        username = null;
        choices = null;
        txid = null;
        status = null;
    }

    /** "Add a new device", "My Settings & Devices": go to the portal once this login is complete. */
    public void toSettings() {
        toPortal = true;
        status = message("prompt.afterLoginPortal");
        statusError = false;
    }

    private void cancelPending() {
        if (pending && txid != null) {
            try {
                auth.cancel(actor(), txid);
            } catch (RuntimeException ignored) {
                // it ended meanwhile: nothing to cancel
            }
        }
        pending = false;
        txid = null;
    }

    private void show(AuthOutcome o) {
        TxView v = o.tx();
        if (v == null) {
            // refused before anything started: the user's state (locked out) or no device that can
            pending = false;
            statusError = true;
            status = message(o.reason() == Verdict.Reason.LOCKED_OUT ? "error.USER_LOCKED_OUT" : "error.NO_CAPABLE_DEVICE");
            return;
        }
        txid = v.txid();
        pending = v.state().pending();
        status = statusText(v);
        statusError = !pending && !v.allowed() && v.factor() != Factor.SMS;
        if (v.allowed()) {
            complete(v.factor().keyword());
        }
    }

    /**
     * The status bar's words for a push, call or text: bundle key {@code tx.STATE}, or
     * {@code tx.STATE.reason} where the reason has words of its own (and {@code tx.TIMEOUT.phone} for
     * a call); {@code {0}} is the verified-push number, the masked number dialled, or the next SMS
     * passcode's first digit.
     */
    private static String statusText(TxView v) {
        String base = "tx." + v.state().name();
        String detail = switch (v.state()) {
            case PUSHED -> v.verifyNumber();
            case CALLING -> v.numberLastFour() == null ? null : PhoneNumber.masked(v.numberLastFour());
            case SENT -> v.smsNextDigit();
            default -> null;
        };
        String key = detail != null ? base + ".detail"
                : v.reason() != null && has(base + "." + v.reason()) ? base + "." + v.reason()
                : v.state() == org.twofold.auth.TxState.TIMEOUT && v.factor() == Factor.PHONE ? base + ".phone" : base;
        String text = message(key);
        return detail == null ? text : text.replace("{0}", detail);
    }

    private static boolean has(String key) {
        FacesContext fc = FacesContext.getCurrentInstance();
        return fc.getApplication().getResourceBundle(fc, "msg").containsKey(key);
    }

    private void failed(RuntimeException e) {
        TwofoldException te = TwofoldException.in(e).orElseThrow(() -> e);
        pending = false;
        statusError = true;
        status = message("error." + te.code().name(), te.getMessage());
    }

    private void showSmsHint() {
        status = auth.nextSmsHint(authenticatedUser).map(d -> message("prompt.nextSms").replace("{0}", d)).orElse(null);
        statusError = false;
    }

    /** Both factors succeeded (or a remembered browser): new session id, then on to where the user goes. */
    private void complete(String factor) {
        cancelPending(); // a push still waiting when a passcode let the user in
        if (universal != null) {
            toUniversalApplication(factor);
            return;
        }
        ExternalContext ec = FacesContext.getCurrentInstance().getExternalContext();
        HttpServletRequest request = (HttpServletRequest) ec.getRequest();
        request.changeSessionId(); // no session fixation across the login
        ec.getSessionMap().put(AUTHENTICATED_USER, authenticatedUser);
        ec.getSessionMap().put(AUTHENTICATED_AT, Instant.now().toEpochMilli());
        ec.getSessionMap().put(LOGIN_FACTOR, factor);
        LoginProof proof = steppingUp && ec.getSessionMap().get(LOGIN_PROOF) instanceof LoginProof before
                && before.username().equals(authenticatedUser) ? auth.steppedUp(before) : auth.completed(authenticatedUser, factor, app != null || returnTo != null);
        ec.getSessionMap().put(LOGIN_PROOF, proof);
        if (remember && !LoginProof.REMEMBERED_FACTOR.equals(factor)) {
            auth.rememberBrowser(actor(), authenticatedUser, application()).ifPresent(token -> setRememberCookie(request, token));
        }
        if (returnTo != null) {
            step = Step.DONE;
            try {
                ec.redirect(returnTo.url());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else if (app != null) {
            result = hosted.result(actor(), app.getKey(), authenticatedUser, state);
            step = Step.HANDOFF;
        } else if (toPortal || RESCUE_FACTORS.contains(factor)) {
            step = Step.DONE;
            try {
                ec.redirect(ec.getRequestContextPath() + "/portal");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            step = Step.DONE;
        }
    }

    /**
     * A Duo Web SDK v4 login parked under {@code handle}: the application's user, whom the facade's
     * preauth decides about (a bypass user passes at once; a disabled, locked-out, unknown or
     * unenrolled one gets no prompt), then the second factor as for any login.
     */
    private void openUniversal(String handle) {
        ExternalContext ec = FacesContext.getCurrentInstance().getExternalContext();
        universal = UniversalHandoff.find(ec.getSessionMap(), handle).orElse(null);
        if (universal == null) {
            step = Step.UNKNOWN_APP;
            return;
        }
        universalHandle = handle;
        app = universal.app();
        PreauthAnswer.Result result;
        try {
            authenticatedUser = Usernames.canonical(universal.username());
            result = auth.preauth(actor(), authenticatedUser, Door.PAGES).result(); // this prompt can run a security key
        } catch (TwofoldException e) {
            authenticatedUser = null;
            result = PreauthAnswer.Result.DENY; // no such user (refused and audited by the facade), or no username at all
        }
        switch (result) {
            case AUTH -> toSecondFactor();
            case ALLOW -> complete(UniversalPrompt.BYPASS_USER);
            default -> step = Step.REFUSED;
        }
    }

    /** The second factor passed for a Duo Web SDK v4 application: back to it with a code; no Twofold session is logged in. */
    private void toUniversalApplication(String factor) {
        ExternalContext ec = FacesContext.getCurrentInstance().getExternalContext();
        if (remember && !LoginProof.REMEMBERED_FACTOR.equals(factor)) {
            auth.rememberBrowser(actor(), authenticatedUser, application()).ifPresent(token -> setRememberCookie((HttpServletRequest) ec.getRequest(), token));
        }
        String target = universalPrompt.complete(actor(), universal, factor);
        UniversalHandoff.finished(ec.getSessionMap(), universalHandle);
        step = Step.DONE;
        try {
            ec.redirect(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The application being logged in to, for remembered browsers: the integration key, or Twofold itself. */
    private String application() {
        return returnTo != null ? returnTo.application() : app == null ? OWN_APPLICATION : app.getKey();
    }

    /** What a push shows as the application. */
    private String applicationName() {
        return returnTo != null ? returnTo.applicationName() : app == null ? Settings.current().get(Settings.ORG_NAME) : app.getName();
    }

    private String cookieName() {
        return "twofold-remember-" + application();
    }

    private String rememberCookie() {
        Cookie[] cookies = ((HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest()).getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (cookieName().equals(c.getName())) {
                    return c.getValue();
                }
            }
        }
        return null;
    }

    private void setRememberCookie(HttpServletRequest request, String token) {
        Cookie cookie = new Cookie(cookieName(), token);
        cookie.setHttpOnly(true);
        cookie.setSecure(SecurityHeaders.isSecure(request));
        cookie.setPath(request.getContextPath().isEmpty() ? "/" : request.getContextPath());
        cookie.setMaxAge(choices == null ? 0 : choices.getRememberMeHours() * 3600);
        cookie.setAttribute("SameSite", "Lax");
        ((HttpServletResponse) FacesContext.getCurrentInstance().getExternalContext().getResponse()).addCookie(cookie);
    }

    private Actor actor() {
        return Actor.user(authenticatedUser, origin());
    }

    private static String origin() {
        return org.twofold.web.ClientAddress.ofFacesRequest();
    }

    private static String message(String key) {
        return message(key, key);
    }

    private static String message(String key, String fallback) {
        FacesContext fc = FacesContext.getCurrentInstance();
        try {
            return fc.getApplication().getResourceBundle(fc, "msg").getString(key);
        } catch (MissingResourceException e) {
            return fallback;
        }
    }

    private static void error(String key) {
        FacesContext fc = FacesContext.getCurrentInstance();
        ResourceBundle bundle = fc.getApplication().getResourceBundle(fc, "msg");
        String text = bundle.getString(key).replace("{0}", Settings.current().get(Settings.HELPDESK_CONTACT));
        fc.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
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

    public List<PromptChoices.Choice> getDevices() {
        return choices == null ? List.of() : choices.getDevices();
    }

    /** The chosen device's choices (which buttons show); null when the user has no such device. */
    public PromptChoices.Choice getDevice() {
        return choices == null ? null : choices.device(deviceId);
    }

    public boolean isPasscodeAllowed() {
        return choices != null && choices.isPasscode();
    }

    public int getRememberMeHours() {
        return choices == null ? 0 : choices.getRememberMeHours();
    }

    /** Whether "Use a security key" is offered. */
    public boolean isSecurityKeyAllowed() {
        return choices != null && choices.isSecurityKey();
    }

    /** The options of the security-key login under way, for the browser; null when none is. */
    public String getKeyOptions() {
        return keyCeremony == null ? null : keyCeremony.options();
    }

    public String getKeyResponse() {
        return null;
    }

    public void setKeyResponse(String keyResponse) {
        this.keyResponse = keyResponse;
    }

    public Long getDeviceId() {
        return deviceId;
    }

    public void setDeviceId(Long deviceId) {
        this.deviceId = deviceId;
    }

    public boolean isRemember() {
        return remember;
    }

    public void setRemember(boolean remember) {
        this.remember = remember;
    }

    public boolean isPending() {
        return pending;
    }

    public String getStatus() {
        return status;
    }

    public boolean isStatusError() {
        return statusError;
    }

    /** Whether this prompt is a step-up of a logged-in session (no "Remember me", no password). */
    public boolean isSteppingUp() {
        return steppingUp;
    }

    public boolean isToPortal() {
        return toPortal;
    }

    public HostedApp getApp() {
        return app;
    }

    public String getState() {
        return state;
    }

    /** The signed result for the application (the hand-off form's hidden field). */
    public String getResult() {
        return result;
    }
}
