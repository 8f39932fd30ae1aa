package org.twofold.ws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.twofold.ErrorCode;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads a SOAP request before Metro does and says why it must be refused, if it must: not
 * well-formed XML, a DTD (refused outright: no entity tricks), not a SOAP 1.1 envelope, an
 * operation the contract does not have, a required field missing, or a body that does not match
 * the contract's schema. The schema, the operations and each operation's required fields are read
 * once from the WSDL; each request is parsed once here with the JDK's hardened parser.
 */
final class RequestScreen {
    static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String WSDL = "http://schemas.xmlsoap.org/wsdl/";
    private static final String XS = XMLConstants.W3C_XML_SCHEMA_NS_URI;

    /** Why a request is refused: the fault's code and message, and a reason word for the audit trail. */
    record Refusal(ErrorCode code, String message, String reason) {
    }

    /**
     * What was read of a request: its operation (null if none), the claimed integration key (null if
     * none), the parsed envelope (null if refused) for the credential check, and the refusal if any.
     */
    record Request(String operation, String claimedKey, Element envelope, Optional<Refusal> refusal) {
    }

    private final DocumentBuilderFactory parsers;
    private final Schema schema;
    private final Set<String> operations;
    /** For each request element, its required child elements in order. */
    private final Map<String, List<String>> required;
    private final ThreadLocal<DocumentBuilder> parser;
    private final ThreadLocal<Validator> validator;

    RequestScreen(InputStream wsdl) throws IOException {
        parsers = DocumentBuilderFactory.newDefaultInstance();
        parsers.setNamespaceAware(true);
        parsers.setXIncludeAware(false);
        parsers.setExpandEntityReferences(false);
        try {
            parsers.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            parsers.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document contract = parsers.newDocumentBuilder().parse(wsdl);
            Element schemaElement = first(contract.getDocumentElement(), WSDL, "types").map(t -> first(t, XS, "schema").orElse(null))
                    .orElseThrow(() -> new IOException("The WSDL has no schema"));
            // The schema's QName references use prefixes declared on wsdl:definitions.
            schemaElement.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:tns", Faults.NS);
            schemaElement.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:xs", XS);
            SchemaFactory factory = SchemaFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            schema = factory.newSchema(new DOMSource(schemaElement));
            operations = new LinkedHashSet<>();
            for (Element portType : children(contract.getDocumentElement(), WSDL, "portType")) {
                children(portType, WSDL, "operation").forEach(o -> operations.add(o.getAttribute("name")));
            }
            required = new HashMap<>();
            for (Element element : children(schemaElement, XS, "element")) {
                List<String> names = new ArrayList<>();
                first(element, XS, "complexType").flatMap(c -> first(c, XS, "sequence")).ifPresent(seq -> {
                    for (Element field : children(seq, XS, "element")) {
                        if (!"0".equals(field.getAttribute("minOccurs"))) {
                            names.add(field.getAttribute("name"));
                        }
                    }
                });
                required.put(element.getAttribute("name"), List.copyOf(names));
            }
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("Cannot read the WSDL's schema", e);
        }
        parser = ThreadLocal.withInitial(() -> {
            try {
                return parsers.newDocumentBuilder();
            } catch (ParserConfigurationException e) {
                throw new IllegalStateException(e);
            }
        });
        validator = ThreadLocal.withInitial(schema::newValidator);
    }

    /** Charsets a request may declare: what Metro decodes the same way as this screen reads ASCII markup. */
    private static final Set<String> CHARSETS = Set.of("utf-8", "us-ascii", "iso-8859-1");

