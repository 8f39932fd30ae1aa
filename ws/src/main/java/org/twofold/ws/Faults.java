package org.twofold.ws;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.xml.soap.Detail;
import jakarta.xml.soap.MessageFactory;
import jakarta.xml.soap.SOAPMessage;
import java.io.IOException;
import jakarta.xml.soap.DetailEntry;
import jakarta.xml.soap.SOAPConstants;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPFactory;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.xml.namespace.QName;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;

/**
 * The one mapping from domain errors to SOAP faults: every fault carries, in its detail, a
 * {@code tns:fault} element with the stable numeric {@link ErrorCode} and a message — never a
 * stack trace. Server-side faults use the {@code soap:Server} fault code, the rest {@code soap:Client}.
 */
final class Faults {
    static final String NS = "urn:twofold:auth:1";
    private static final Logger LOG = Logger.getLogger(Faults.class.getName());

    private Faults() {
    }

    /**
     * The SOAP 1.1 factory, found once: {@code SOAPFactory.newInstance} searches the class loaders
     * for an implementation on every call (under their locks), which made each refusal answered
     * with a fault (an unknown user, say) dearer than an allowed login. The factory keeps no state
     * between calls.
     */
    private static final class Soap11 {
        static final SOAPFactory FACTORY;

        static {
            try {
                FACTORY = SOAPFactory.newInstance(SOAPConstants.SOAP_1_1_PROTOCOL);
            } catch (SOAPException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    /** The fault for an error an endpoint method caught. */
    static SOAPFaultException of(RuntimeException e) {
        return TwofoldException.in(e).map(te -> soapFault(te.code(), te.getMessage())).orElseGet(() -> {
            LOG.log(Level.WARNING, "SOAP request failed", e);
            return soapFault(ErrorCode.SERVER_ERROR, ErrorCode.SERVER_ERROR.text());
        });
    }

    /**
     * Writes the fault for {@code code} as a whole SOAP 1.1 response (HTTP 500, as SOAP 1.1 §6.2
     * asks), for requests refused before Metro reads them.
     */
    static void write(HttpServletResponse response, ErrorCode code, String message) throws IOException {
        try {
            SOAPMessage fault = MessageFactory.newInstance(SOAPConstants.SOAP_1_1_PROTOCOL).createMessage();
            SOAPFault built = soapFault(code, message).getFault();
            fault.getSOAPBody().appendChild(fault.getSOAPPart().importNode(built, true));
            fault.saveChanges();
            response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            response.setContentType("text/xml;charset=utf-8");
            fault.writeTo(response.getOutputStream());
        } catch (SOAPException e) {
            throw new IOException("Cannot write a SOAP fault", e);
        }
    }

    /**
     * The SOAP fault for {@code code}: {@code soap:Client} for requests the caller can correct,
     * {@code soap:Server} for server errors, and the declared {@code tns:fault} detail, which
     * clients generated from the WSDL receive as {@code AuthFault}. Endpoints and handlers both use it.
     */
    static SOAPFaultException soapFault(ErrorCode code, String message) {
        try {
            SOAPFactory factory = Soap11.FACTORY;
            QName faultCode = new QName(SOAPConstants.URI_NS_SOAP_1_1_ENVELOPE, code == ErrorCode.SERVER_ERROR ? "Server" : "Client");
            SOAPFault fault = factory.createFault(message, faultCode);
            Detail detail = fault.addDetail();
            DetailEntry entry = detail.addDetailEntry(new QName(NS, "fault", "tf"));
            entry.addChildElement(new QName(NS, "code", "tf")).addTextNode(Integer.toString(code.number()));
            entry.addChildElement(new QName(NS, "message", "tf")).addTextNode(message);
            return new SOAPFaultException(fault);
        } catch (SOAPException e) {
            throw new IllegalStateException("Cannot build a SOAP fault", e);
        }
    }
}
