package org.twofold.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.xml.soap.DetailEntry;
import jakarta.xml.soap.MessageFactory;
import jakarta.xml.soap.MimeHeaders;
import jakarta.xml.soap.SOAPConstants;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.soap.SOAPMessage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.twofold.ErrorCode;

/**
 * The faults Twofold writes itself, read back by SAAJ as any SOAP 1.1 client reads them: the
 * fault code, the fault string and the declared {@code tf:fault} detail with the stable code.
 */
class FaultsTest {

    private static SOAPFault read(byte[] envelope) throws Exception {
        SOAPMessage message = MessageFactory.newInstance(SOAPConstants.SOAP_1_1_PROTOCOL)
                .createMessage(new MimeHeaders(), new ByteArrayInputStream(envelope));
        return message.getSOAPBody().getFault();
    }

    private static String child(DetailEntry entry, String name) {
        return ((Element) entry.getElementsByTagNameNS(Faults.NS, name).item(0)).getTextContent();
    }

    @Test
    void aRefusalIsAClientFaultWithItsCodeInTheDeclaredDetail() throws Exception {
        SOAPFault fault = read(Faults.envelope(ErrorCode.UNKNOWN_USER, "No such user."));
        assertEquals(new QName(SOAPConstants.URI_NS_SOAP_1_1_ENVELOPE, "Client"), fault.getFaultCodeAsQName());
        assertEquals("No such user.", fault.getFaultString());
        DetailEntry entry = fault.getDetail().getDetailEntries().next();
        assertEquals(new QName(Faults.NS, "fault"), entry.getElementQName());
        assertEquals("300", child(entry, "code"));
        assertEquals("No such user.", child(entry, "message"));
    }

    @Test
    void aServerErrorIsAServerFault() throws Exception {
        SOAPFault fault = read(Faults.envelope(ErrorCode.SERVER_ERROR, ErrorCode.SERVER_ERROR.text()));
        assertEquals(new QName(SOAPConstants.URI_NS_SOAP_1_1_ENVELOPE, "Server"), fault.getFaultCodeAsQName());
        assertEquals("500", child(fault.getDetail().getDetailEntries().next(), "code"));
    }

    @Test
    void markupInAMessageIsTextNotStructure() throws Exception {
        String message = "username <x>&amp; \"é\" is required]]>";
        byte[] envelope = Faults.envelope(ErrorCode.MISSING_FIELD, message);
        assertFalse(new String(envelope, StandardCharsets.UTF_8).contains("<x>"));
        SOAPFault fault = read(envelope);
        assertEquals(message, fault.getFaultString());
        DetailEntry entry = fault.getDetail().getDetailEntries().next();
        assertEquals(message, child(entry, "message"));
        assertEquals(Integer.toString(ErrorCode.MISSING_FIELD.number()), child(entry, "code"));
    }

    /** A message context holding the servlet request, as Metro's does. */
    private static final class Context extends HashMap<String, Object> implements MessageContext {
        private static final long serialVersionUID = 1L;

        Context(HttpServletRequest request) {
            put(MessageContext.SERVLET_REQUEST, request);
        }

        @Override
        public void setScope(String name, Scope scope) {
        }

        @Override
        public Scope getScope(String name) {
            return Scope.APPLICATION;
        }
    }

    /** A servlet request with these attributes, async or not. */
    private static HttpServletRequest request(Map<String, Object> attributes, boolean async) {
        return (HttpServletRequest) Proxy.newProxyInstance(FaultsTest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "isAsyncStarted" -> async;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Refusable response() {
        return new Refusable((HttpServletResponse) Proxy.newProxyInstance(FaultsTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                }));
    }

    @Test
    void aRefusalGoesToTheFiltersResponse() {
        Refusable response = response();
        Faults.Fault fault = new Faults.Fault(ErrorCode.UNKNOWN_USER, "No such user.");
        Faults.refuse(new Context(request(Map.of(Faults.REFUSABLE, response), false)), fault);
        assertSame(fault, response.refused());
    }

    @Test
    void withoutTheFilterOrOnAnotherThreadARefusalIsThrownForMetroToWrite() {
        Faults.Fault fault = new Faults.Fault(ErrorCode.UNKNOWN_USER, "No such user.");
        SOAPFaultException alone = assertThrows(SOAPFaultException.class, () -> Faults.refuse(new Context(request(Map.of(), false)), fault));
        assertEquals("No such user.", alone.getFault().getFaultString());
        Refusable response = response();
        assertThrows(SOAPFaultException.class, () -> Faults.refuse(new Context(request(Map.of(Faults.REFUSABLE, response), true)), fault));
        assertNull(response.refused(), "an asynchronous request's refusal would never be written by the filter");
    }
}