    /**
     * The refusal of a request's HTTP {@code Content-Type}, if it must be refused: SOAP 1.1 is
     * {@code text/xml} (SOAP 1.1 §6.1.1), with no charset or one of {@link #CHARSETS}. Anything else
     * would reach Metro, which answers in its own words (HTTP 415, its own faults) and logs a stack trace.
     */
    static Optional<Refusal> contentType(String contentType) {
        if (contentType != null) {
            String[] parts = contentType.split(";");
            boolean xml = parts[0].trim().equalsIgnoreCase("text/xml");
            boolean charsetOk = true;
            for (int i = 1; i < parts.length; i++) {
                String[] param = parts[i].split("=", 2);
                if (param[0].trim().equalsIgnoreCase("charset")) {
                    String value = param.length < 2 ? "" : param[1].trim().replace("\"", "").toLowerCase(java.util.Locale.ROOT);
                    charsetOk &= CHARSETS.contains(value);
                }
            }
            if (xml && charsetOk) {
                return Optional.empty();
            }
        }
        return Optional.of(new Refusal(ErrorCode.MALFORMED_REQUEST,
                "The request's Content-Type must be text/xml (SOAP 1.1), with charset utf-8 or none.", "content_type"));
    }

    /** The operations of the contract, in WSDL order. */
    Set<String> operations() {
        return operations;
    }

