package org.twofold.ws;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.xml.soap.Detail;
import jakarta.xml.soap.DetailEntry;
import jakarta.xml.soap.SOAPConstants;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPFactory;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;

/**
 * The one mapping from domain errors to SOAP faults: every fault carries, in its detail, a
 * {@code tns:fault} element with the stable numeric {@link ErrorCode} and a message — never a
 * stack trace. Server-side faults use the {@code soap:Server} fault code, the rest {@code soap:Client}.
 *
 * <p>Twofold writes its faults itself ({@link #write}): those of requests refused before Metro reads
 * them, and those of the endpoint's refusals ({@link #refuse}), which {@link SoapRequestFilter}
 * writes in place of Metro's answer. Metro's own fault builder looks its data-binding factory up
 * through the class loaders on every fault (a {@code ServiceLoader} over every jar, reading each
 * match from its jar again), which made a refused request — an unknown user, a throttled source —
 * cost twice an allowed one. A SOAPFaultException remains for an endpoint running without the
 * filter.
 */
final class Faults {
    static final String NS = "urn:twofold:auth:1";
    private static final String ENVELOPE = SOAPConstants.URI_NS_SOAP_1_1_ENVELOPE;
    /** The request attribute under which {@link SoapRequestFilter} offers its {@link Refusable} response. */
    static final String REFUSABLE = Faults.class.getName() + ".refusable";
    private static final Logger LOG = Logger.getLogger(Faults.class.getName());
    /** The JDK's own StAX writer factory, configured once; each fault gets a writer of its own. */
    private static final XMLOutputFactory XML = XMLOutputFactory.newDefaultFactory();

    private Faults() {
    }

    /**
     * The SOAP 1.1 factory, found once: {@code SOAPFactory.newInstance} searches the class loaders
     * for an implementation on every call. The factory keeps no state between calls.
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

    /** What a refusal says: its stable code and message. */
    record Fault(ErrorCode code, String message) {
        /**
         * The fault for an error the SOAP door caught: a refusal's own code and message; anything else
         * is logged as {@code whatFailed} and said as a server error.
         */
        static Fault of(RuntimeException e, String whatFailed) {
            return TwofoldException.in(e).map(te -> new Fault(te.code(), te.getMessage())).orElseGet(() -> {
                LOG.log(Level.WARNING, whatFailed, e);
                return new Fault(ErrorCode.SERVER_ERROR, ErrorCode.SERVER_ERROR.text());
            });
        }
    }

    /**
     * Answers the request of {@code context} with {@code fault}: hands it to the filter's response,
     * which writes it once Metro is done (the caller then returns nothing for Metro to say), or,
     * where no filter offered one, throws it as a SOAPFaultException for Metro to write.
     */
    static void refuse(MessageContext context, Fault fault) {
        Object request = context.get(MessageContext.SERVLET_REQUEST);
        // Only a request Metro handles on the filter's own thread: one handled asynchronously would
        // reach the endpoint after the filter has returned, and its refusal would never be written.
        Object refusable = request instanceof HttpServletRequest r && !r.isAsyncStarted() ? r.getAttribute(REFUSABLE) : null;
        if (refusable instanceof Refusable response) {
            response.refuse(fault);
            return;
        }
        throw soapFault(fault.code(), fault.message());
    }

    /**
     * Writes the fault for {@code code} as a whole SOAP 1.1 response: HTTP 500, as SOAP 1.1 §6.2
     * asks, {@code text/xml} in UTF-8.
     */
    static void write(HttpServletResponse response, ErrorCode code, String message) throws IOException {
        byte[] body = envelope(code, message);
        response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        response.setContentType("text/xml;charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The fault's whole envelope, as Metro would write it: the fault code, string and our detail. */
    static byte[] envelope(ErrorCode code, String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try {
            XMLStreamWriter xml = XML.createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.setPrefix("S", ENVELOPE);
            xml.writeStartElement("S", "Envelope", ENVELOPE);
            xml.writeNamespace("S", ENVELOPE);
            xml.writeStartElement(ENVELOPE, "Body");
            xml.writeStartElement(ENVELOPE, "Fault");
            xml.writeStartElement("faultcode");
            xml.writeCharacters("S:" + faultCode(code));
            xml.writeEndElement();
            xml.writeStartElement("faultstring");
            xml.writeCharacters(message);
            xml.writeEndElement();
            xml.writeStartElement("detail");
            xml.writeStartElement("tf", "fault", NS);
            xml.writeNamespace("tf", NS);
            xml.writeStartElement("tf", "code", NS);
            xml.writeCharacters(Integer.toString(code.number()));
            xml.writeEndElement();
            xml.writeStartElement("tf", "message", NS);
            xml.writeCharacters(message);
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write a SOAP fault", e);
        }
        return out.toByteArray();
    }

    private static String faultCode(ErrorCode code) {
        return code == ErrorCode.SERVER_ERROR ? "Server" : "Client";
    }

    /**
     * The SOAP fault for {@code code} as an exception Metro writes: {@code soap:Client} for requests
     * the caller can correct, {@code soap:Server} for server errors, and the declared {@code
     * tns:fault} detail, which clients generated from the WSDL receive as {@code AuthFault}.
     */
    static SOAPFaultException soapFault(ErrorCode code, String message) {
        try {
            SOAPFault fault = Soap11.FACTORY.createFault(message, new QName(ENVELOPE, faultCode(code)));
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
