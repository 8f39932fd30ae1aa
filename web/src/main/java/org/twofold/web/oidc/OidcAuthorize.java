package org.twofold.web.oidc;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.ResourceBundle;
import org.twofold.audit.Actor;
import org.twofold.integration.ReturnUrl;
import org.twofold.oidc.AuthenticationMethods;
import org.twofold.oidc.Authorization;
import org.twofold.oidc.AuthorizationRequest;
import org.twofold.oidc.OidcError;
import org.twofold.oidc.OpenIdProvider;
import org.twofold.web.ClientAddress;
import org.twofold.web.login.LoginPrompt;
import org.twofold.web.login.PromptReturn;

/**
 * The browser's side of the OpenID Connect provider: {@code /oidc/authorize} (OpenID Connect Core
 * §3.1.2), {@code /oidc/resume} (back from the login prompt) and {@code /oidc/logout} (RP-Initiated
 * Logout 1.0). A request the domain accepts is answered at once with a code when the page session's
 * login satisfies it ({@link Authorization#satisfiedBy}: the same user, {@code prompt=login},
 * {@code max_age}); otherwise the person logs in on the login prompt ({@link PromptReturn}), which
 * comes back here. The answer goes to the registered redirect URI only: {@code code}, {@code state}
 * and {@code iss} (RFC 9207), or {@code error}; a request whose client or redirect URI is wrong gets
 * an error page and goes nowhere (RFC 6749 §4.1.2.1).
 */
