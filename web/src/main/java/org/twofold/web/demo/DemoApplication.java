package org.twofold.web.demo;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.twofold.integration.HostedPrompt;
import org.twofold.integration.HostedResult;
import org.twofold.integration.IntegrationCredentials;

/**
 * {@code /demo/app}: a small web application protected by the hosted login prompt, as an integrator
 * would write one. A visitor without a login is sent to {@code /?app=<key>&state=<random>}; the
 * prompt posts back {@code result} and {@code state}; the application checks that the state is the
 * one it sent (so no one else's login can be planted) and verifies the result with its integration
 * secret ({@link HostedResult.Verifier}: signature, its own key, expiry, one-time use), then shows
 * "Welcome, user". Served only when the demo integration ({@link HostedPrompt#DEMO_APP_NAME}) exists.
 */
@WebServlet(name = "DemoApplication", urlPatterns = "/demo/app")
public class DemoApplication extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(DemoApplication.class.getName());
    static final String STATE = "org.twofold.demo.state";
    static final String USER = "org.twofold.demo.user";
    private static final SecureRandom RANDOM = new SecureRandom();

    @EJB
    private HostedPrompt hostedPrompt;

    /** One verifier per integration key: it remembers which results were used. */
    private final Map<String, HostedResult.Verifier> verifiers = new ConcurrentHashMap<>();

    private Optional<IntegrationCredentials> integration(HttpServletResponse response) throws IOException {
        Optional<IntegrationCredentials> app = hostedPrompt.demoApplication();
        if (app.isEmpty()) {
            page(response, HttpServletResponse.SC_NOT_FOUND, "Demo application",
                    "<p id=\"notSetUp\">The demo application is not set up (start Twofold with TWOFOLD_DEMO=true on an empty database).</p>");
        }
        return app;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<IntegrationCredentials> app = integration(response);
        if (app.isEmpty()) {
            return;
        }
        HttpSession session = request.getSession();
        Object user = session.getAttribute(USER);
        if (user != null) {
            welcome(response, user.toString());
            return;
        }
        String state = HexFormat.of().formatHex(bytes());
        session.setAttribute(STATE, state);
        response.sendRedirect(request.getContextPath() + "/?app=" + URLEncoder.encode(app.get().integrationKey(), StandardCharsets.UTF_8)
                + "&state=" + state);
    }

    private static byte[] bytes() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return b;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<IntegrationCredentials> app = integration(response);
        if (app.isEmpty()) {
            return;
        }
        HttpSession session = request.getSession(false);
        String expected = session == null ? null : (String) session.getAttribute(STATE);
        String state = request.getParameter("state");
        if (expected == null || state == null
                || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), state.getBytes(StandardCharsets.UTF_8))) {
            refuse(response, "state");
            return;
        }
        IntegrationCredentials c = app.get();
        HostedResult.Verifier verifier = verifiers.computeIfAbsent(c.integrationKey(),
                k -> new HostedResult.Verifier(c.secret().getBytes(StandardCharsets.UTF_8), k, Clock.systemUTC()));
        HostedResult.Claims claims;
        try {
            claims = verifier.verify(request.getParameter("result"));
        } catch (HostedResult.Rejected e) {
            LOG.info(() -> "Demo application refused a hosted-prompt result: " + e.problem());
            refuse(response, e.problem().name().toLowerCase(java.util.Locale.ROOT));
            return;
        }
        session.removeAttribute(STATE);
        request.changeSessionId();
        session = request.getSession();
        session.setAttribute(USER, claims.username());
        response.sendRedirect(request.getContextPath() + "/demo/app");
    }

    private static void refuse(HttpServletResponse response, String why) throws IOException {
        page(response, HttpServletResponse.SC_FORBIDDEN, "Demo application",
                "<p id=\"refused\">Login refused (" + escape(why) + ").</p><p><a href=\"app\">Try again</a></p>");
    }

    private static void welcome(HttpServletResponse response, String user) throws IOException {
        page(response, HttpServletResponse.SC_OK, "Demo application", "<h1 id=\"welcome\">Welcome, " + escape(user) + "</h1>"
                + "<p>This page is protected by the hosted login prompt: you passed both factors.</p>");
    }

    private static void page(HttpServletResponse response, int status, String title, String body) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\"><title>" + escape(title)
                + "</title></head><body><main>" + body + "</main></body></html>");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
