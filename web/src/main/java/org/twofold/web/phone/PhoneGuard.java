package org.twofold.web.phone;

import jakarta.ejb.EJB;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.twofold.delivery.VirtualPhones;

/**
 * The door of {@code /phone}, the page and every request it makes (its Ajax posts go to the same
 * address): without the simulator there is nothing there ({@code 404}); with it, only the addresses
 * {@code TWOFOLD_PHONE_ALLOWED_FROM} allows get in, the rest get {@code 403} (audited). The rule is
 * {@link VirtualPhones#admit}; this only translates.
 */
@WebFilter(urlPatterns = {"/phone", "/phone.xhtml", "/phone/*"})
public class PhoneGuard extends HttpFilter {
    private static final long serialVersionUID = 1L;

    @EJB
    private VirtualPhones phones;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        boolean forwarded = request.getHeader("Forwarded") != null || request.getHeader("X-Forwarded-For") != null;
        switch (phones.admit(request.getRemoteAddr(), forwarded)) {
            case SERVE -> chain.doFilter(request, response);
            case NOT_FOUND -> plain(response, HttpServletResponse.SC_NOT_FOUND, "Not Found");
            case REFUSED -> plain(response, HttpServletResponse.SC_FORBIDDEN,
                    "Forbidden: the virtual phones answer only the addresses in TWOFOLD_PHONE_ALLOWED_FROM.");
        }
    }

    private static void plain(HttpServletResponse response, int status, String text) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.getOutputStream().write((text + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
