package org.twofold.ws;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.xml.ws.handler.MessageContext;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.integration.Integration;
import org.twofold.integration.Integrations;
import org.twofold.site.ProxyTrust;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks the integration's credentials before any operation but {@code ping}: a WS-Security
 * UsernameToken (OASIS WSS UsernameToken Profile 1.1 §3) whose Username is the integration key and
 * whose Password is its secret, as PasswordText or as PasswordDigest with Nonce and wsu:Created (the
 * digest, freshness and once-only nonce are checked by {@link Integrations#authenticateDigest}).
 * It reads the envelope {@link SoapRequestFilter} has already parsed (no SAAJ message is built for
 * it, unlike a JAX-WS handler, which made Metro build and re-serialise one per request); the
 * authenticated key is handed to the endpoint as the request attribute {@link #INTEGRATION_KEY}.
 */
final class WsSecurity {
    static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    static final String WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    static final String PASSWORD_TEXT = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText";
    static final String PASSWORD_DIGEST = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest";
    /** Request attribute holding the authenticated integration key. */
    static final String INTEGRATION_KEY = "org.twofold.integrationKey";
    /** Operations that need no credentials. */
    static final String OPEN_OPERATION = "ping";
    private static final ProxyTrust PROXIES = ProxyTrust.configured();

    private WsSecurity() {
    }

    /**
     * The key of the integration whose UsernameToken is in {@code envelope}'s header.
     *
     * @throws TwofoldException {@code CREDENTIALS_REQUIRED} without a token; {@code
     *     INVALID_CREDENTIALS} for wrong ones or an unknown password type; as {@link
     *     Integrations#authenticate} otherwise (refusals are audited there)
     */
    static String authenticate(Element envelope, String origin) {
        Element token = usernameToken(envelope);
        if (token == null) {
            throw refused(null, origin, ErrorCode.CREDENTIALS_REQUIRED, ErrorCode.CREDENTIALS_REQUIRED.text(), "no_credentials");
        }
        String username = text(child(token, WSSE, "Username"));
        Element password = child(token, WSSE, "Password");
        String type = password == null ? "" : password.getAttribute("Type");
        Integrations integrations = Domain.get(Integrations.class);
        Integration integration;
        if (PASSWORD_DIGEST.equals(type)) {
            integration = integrations.authenticateDigest(username, text(password), text(child(token, WSSE, "Nonce")),
                    text(child(token, WSU, "Created")), origin);
        } else if (password == null || type.isEmpty() || PASSWORD_TEXT.equals(type)) {
            integration = integrations.authenticate(username, text(password), origin);
        } else {
            throw refused(username, origin, ErrorCode.INVALID_CREDENTIALS, "The password type must be PasswordText or PasswordDigest", "password_type");
        }
        return integration.getIntegrationKey();
    }

    /** Audits a refusal made here (before {@link Integrations} is asked) and returns its exception. */
    private static TwofoldException refused(String claimedKey, String origin, ErrorCode code, String message, String reason) {
        String key = claimedKey == null || claimedKey.isBlank() ? "?" : claimedKey.length() > 32 ? claimedKey.substring(0, 32) : claimedKey;
        Domain.get(AuditTrail.class).recordRequestRefusal(Actor.integration(key, origin), AuditAction.INTEGRATION_AUTHENTICATE, reason, null);
        return new TwofoldException(code, message);
    }

    /** The request's origin for the audit trail: the integrator's address. */
    static String origin(MessageContext context) {
        Object request = context.get(MessageContext.SERVLET_REQUEST);
        return request instanceof HttpServletRequest http ? origin(http) : null;
    }

    /**
     * The integrator's address: the connection's peer, or behind a trusted proxy the address it
     * forwarded ({@link ProxyTrust}, the rule every boundary uses).
     */
    static String origin(HttpServletRequest request) {
        return PROXIES.clientAddress(request.getRemoteAddr(), java.util.Collections.list(request.getHeaders("X-Forwarded-For")));
    }

    /** The authenticated integration key {@link SoapRequestFilter} left on the request, or null. */
    static String integrationKey(MessageContext context) {
        Object request = context.get(MessageContext.SERVLET_REQUEST);
        return request instanceof HttpServletRequest http ? (String) http.getAttribute(INTEGRATION_KEY) : null;
    }

    private static Element usernameToken(Element envelope) {
        Element header = child(envelope, RequestScreen.SOAP11, "Header");
        Element security = header == null ? null : child(header, WSSE, "Security");
        return security == null ? null : child(security, WSSE, "UsernameToken");
    }

    private static Element child(Element parent, String namespace, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && namespace.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element e) {
        return e == null ? null : e.getTextContent().trim();
    }
}
