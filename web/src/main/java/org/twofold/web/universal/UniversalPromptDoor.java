package org.twofold.web.universal;

import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Instant;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.ResourceBundle;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.universal.UniversalLogin;
import org.twofold.universal.UniversalPrompt;
import org.twofold.web.ClientAddress;

/**
 * {@code /oauth/v1/*}: the endpoints Duo Web SDK v4 ("Universal Prompt") calls, so that an
 * application built with Duo's SDK uses Twofold by changing its API host, client id and secret (an
 * integration's key and secret). {@code POST health_check} (also GET) and {@code POST token} answer
 * Duo's JSON; {@code GET authorize} takes the browser, verifies Duo's signed request and sends it on
 * to Twofold's own prompt ({@code /?duo=<handle>}), where the user passes the second factor for the
 * user the application named — then the prompt sends the browser back with the code. Every decision
 * is {@link UniversalPrompt}'s (and, for the factor, the authentication facade's); this class only
 * translates. The API host is the one the client named in {@code Host}, as Duo's SDK builds its
 * audiences and expects the ID token's issuer from it.
 */
@WebServlet(urlPatterns = "/oauth/v1/*")
public class UniversalPromptDoor extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @EJB
    private transient UniversalPrompt universal;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String endpoint = request.getPathInfo() == null ? "" : request.getPathInfo();
        String method = request.getMethod();
        switch (endpoint) {
            case "/health_check" -> {
                if ("POST".equals(method) || "GET".equals(method)) {
                    healthCheck(request, response);
                } else {
                    notAllowed(response, "POST");
                }
            }
            case "/authorize" -> {
                if ("GET".equals(method)) {
                    authorize(request, response);
                } else {
                    notAllowed(response, "GET");
                }
            }
            case "/token" -> {
                if ("POST".equals(method)) {
                    token(request, response);
                } else {
                    notAllowed(response, "POST");
                }
            }
            default -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    private void healthCheck(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            Instant now = universal.healthCheck(request.getParameter("client_id"), request.getParameter("client_assertion"), apiHost(request),
                    ClientAddress.of(request));
            json(response, 200, Json.createObjectBuilder().add("stat", "OK").add("response", Json.createObjectBuilder().add("timestamp", now.getEpochSecond())));
        } catch (RuntimeException e) {
            TwofoldException refused = TwofoldException.in(e).orElseThrow(() -> e);
            boolean rate = refused.code() == ErrorCode.TOO_MANY_REQUESTS;
            json(response, rate ? 429 : 400, Json.createObjectBuilder().add("stat", "FAIL").add("code", rate ? 42901 : 40002)
                    .add("timestamp", Instant.now().getEpochSecond()).add("message", rate ? "Too many requests" : "invalid_client")
                    .add("message_detail", rate ? "" : "The client id or assertion is not valid"));
        }
    }

    private void authorize(HttpServletRequest request, HttpServletResponse response) throws IOException {
        UniversalLogin login;
        try {
            login = universal.authorize(request.getParameter("client_id"), request.getParameter("response_type"), request.getParameter("redirect_uri"),
                    request.getParameter("request"), apiHost(request), ClientAddress.of(request));
        } catch (RuntimeException e) {
            TwofoldException refused = TwofoldException.in(e).orElseThrow(() -> e);
            // Never back to a redirect URI that was not verified: the browser stays here, told to go back.
            refusedPage(request, response, refused.code() == ErrorCode.TOO_MANY_REQUESTS ? 429 : 400);
            return;
        }
        HttpSession session = request.getSession(true);
        Map<String, Object> attributes = new SessionAttributes(session);
        String handle = UniversalHandoff.park(attributes, login);
        response.sendRedirect(request.getContextPath() + "/?" + UniversalHandoff.PARAM + "=" + handle);
    }

    private void token(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            UniversalPrompt.TokenAnswer answer = universal.token(request.getParameter("grant_type"), request.getParameter("code"),
                    request.getParameter("redirect_uri"), request.getParameter("client_assertion_type"), request.getParameter("client_assertion"),
                    apiHost(request), ClientAddress.of(request));
            json(response, 200, Json.createObjectBuilder().add("id_token", answer.idToken()).add("access_token", answer.accessToken())
                    .add("token_type", "Bearer").add("expires_in", answer.expiresIn()));
        } catch (RuntimeException e) {
            TwofoldException refused = TwofoldException.in(e).orElseThrow(() -> e);
            int status;
            String error;
            switch (refused.code()) {
                case INVALID_CREDENTIALS -> {
                    status = 401;
                    error = "invalid_client";
                }
                case TOO_MANY_REQUESTS -> {
                    status = 429;
                    error = "slow_down";
                }
                default -> {
                    status = 400;
                    error = refused.getMessage() != null && refused.getMessage().matches("[a-z_]{1,40}") ? refused.getMessage() : "invalid_request";
                }
            }
            // RFC 6749 §5.2; one description per error, so that no cause is told to the caller (the audit keeps it)
            json(response, status, Json.createObjectBuilder().add("error", error).add("error_description", switch (error) {
                case "invalid_client" -> "The client could not be authenticated.";
                case "invalid_grant" -> "The code is not valid for this client and redirect URI, has expired or was used.";
                case "unsupported_grant_type" -> "Only authorization_code is supported.";
                case "slow_down" -> "Too many requests from this integration; try again shortly.";
                default -> "The request is missing or has an invalid parameter.";
            }));
        }
    }

    /** The API host as the client named it (with its port, if it named one), as Duo's SDK puts it in audiences and expects it in the issuer. */
    private static String apiHost(HttpServletRequest request) {
        String host = request.getHeader("Host");
        return host != null && !host.isBlank() ? host.trim() : request.getServerName() + ":" + request.getServerPort();
    }

    private static void json(HttpServletResponse response, int status, JsonObjectBuilder body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(body.build().toString());
    }

    private static void notAllowed(HttpServletResponse response, String allowed) throws IOException {
        response.setHeader("Allow", allowed);
        response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
    }

    /** A page telling the person the login request cannot be used, in the pages' words; nothing of the request is echoed. */
    private static void refusedPage(HttpServletRequest request, HttpServletResponse response, int status) throws IOException {
        ResourceBundle words = ResourceBundle.getBundle("org.twofold.web.Messages", request.getLocale());
        response.setStatus(status);
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        String title = words.getString("login.title");
        response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\"/><title>" + title + "</title></head><body><main>"
                + "<h1>" + title + "</h1><p id=\"refused\" role=\"alert\">" + words.getString("prompt.universalRefused") + "</p></main></body></html>");
    }

    /** A session's attributes as a map, for {@link UniversalHandoff} (which the prompt reads through Faces' session map). */
    private static final class SessionAttributes extends java.util.AbstractMap<String, Object> {
        private final HttpSession session;

        SessionAttributes(HttpSession session) {
            this.session = session;
        }

        @Override
        public Object get(Object key) {
            return session.getAttribute((String) key);
        }

        @Override
        public Object put(String key, Object value) {
            session.setAttribute(key, value);
            return null;
        }

        @Override
        public java.util.Set<Entry<String, Object>> entrySet() {
            java.util.Set<Entry<String, Object>> entries = new java.util.LinkedHashSet<>();
            for (Enumeration<String> names = session.getAttributeNames(); names.hasMoreElements(); ) {
                String name = names.nextElement();
                entries.add(new java.util.AbstractMap.SimpleEntry<>(name, session.getAttribute(name)));
            }
            return Collections.unmodifiableSet(entries);
        }
    }
}
