package org.twofold.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.twofold.ErrorCode;

class RequestScreenTest {
    private static RequestScreen screen;

    @BeforeAll
    static void readTheContract() throws Exception {
        try (InputStream wsdl = Files.newInputStream(Path.of("src/main/webapp/WEB-INF/wsdl/AuthService.wsdl"))) {
            screen = new RequestScreen(wsdl);
        }
    }

    private static RequestScreen.Request screen(String body) {
        String xml = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:t=\"urn:twofold:auth:1\"><s:Header>"
                + "<wsse:Security xmlns:wsse=\"" + WsSecurity.WSSE + "\"><wsse:UsernameToken><wsse:Username>DIKEY</wsse:Username>"
                + "</wsse:UsernameToken></wsse:Security></s:Header><s:Body>" + body + "</s:Body></s:Envelope>";
        return screen.screen(xml.getBytes(StandardCharsets.UTF_8));
    }

    private static ErrorCode refusal(RequestScreen.Request r) {
        return r.refusal().map(RequestScreen.Refusal::code).orElse(null);
    }

    @Test
    void knowsTheOperationsOfTheWsdl() {
        assertEquals(List.of("ping", "check", "auth", "authStatus", "preauth", "secondPassword"), List.copyOf(screen.operations()));
    }

    @Test
    void passesValidRequestsAndReadsTheClaimedKey() {
        RequestScreen.Request r = screen("<t:auth><t:username>alice</t:username><t:factor>push</t:factor><t:async>true</t:async></t:auth>");
        assertTrue(r.refusal().isEmpty(), () -> r.refusal().toString());
        assertEquals("auth", r.operation());
        assertEquals("DIKEY", r.claimedKey());
        assertTrue(screen("<t:ping/>").refusal().isEmpty());
        assertTrue(screen("<t:authStatus><t:txid>abc</t:txid><t:waitSeconds>25</t:waitSeconds></t:authStatus>").refusal().isEmpty());
    }

    @Test
    void refusesWhatIsNotWellFormedOrCarriesADtd() {
        assertEquals(ErrorCode.MALFORMED_REQUEST, refusal(screen.screen("<s:Envelope".getBytes(StandardCharsets.UTF_8))));
        assertEquals(ErrorCode.MALFORMED_REQUEST, refusal(screen.screen(("<!DOCTYPE x [<!ENTITY e \"boom\">]>"
                + "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>&e;</s:Body></s:Envelope>").getBytes(StandardCharsets.UTF_8))));
        assertEquals(ErrorCode.MALFORMED_REQUEST, refusal(screen.screen(
                "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body/></s:Envelope>".getBytes(StandardCharsets.UTF_8))),
                "SOAP 1.2 is not what the binding offers");
    }

    @Test
    void refusesUnknownOperations() {
        assertEquals(ErrorCode.UNKNOWN_OPERATION, refusal(screen("<t:enroll/>")));
        assertEquals(ErrorCode.UNKNOWN_OPERATION, refusal(screen("<auth xmlns=\"urn:other\"/>")), "a known name in another namespace");
        assertEquals(ErrorCode.UNKNOWN_OPERATION, refusal(screen("")), "an empty body");
    }

    @Test
    void aMissingRequiredFieldIsNamed() {
        RequestScreen.Request r = screen("<t:auth><t:username>alice</t:username><t:passcode>123456</t:passcode></t:auth>");
        assertEquals(ErrorCode.MISSING_FIELD, refusal(r));
        assertEquals("factor is required", r.refusal().get().message());
        assertEquals(ErrorCode.MISSING_FIELD, refusal(screen("<t:secondPassword><t:username>a</t:username></t:secondPassword>")));
    }

    @Test
    void refusesBodiesTheSchemaDoesNotAllow() {
        assertEquals(ErrorCode.SCHEMA_INVALID, refusal(screen("<t:auth><t:username>a</t:username><t:factor>fax</t:factor></t:auth>")));
        assertEquals(ErrorCode.SCHEMA_INVALID, refusal(screen("<t:auth><t:username>a</t:username><t:factor>push</t:factor><t:async>maybe</t:async></t:auth>")));
        assertEquals(ErrorCode.SCHEMA_INVALID, refusal(screen("<t:authStatus><t:txid>a</t:txid><t:waitSeconds>26</t:waitSeconds></t:authStatus>")));
        assertEquals(ErrorCode.SCHEMA_INVALID, refusal(screen("<t:check><t:extra/></t:check>")));
    }

