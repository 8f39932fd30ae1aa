package org.twofold.web;

import jakarta.faces.context.FacesContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import org.twofold.site.ProxyTrust;

/**
 * The client's address of a web request, for the per-source throttle and the audit trail: the
 * connection's peer, or behind a trusted proxy the address it forwarded ({@link ProxyTrust}, the
 * one rule; {@code TWOFOLD_TRUST_PROXY}, {@code TWOFOLD_TRUSTED_PROXIES}). Every page, filter and
 * servlet asks here instead of {@code getRemoteAddr()}.
 */
public final class ClientAddress {
    private static final ProxyTrust PROXIES = ProxyTrust.configured();

    private ClientAddress() {
    }

    /** The client's address of {@code request}. */
    public static String of(HttpServletRequest request) {
        return PROXIES.clientAddress(request.getRemoteAddr(), Collections.list(request.getHeaders("X-Forwarded-For")));
    }

    /** The client's address of the current Faces request, or null outside one. */
    public static String ofFacesRequest() {
        FacesContext fc = FacesContext.getCurrentInstance();
        Object request = fc == null ? null : fc.getExternalContext().getRequest();
        return request instanceof HttpServletRequest http ? of(http) : null;
    }

    /** Whether the connection's peer is a trusted proxy, whose {@code X-Forwarded-Proto} is believed. */
    static boolean fromTrustedProxy(HttpServletRequest request) {
        return PROXIES.trusts(request.getRemoteAddr());
    }
}
