package org.twofold.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Security headers on every response: a Content-Security-Policy that allows only Twofold's own
 * origin (no third-party script, style, image or font; no framing; forms post only to Twofold),
 * {@code X-Frame-Options: DENY} for older browsers, {@code nosniff}, a referrer policy that never
 * sends a page address elsewhere, and {@code no-store} on every page (pages show codes and status
 * of logins) — static resources may be cached. Faces renders its Ajax calls as inline event
 * handlers, hence {@code 'unsafe-inline'} for scripts; every script file comes from Twofold.
 */
@WebFilter(filterName = "SecurityHeaders", urlPatterns = "/*")
public class SecurityHeaders extends HttpFilter {
    private static final long serialVersionUID = 1L;
    public static final String CSP = "Content-Security-Policy";

    /** The policy; {@code formOrigin}, if not null, may also receive form posts (a hosted-prompt application). */
    public static String policy(String formOrigin) {
        return "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
                + "form-action 'self'" + (formOrigin == null ? "" : " " + formOrigin);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        response.setHeader(CSP, policy(null));
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000");
        }
        if (!request.getRequestURI().contains("/jakarta.faces.resource/")) {
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("Pragma", "no-cache");
        }
        chain.doFilter(request, response);
    }
}
