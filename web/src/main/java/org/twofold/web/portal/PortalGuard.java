package org.twofold.web.portal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.twofold.web.login.LoginPrompt;

/**
 * Lets into {@code /portal} only a visitor whose session holds {@link
 * LoginPrompt#AUTHENTICATED_USER} — set by the login prompt once both factors (or a bypass code)
 * succeeded — and sends anyone else to the login, which brings them back here afterwards.
 */
@WebFilter(urlPatterns = {"/portal", "/portal.xhtml"})
public class PortalGuard extends HttpFilter {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (MySettings.userOf(request.getSession(false)) == null) {
            response.sendRedirect(request.getContextPath() + "/?next=portal");
            return;
        }
        // The portal shows personal data: keep it out of shared caches and the back-button cache.
        response.setHeader("Cache-Control", "no-store");
        chain.doFilter(request, response);
    }
}
