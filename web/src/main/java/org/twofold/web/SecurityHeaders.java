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
 * of logins) — static resources may be cached. Over TLS it adds {@code Strict-Transport-Security};
 * with an HTTPS port configured, plain HTTP is redirected there ({@link Transport}). Faces renders its Ajax calls as inline event
 * handlers, hence {@code 'unsafe-inline'} for scripts; every script file comes from Twofold.
 */
@WebFilter(filterName = "SecurityHeaders", urlPatterns = "/*")
public class SecurityHeaders extends HttpFilter {
    private static final long serialVersionUID = 1L;
    public static final String CSP = "Content-Security-Policy";

    private static final Transport TRANSPORT = Transport.configured();

    /**
     * Whether the request reached the user over TLS (directly, or through a trusted proxy — one of
     * {@code TWOFOLD_TRUSTED_PROXIES}; anyone else's {@code X-Forwarded-Proto} is ignored): what
     * HSTS and the {@code Secure} flag of Twofold's own cookies follow.
     */
    public static boolean isSecure(HttpServletRequest request) {
        return TRANSPORT.secure(request.isSecure(),
                ClientAddress.fromTrustedProxy(request) ? request.getHeader("X-Forwarded-Proto") : null);
    }

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
        boolean secure = isSecure(request);
        var redirect = TRANSPORT.redirect(secure, request.getServerName(), request.getRequestURI(), request.getQueryString());
        if (redirect.isPresent()) {
            // 308 keeps the method and body; nothing is served over plain HTTP once HTTPS is configured
            response.setStatus(308);
            response.setHeader("Location", redirect.get());
            return;
        }
        if (secure) {
            response.setHeader("Strict-Transport-Security", Transport.hsts());
        }
        if (!request.getRequestURI().contains("/jakarta.faces.resource/")) {
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("Pragma", "no-cache");
        }
        chain.doFilter(request, response);
    }
}
