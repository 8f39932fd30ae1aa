package org.twofold.web.portal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Keeps {@code /bypass} (which shows a bypass code) and {@code /activate} (which shows an app's
 * secret) out of every cache, the browser's back-button cache included.
 */
@WebFilter(urlPatterns = {"/bypass", "/bypass.xhtml", "/activate", "/activate.xhtml"})
public class NoStore extends HttpFilter {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        response.setHeader("Cache-Control", "no-store");
        chain.doFilter(request, response);
    }
}