    @Test
    void acceptsOnlySoap11ContentTypes() {
        for (String ok : List.of("text/xml", "text/xml; charset=utf-8", "TEXT/XML;charset=\"UTF-8\"", "text/xml; charset=ISO-8859-1")) {
            assertTrue(RequestScreen.contentType(ok).isEmpty(), ok);
        }
        for (String wrong : java.util.Arrays.asList(null, "application/soap+xml; charset=utf-8", "application/json", "text/plain", "*/*",
                "multipart/related; boundary=x", "text/xml; charset=UTF-16", "text/xml; charset=nonsense", "text/xml; charset=")) {
            assertEquals(ErrorCode.MALFORMED_REQUEST, RequestScreen.contentType(wrong).map(RequestScreen.Refusal::code).orElse(null), String.valueOf(wrong));
        }
    }

    @Test
    void refusesAHeaderThatMustBeUnderstoodButIsNot() {
        String xml = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:t=\"urn:twofold:auth:1\"><s:Header>"
                + "<x:Unknown xmlns:x=\"urn:x\" s:mustUnderstand=\"1\"/></s:Header><s:Body><t:ping/></s:Body></s:Envelope>";
        RequestScreen.Request r = screen.screen(xml.getBytes(StandardCharsets.UTF_8));
        assertEquals(ErrorCode.MALFORMED_REQUEST, refusal(r));
        assertEquals("must_understand", r.refusal().orElseThrow().reason());
        String security = xml.replace("<x:Unknown xmlns:x=\"urn:x\" s:mustUnderstand=\"1\"/>",
                "<wsse:Security xmlns:wsse=\"" + WsSecurity.WSSE + "\" s:mustUnderstand=\"1\"/>");
        assertTrue(screen.screen(security.getBytes(StandardCharsets.UTF_8)).refusal().isEmpty(), "wsse:Security is understood");
    }

    @Test
    void refusesTextWhereSoapAllowsOnlyElements() {
        String start = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:t=\"urn:twofold:auth:1\">";
        // found by SoapFuzzIT: a mutation that repeated part of the start tag as text; Metro answered 500 "XML reader error"
        for (String xml : List.of(
                start + "\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:t=\"urn:twofold:auth:1\"><s:Body><t:ping/></s:Body></s:Envelope>",
                start + "<s:Header>text</s:Header><s:Body><t:ping/></s:Body></s:Envelope>",
                start + "<s:Body>x<t:ping/></s:Body></s:Envelope>",
                start + "<s:Body><t:ping/><![CDATA[y]]></s:Body></s:Envelope>")) {
            RequestScreen.Request r = screen.screen(xml.getBytes(StandardCharsets.UTF_8));
            assertEquals(ErrorCode.MALFORMED_REQUEST, refusal(r), xml);
        }
        assertTrue(screen.screen((start + "\n  <s:Body>\n    <t:ping/>\n  </s:Body>\n</s:Envelope>").getBytes(StandardCharsets.UTF_8)).refusal().isEmpty(),
                "white space between the elements is fine");
    }

    @Test
    void refusesDeepNestingAndUnqualifiedHeaderEntries() {
        String head = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:t=\"urn:twofold:auth:1\"><s:Header>";
        String tail = "</s:Header><s:Body><t:ping/></s:Body></s:Envelope>";
        String deep = head + "<x:a xmlns:x=\"urn:x\">" + "<x:a>".repeat(40) + "</x:a>".repeat(41) + tail;
        RequestScreen.Request r = screen.screen(deep.getBytes(StandardCharsets.UTF_8));
        assertEquals("too_deep", r.refusal().orElseThrow().reason());
        String shallow = head + "<x:a xmlns:x=\"urn:x\">" + "<x:a>".repeat(20) + "</x:a>".repeat(21) + tail;
        assertTrue(screen.screen(shallow.getBytes(StandardCharsets.UTF_8)).refusal().isEmpty(), "22 levels are fine");
        RequestScreen.Request unqualified = screen.screen((head + "<a/>" + tail).getBytes(StandardCharsets.UTF_8));
        assertEquals(ErrorCode.MALFORMED_REQUEST, refusal(unqualified));
    }
}
