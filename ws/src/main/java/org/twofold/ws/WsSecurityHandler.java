package org.twofold.ws;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.xml.soap.SOAPBody;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPHeader;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.handler.soap.SOAPHandler;
import jakarta.xml.ws.handler.soap.SOAPMessageContext;
import java.util.Set;
import javax.xml.namespace.QName;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.integration.Integration;
import org.twofold.integration.Integrations;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks the integration's credentials before any operation but {@code ping}: a WS-Security
 * UsernameToken (OASIS WSS UsernameToken Profile 1.1 §3) whose Username is the integration key and
 * whose Password is its secret, as PasswordText or as PasswordDigest with Nonce and wsu:Created (the
 * digest, freshness and once-only nonce are checked by {@link Integrations#authenticateDigest}). The authenticated key is handed to the endpoint in the message
 * context. Missing or wrong credentials end the request with a fault (and an audit row).
 */
public class WsSecurityHandler implements SOAPHandler<SOAPMessageContext> {
    static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    static final String WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    static final String PASSWORD_TEXT = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText";
    static final String PASSWORD_DIGEST = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest";
    static final QName SECURITY = new QName(WSSE, "Security");
    /** Message-context key of the authenticated integration key. */
    static final String INTEGRATION_KEY = "org.twofold.integrationKey";
    /** Operations that need no credentials. */
    private static final Set<String> OPEN = Set.of("ping");

    @Override
    public Set<QName> getHeaders() {
        return Set.of(SECURITY);
    }

    @Override
    public boolean handleMessage(SOAPMessageContext context) {
        if (Boolean.TRUE.equals(context.get(MessageContext.MESSAGE_OUTBOUND_PROPERTY))) {
            return true;
        }
        try {
            SOAPBody body = context.getMessage().getSOAPBody();
            Element operation = firstElement(body);
            if (operation != null && Faults.NS.equals(operation.getNamespaceURI()) && OPEN.contains(operation.getLocalName())) {
                return true;
            }
            Element token = usernameToken(context.getMessage().getSOAPHeader());
            if (token == null) {
                throw Faults.soapFault(ErrorCode.CREDENTIALS_REQUIRED, ErrorCode.CREDENTIALS_REQUIRED.text());
            }
            String username = text(child(token, "Username"));
            Element password = child(token, "Password");
            String type = password == null ? "" : password.getAttribute("Type");
            Integrations integrations = Domain.get(Integrations.class);
            Integration integration;
            if (PASSWORD_DIGEST.equals(type)) {
                integration = integrations.authenticateDigest(username, text(password), text(child(token, "Nonce")),
                        text(child(token, WSU, "Created")), origin(context));
            } else if (password == null || type.isEmpty() || PASSWORD_TEXT.equals(type)) {
                integration = integrations.authenticate(username, text(password), origin(context));
            } else {
                throw Faults.soapFault(ErrorCode.INVALID_CREDENTIALS, "The password type must be PasswordText or PasswordDigest");
            }
            context.put(INTEGRATION_KEY, integration.getIntegrationKey());
            context.setScope(INTEGRATION_KEY, MessageContext.Scope.APPLICATION);
            return true;
        } catch (SOAPException e) {
            throw Faults.soapFault(ErrorCode.MALFORMED_REQUEST, ErrorCode.MALFORMED_REQUEST.text());
        } catch (TwofoldException e) {
            throw Faults.soapFault(e.code(), e.getMessage());
        } catch (RuntimeException e) {
            if (e instanceof jakarta.xml.ws.soap.SOAPFaultException sfe) {
                throw sfe;
            }
            throw TwofoldException.in(e).map(te -> (RuntimeException) Faults.soapFault(te.code(), te.getMessage())).orElse(e);
        }
    }

    /** The request's origin for the audit trail: the integrator's address. */
    static String origin(MessageContext context) {
        Object request = context.get(MessageContext.SERVLET_REQUEST);
        return request instanceof HttpServletRequest http ? http.getRemoteAddr() : null;
    }

    private static Element usernameToken(SOAPHeader header) {
        if (header == null) {
            return null;
        }
        for (Node n = header.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && WSSE.equals(e.getNamespaceURI()) && "Security".equals(e.getLocalName())) {
                return child(e, "UsernameToken");
            }
        }
        return null;
    }

    private static Element firstElement(Node parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    private static Element child(Element parent, String localName) {
        return child(parent, WSSE, localName);
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

    @Override
    public boolean handleFault(SOAPMessageContext context) {
        return true;
    }

    @Override
    public void close(MessageContext context) {
        // nothing held
    }
}