@WebServlet(name = "OidcAuthorize", urlPatterns = {"/oidc/authorize", "/oidc/resume", "/oidc/logout"})
public class OidcAuthorize extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PENDING = "org.twofold.oidc.pending.";

    @EJB
    private transient OpenIdProvider provider;

    /** A request waiting in the session for its login, and since when (the login must come after it). */
    record Pending(Authorization authorization, Instant since) implements Serializable {
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        switch (request.getServletPath()) {
            case "/oidc/resume" -> resume(request, response);
            case "/oidc/logout" -> logout(request, response);
            default -> authorize(request, response);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        switch (request.getServletPath()) {
            case "/oidc/authorize" -> authorize(request, response);
            case "/oidc/logout" -> logout(request, response);
            default -> response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        }
    }

    private void authorize(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Actor actor = Actor.anonymous(ClientAddress.of(request));
        Authorization a;
        try {
            String repeated = OidcEndpoints.repeatedParameter(request);
            AuthorizationRequest r = new AuthorizationRequest(request.getParameter("client_id"), request.getParameter("redirect_uri"),
                    request.getParameter("response_type"), request.getParameter("scope"), request.getParameter("state"), request.getParameter("nonce"),
                    request.getParameter("code_challenge"), request.getParameter("code_challenge_method"), request.getParameter("prompt"),
                    request.getParameter("max_age"), request.getParameter("login_hint"), request.getParameter("request") != null,
                    request.getParameter("request_uri") != null);
            a = provider.authorize(actor, r);
            if (repeated != null) {
                redirectError(response, a, "invalid_request", repeated + " is repeated");
                return;
            }
        } catch (OidcError e) {
            if (e.redirectable()) {
                // the client's registered URI, as the domain verified it
                response.sendRedirect(errorUrl(e.redirectUri(), e.state(), e.error(), e.description()));
            } else {
                errorPage(request, response, e.description());
            }
            return;
        }
        HttpSession session = request.getSession();
        String user = (String) session.getAttribute(LoginPrompt.AUTHENTICATED_USER);
        String factor = (String) session.getAttribute(LoginPrompt.LOGIN_FACTOR);
        Instant at = authenticatedAt(session);
        if (a.satisfiedBy(user, factor, at, Instant.now())) {
            answer(response, a, provider.issueCode(Actor.user(user, actor.origin()), a, user, factor, at));
            return;
        }
        if (a.noPrompt()) {
            redirectError(response, a, "login_required", "the user must log in");
            return;
        }
        String id = HexFormat.of().formatHex(bytes());
        session.setAttribute(PENDING + id, new Pending(a, Instant.now()));
        session.setAttribute(PromptReturn.attribute(id), new PromptReturn(request.getContextPath() + "/oidc/resume?id=" + id, a.needsFreshFactor(),
                a.loginHint(), "oidc-" + a.clientId(), a.clientName(), ReturnUrl.origin(a.redirectUri())));
        response.sendRedirect(request.getContextPath() + "/?" + PromptReturn.PARAMETER + "=" + id);
    }

    /** Back from the login prompt: the waiting request gets its code if a login completed since it arrived. */
    private void resume(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        String id = request.getParameter("id");
        Pending pending = session == null || id == null ? null : (Pending) session.getAttribute(PENDING + id);
        if (pending == null) {
            errorPage(request, response, null);
            return;
        }
        session.removeAttribute(PENDING + id); // answered once
        session.removeAttribute(PromptReturn.attribute(id));
        String user = (String) session.getAttribute(LoginPrompt.AUTHENTICATED_USER);
        String factor = (String) session.getAttribute(LoginPrompt.LOGIN_FACTOR);
        Instant at = authenticatedAt(session);
        Authorization a = pending.authorization();
        if (user == null || factor == null || at == null || at.isBefore(pending.since())
                || a.needsFreshFactor() && !AuthenticationMethods.of(factor).multiFactor()) {
            redirectError(response, a, "login_required", "the login did not complete");
            return;
        }
        answer(response, a, provider.issueCode(Actor.user(user, ClientAddress.of(request)), a, user, factor, at));
    }

    /**
     * Ends the page session, then goes to {@code post_logout_redirect_uri} if the domain finds it
     * registered for the client ({@code client_id} or the ID token hint's audience), with {@code state};
     * otherwise a page says the person is logged out.
     */
    private void logout(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        String user = session == null ? null : (String) session.getAttribute(LoginPrompt.AUTHENTICATED_USER);
        if (session != null) {
            session.invalidate();
        }
        var target = provider.endSession(Actor.user(user, ClientAddress.of(request)), user, request.getParameter("id_token_hint"),
                request.getParameter("client_id"), request.getParameter("post_logout_redirect_uri"));
        if (target.isPresent()) {
            String state = request.getParameter("state");
            response.sendRedirect(state == null ? target.get() : append(target.get(), "state=" + enc(state)));
            return;
        }
        page(request, response, HttpServletResponse.SC_OK, "loggedOut", words(request).getString("oidc.loggedOut"));
    }

    private static Instant authenticatedAt(HttpSession session) {
        return session.getAttribute(LoginPrompt.AUTHENTICATED_AT) instanceof Long ms ? Instant.ofEpochMilli(ms) : null;
    }

    private static void answer(HttpServletResponse response, Authorization a, String code) throws IOException {
        String query = "code=" + enc(code) + (a.state() == null ? "" : "&state=" + enc(a.state())) + "&iss=" + enc(OpenIdProvider.issuer());
        response.sendRedirect(append(a.redirectUri(), query));
    }

    private static void redirectError(HttpServletResponse response, Authorization a, String error, String description) throws IOException {
        response.sendRedirect(errorUrl(a.redirectUri(), a.state(), error, description));
    }

    private static String errorUrl(String redirectUri, String state, String error, String description) {
        return append(redirectUri, "error=" + enc(error) + "&error_description=" + enc(description) + (state == null ? "" : "&state=" + enc(state))
                + "&iss=" + enc(OpenIdProvider.issuer()));
    }

    private static String append(String uri, String query) {
        return uri + (uri.contains("?") ? "&" : "?") + query;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static byte[] bytes() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return b;
    }

    private static ResourceBundle words(HttpServletRequest request) {
        return ResourceBundle.getBundle("org.twofold.web.Messages", request.getLocale() == null ? Locale.ENGLISH : request.getLocale());
    }

    /** The page a person sees when the application's request cannot be answered to the application. */
    private static void errorPage(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        String text = words(request).getString("oidc.invalidRequest");
        page(request, response, HttpServletResponse.SC_BAD_REQUEST, "invalidRequest", text + (detail == null ? "" : " (" + detail + ")"));
    }

    private static void page(HttpServletRequest request, HttpServletResponse response, int status, String id, String text) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\"><title>Twofold</title>"
                + "<link rel=\"stylesheet\" href=\"" + escape(request.getContextPath()) + "/resources/css/twofold.css\"></head><body><main><p id=\"" + id + "\" class=\"messages\" role=\"alert\">"
                + escape(text) + "</p></main></body></html>");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