    /** Reads {@code body} (a whole HTTP request body) and decides. */
    Request screen(byte[] body) {
        Document document;
        DocumentBuilder builder = parser.get();
        try {
            builder.setErrorHandler(new DefaultHandler() {
                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            document = builder.parse(new ByteArrayInputStream(body));
        } catch (SAXException | IOException e) {
            return refused(null, null, ErrorCode.MALFORMED_REQUEST, "The request is not well-formed XML (DTDs are not accepted).", "malformed_xml");
        } finally {
            builder.reset();
        }
        Element envelope = document.getDocumentElement();
        if (!SOAP11.equals(envelope.getNamespaceURI()) || !"Envelope".equals(envelope.getLocalName())) {
            return refused(null, null, ErrorCode.MALFORMED_REQUEST, "The request is not a SOAP 1.1 envelope.", "not_soap");
        }
        String claimedKey = first(envelope, SOAP11, "Header").flatMap(h -> first(h, WsSecurity.WSSE, "Security"))
                .flatMap(s -> first(s, WsSecurity.WSSE, "UsernameToken")).flatMap(t -> first(t, WsSecurity.WSSE, "Username"))
                .map(u -> u.getTextContent().trim()).map(k -> k.length() > 32 ? k.substring(0, 32) : k).orElse(null);
        if (deeperThan(envelope, MAX_DEPTH)) {
            return refused(null, null, ErrorCode.MALFORMED_REQUEST, "The request nests elements deeper than " + MAX_DEPTH + " levels.", "too_deep");
        }
        Optional<Element> header = first(envelope, SOAP11, "Header");
        Optional<Element> body0 = first(envelope, SOAP11, "Body");
        if (hasText(envelope) || header.map(RequestScreen::hasText).orElse(false) || body0.map(RequestScreen::hasText).orElse(false)) {
            // SOAP 1.1 §4: Envelope, Header and Body hold elements only (Metro's reader fails on text there)
            return refused(null, claimedKey, ErrorCode.MALFORMED_REQUEST, "The SOAP Envelope, Header and Body may hold elements only, not text.", "not_soap");
        }
        if (header.isPresent()) {
            for (Node n = header.get().getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element entry && (entry.getNamespaceURI() == null || entry.getNamespaceURI().isEmpty())) {
                    // SOAP 1.1 §4.2: every header entry is namespace-qualified (Metro fails on one that is not)
                    return refused(null, null, ErrorCode.MALFORMED_REQUEST, "Every SOAP header entry must be namespace-qualified.", "not_soap");
                }
                if (n instanceof Element entry && mustUnderstand(entry)
                        && !(WsSecurity.WSSE.equals(entry.getNamespaceURI()) && "Security".equals(entry.getLocalName()))) {
                    String name = "{" + entry.getNamespaceURI() + "}" + entry.getLocalName();
                    name = name.length() > 120 ? name.substring(0, 120) : name;
                    return refused(null, claimedKey, ErrorCode.MALFORMED_REQUEST, "The header " + name
                            + " is marked mustUnderstand, and Twofold does not understand it (only wsse:Security).", "must_understand");
                }
            }
        }
        Optional<Element> soapBody = body0;
        if (soapBody.isEmpty()) {
            return refused(null, claimedKey, ErrorCode.MALFORMED_REQUEST, "The SOAP envelope has no Body.", "no_body");
        }
        Element operation = firstElement(soapBody.get());
        if (operation == null || !Faults.NS.equals(operation.getNamespaceURI()) || !operations.contains(operation.getLocalName())) {
            String name = operation == null ? "(none)" : "{" + operation.getNamespaceURI() + "}" + operation.getLocalName();
            name = name.length() > 120 ? name.substring(0, 120) : name;
            return refused(name, claimedKey, ErrorCode.UNKNOWN_OPERATION, "No such operation: " + name + ". The operations are "
                    + String.join(", ", operations) + " in namespace " + Faults.NS + ".", "unknown_operation");
        }
        String op = operation.getLocalName();
        for (String field : required.getOrDefault(op, List.of())) {
            if (first(operation, Faults.NS, field).isEmpty()) {
                return refused(op, claimedKey, ErrorCode.MISSING_FIELD, field + " is required", "missing_field");
            }
        }
        Validator v = validator.get();
        try {
            v.validate(new DOMSource(operation));
        } catch (SAXException e) {
            String why = e.getMessage() == null ? "" : e.getMessage().replaceFirst("^cvc-[A-Za-z0-9.\\-]+: ", "");
            return refused(op, claimedKey, ErrorCode.SCHEMA_INVALID, "The request does not match the schema: " + why, "schema_invalid");
        } catch (IOException e) {
            return refused(op, claimedKey, ErrorCode.MALFORMED_REQUEST, ErrorCode.MALFORMED_REQUEST.text(), "malformed_xml");
        } finally {
            v.reset();
        }
        return new Request(op, claimedKey, envelope, Optional.empty());
    }

    /** Whether the element has text (other than white space) as a direct child. */
    private static boolean hasText(Element element) {
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if ((n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) && !n.getNodeValue().isBlank()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The deepest nesting a request may have: ours are 5 levels deep (Envelope, Header, Security,
     * UsernameToken, Username); Metro's reader stops at 500 with its own fault.
     */
    static final int MAX_DEPTH = 32;

    /** Whether elements under {@code root} nest deeper than {@code max} levels (iterative: no recursion on hostile input). */
    private static boolean deeperThan(Element root, int max) {
        int depth = 1;
        Node n = root;
        while (n != null) {
            Node child = n.getFirstChild();
            while (child != null && !(child instanceof Element)) {
                child = child.getNextSibling();
            }
            if (child != null) {
                n = child;
                if (++depth > max) {
                    return true;
                }
                continue;
            }
            while (n != null && n != root) {
                Node sibling = n.getNextSibling();
                while (sibling != null && !(sibling instanceof Element)) {
                    sibling = sibling.getNextSibling();
                }
                if (sibling != null) {
                    n = sibling;
                    break;
                }
                n = n.getParentNode();
                depth--;
            }
            if (n == root) {
                return false;
            }
        }
        return false;
    }

    /** SOAP 1.1 §4.2.3: {@code soap:mustUnderstand="1"} (we also read "true", as Metro does). */
    private static boolean mustUnderstand(Element entry) {
        String value = entry.getAttributeNS(SOAP11, "mustUnderstand").trim();
        return "1".equals(value) || "true".equals(value);
    }

    private static Request refused(String operation, String claimedKey, ErrorCode code, String message, String reason) {
        return new Request(operation, claimedKey, null, Optional.of(new Refusal(code, message, reason)));
    }

    private static Element firstElement(Node parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    private static Optional<Element> first(Element parent, String namespace, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && namespace.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private static List<Element> children(Element parent, String namespace, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && namespace.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }
}
