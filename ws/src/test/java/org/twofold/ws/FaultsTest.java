package org.twofold.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.xml.soap.DetailEntry;
import jakarta.xml.soap.MessageFactory;
import jakarta.xml.soap.MimeHeaders;
import jakarta.xml.soap.SOAPConstants;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.soap.SOAPMessage;
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
}
