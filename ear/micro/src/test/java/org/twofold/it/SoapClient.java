package org.twofold.it;

import jakarta.xml.soap.SOAPElement;
import jakarta.xml.soap.SOAPEnvelope;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPHeader;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.handler.Handler;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.handler.soap.SOAPHandler;
import jakarta.xml.ws.handler.soap.SOAPMessageContext;
import java.net.URL;
import java.util.List;
import java.util.Set;
import javax.xml.namespace.QName;
import org.twofold.ws.contract.Auth;
import org.twofold.ws.contract.AuthService;
import org.twofold.ws.contract.AuthServicePortType;
import org.twofold.ws.contract.AuthStatus;
import org.twofold.ws.contract.Factor;

/**
 * A JAX-WS client of the served WSDL (the port type generated from the published contract), with a
 * WS-Security UsernameToken header as integrators send it.
 */
final class SoapClient {
    static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";

    private SoapClient() {
    }

    /** A port without credentials. */
    static AuthServicePortType anonymous(URL base) throws Exception {
        AuthService service = new AuthService(new URL(base, "ws/AuthService?wsdl"));
        AuthServicePortType port = service.getAuthServicePort();
        ((BindingProvider) port).getRequestContext().put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, new URL(base, "ws/AuthService").toString());
        return port;
    }

    /** A port that sends {@code key}/{@code secret} as a PasswordText UsernameToken. */
    @SuppressWarnings("rawtypes")
    static AuthServicePortType as(URL base, String key, String secret) throws Exception {
        AuthServicePortType port = anonymous(base);
        BindingProvider bp = (BindingProvider) port;
        List<Handler> chain = bp.getBinding().getHandlerChain();
        chain.add(new UsernameToken(key, secret));
        bp.getBinding().setHandlerChain(chain);
        return port;
    }

    private record UsernameToken(String username, String password) implements SOAPHandler<SOAPMessageContext> {
        @Override
        public boolean handleMessage(SOAPMessageContext context) {
            if (!Boolean.TRUE.equals(context.get(MessageContext.MESSAGE_OUTBOUND_PROPERTY))) {
                return true;
            }
            try {
                SOAPEnvelope envelope = context.getMessage().getSOAPPart().getEnvelope();
                SOAPHeader header = envelope.getHeader() != null ? envelope.getHeader() : envelope.addHeader();
                SOAPElement security = header.addChildElement("Security", "wsse", WSSE);
                SOAPElement token = security.addChildElement("UsernameToken", "wsse");
                token.addChildElement("Username", "wsse").addTextNode(username);
                token.addChildElement("Password", "wsse").addTextNode(password);
                context.getMessage().saveChanges();
            } catch (SOAPException e) {
                throw new IllegalStateException(e);
            }
            return true;
        }

        @Override
        public Set<QName> getHeaders() {
            return Set.of();
        }

        @Override
        public boolean handleFault(SOAPMessageContext context) {
            return true;
        }

        @Override
        public void close(MessageContext context) {
        }
    }

    /** Adds a PasswordText UsernameToken with {@code key}/{@code secret} to any port, e.g. one of a stock client. */
    @SuppressWarnings("rawtypes")
    static <T> T withUsernameToken(T port, String key, String secret) {
        BindingProvider bp = (BindingProvider) port;
        List<Handler> chain = bp.getBinding().getHandlerChain();
        chain.add(new UsernameToken(key, secret));
        bp.getBinding().setHandlerChain(chain);
        return port;
    }

    /** A passcode login of {@code username}, from the documentation address 198.51.100.7. */
    static Auth passcode(String username, String passcode) {
        Auth auth = new Auth();
        auth.setUsername(username);
        auth.setFactor(Factor.PASSCODE);
        auth.setPasscode(passcode);
        auth.setIpaddr("198.51.100.7");
        return auth;
    }

    /** A login of {@code username} with another factor (push, phone, sms, auto), synchronous or not. */
    static Auth auth(String username, Factor factor, boolean async) {
        Auth auth = new Auth();
        auth.setUsername(username);
        auth.setFactor(factor);
        auth.setAsync(async);
        return auth;
    }

    /** An {@code authStatus} request; {@code waitSeconds} null asks for the state now. */
    static AuthStatus status(String txid, Integer waitSeconds) {
        AuthStatus status = new AuthStatus();
        status.setTxid(txid);
        status.setWaitSeconds(waitSeconds);
        return status;
    }
}
