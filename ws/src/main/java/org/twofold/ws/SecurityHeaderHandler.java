package org.twofold.ws;

import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.handler.soap.SOAPHandler;
import jakarta.xml.ws.handler.soap.SOAPMessageContext;
import java.util.Set;
import javax.xml.namespace.QName;

/**
 * Tells Metro that the WS-Security header is understood, so that a {@code wsse:Security} with
 * {@code soap:mustUnderstand="1"} is not refused with a MustUnderstand fault. The header itself was
 * already checked by {@link SoapRequestFilter} ({@link WsSecurity}); this handler deliberately never
 * reads the message — asking for it would make Metro build a SAAJ copy of every request, which was
 * the largest cost of the SOAP hot path.
 */
public class SecurityHeaderHandler implements SOAPHandler<SOAPMessageContext> {
    static final QName SECURITY = new QName(WsSecurity.WSSE, "Security");

    @Override
    public Set<QName> getHeaders() {
        return Set.of(SECURITY);
    }

    @Override
    public boolean handleMessage(SOAPMessageContext context) {
        return true;
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
