package org.twofold.delivery;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

class HttpCarrierTest {
    private static final String SID = "AC0123456789abcdef0123456789abcdef";
    private static final char[] TOKEN = "s3cr3t-auth-token-9f8e7d".toCharArray();
    private static final String FROM = "+15005550006";
    private static final URI CALLBACK = URI.create("https://twofold.example.com/twilio/voice");
    private static final String TXID = "9f2c4e6a8b0d1f3e5a7c9e1b3d5f7a9c";
    private static final Recipient MOBILE = new Recipient(7, "+15555551311", null);
    private static final String PASSCODE_TEXT = "Your Twofold passcode is 482913 & expires soon: café";
    private static final String ANNOUNCEMENT = "This is O'Brien & Sons <Acme>. Press \"any\" key to log in, or hang up.";
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** One request as the stub carrier received it. */
    private record Received(String method, String path, String authorization, String contentType, String body) {
    }

    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final CountDownLatch releaseHungRequests = new CountDownLatch(1);
    private volatile int status = 201;
    private volatile String answer = "{\"sid\": \"SM0123456789abcdef0123456789abcdef\", \"status\": \"queued\"}";
    private volatile boolean hang;
    private HttpServer stub;
    private ExecutorService stubThreads;

    @BeforeEach
    void startStubCarrier() throws IOException {
        stub = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        stubThreads = Executors.newCachedThreadPool();
        stub.setExecutor(stubThreads);
        stub.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("Content-Type"), body));
            if (hang) {
                try {
                    releaseHungRequests.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] out = answer.getBytes(UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        stub.start();
    }

    @AfterEach
    void stopStubCarrier() {
        releaseHungRequests.countDown();
        stub.stop(0);
        stubThreads.shutdownNow();
    }

    private URI stubUrl() {
        return URI.create("http://127.0.0.1:" + stub.getAddress().getPort());
    }

    private HttpCarrier carrier() {
        return new HttpCarrier(stubUrl(), SID, TOKEN.clone(), FROM, CALLBACK, CLIENT);
    }

    private Received onlyRequest() throws InterruptedException {
        Received request = received.poll(5, TimeUnit.SECONDS);
        assertNotNull(request, "the carrier received no request");
        assertNull(received.poll(), "the carrier received more than one request");
        return request;
    }

    private static Map<String, List<String>> formFields(String body) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            assertTrue(eq > 0, "not a form field: " + pair);
            fields.computeIfAbsent(URLDecoder.decode(pair.substring(0, eq), UTF_8), name -> new ArrayList<>())
                    .add(URLDecoder.decode(pair.substring(eq + 1), UTF_8));
        }
        return fields;
    }

    private static Document xml(String text) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(text)));
    }

    // Texts

    @Test
    void textPostsToAndFromAndBodyToMessagesResourceWithBasicAuth() throws Exception {
        carrier().text(MOBILE, PASSCODE_TEXT);

        Received request = onlyRequest();
        assertEquals("POST", request.method());
        assertEquals("/2010-04-01/Accounts/" + SID + "/Messages.json", request.path());
        assertTrue(request.contentType().startsWith("application/x-www-form-urlencoded"), request.contentType());
        assertTrue(request.authorization().startsWith("Basic "), request.authorization());
        assertEquals(SID + ":" + new String(TOKEN), new String(Base64.getDecoder().decode(request.authorization().substring(6)), UTF_8));
        Map<String, List<String>> fields = formFields(request.body());
        assertEquals(Map.of("To", List.of("+15555551311"), "From", List.of(FROM), "Body", List.of(PASSCODE_TEXT)), fields);
    }

    @Test
    void keepsItsOwnCopyOfTheAuthTokenSoTheCallerMayClearIts() throws Exception {
        char[] token = TOKEN.clone();
        HttpCarrier carrier = new HttpCarrier(stubUrl(), SID, token, FROM, CALLBACK, CLIENT);
        Arrays.fill(token, '\0');

        carrier.text(MOBILE, PASSCODE_TEXT);

        String authorization = onlyRequest().authorization();
        assertEquals(SID + ":" + new String(TOKEN), new String(Base64.getDecoder().decode(authorization.substring(6)), UTF_8));
    }

    @Test
    void textToDeviceWithoutNumberFailsWithoutCallingTheCarrier() {
        assertThrows(DeliveryException.class, () -> carrier().text(new Recipient(8, null, null), PASSCODE_TEXT));
        assertTrue(received.isEmpty());
    }

    // Calls

    @Test
    void callPostsTwimlThatSaysTheEscapedAnnouncementInsideAOneDigitGatherForTheTxid() throws Exception {
        carrier().call(MOBILE, TXID, ANNOUNCEMENT);

        Received request = onlyRequest();
        assertEquals("POST", request.method());
        assertEquals("/2010-04-01/Accounts/" + SID + "/Calls.json", request.path());
        assertEquals(SID + ":" + new String(TOKEN), new String(Base64.getDecoder().decode(request.authorization().substring(6)), UTF_8));
        Map<String, List<String>> fields = formFields(request.body());
        assertEquals(List.of("+15555551311"), fields.get("To"));
        assertEquals(List.of(FROM), fields.get("From"));
        assertNull(fields.get("SendDigits"), "a mobile has no extension to dial");
        assertEquals(1, fields.get("Twiml").size());

        Element response = xml(fields.get("Twiml").get(0)).getDocumentElement();
        assertEquals("Response", response.getTagName());
        Element gather = (Element) response.getElementsByTagName("Gather").item(0);
        assertNotNull(gather);
        assertEquals("1", gather.getAttribute("numDigits"));
        assertEquals("POST", gather.getAttribute("method"));
        assertEquals(CALLBACK + "?txid=" + TXID + "&event=key", gather.getAttribute("action"));
        Element say = (Element) gather.getElementsByTagName("Say").item(0);
        assertNotNull(say, "the announcement is said inside the Gather, so a key press interrupts it");
        assertEquals(ANNOUNCEMENT, say.getTextContent());
    }

    @Test
    void callAsksForStatusCallbacksWhenAnsweredAndCompleted() throws Exception {
        carrier().call(MOBILE, TXID, ANNOUNCEMENT);

        Map<String, List<String>> fields = formFields(onlyRequest().body());
        assertEquals(List.of(CALLBACK + "?txid=" + TXID + "&event=status"), fields.get("StatusCallback"));
        assertEquals(List.of("answered", "completed"), fields.get("StatusCallbackEvent"));
    }

    @ParameterizedTest(name = "extension {0} -> SendDigits {1}")
    @CsvSource({
        "123, ww123",
        "'12,3', ww12w3",
        "'*45#', ww*45#",
    })
    void callToLandlineSendsTheExtensionAfterTwoHalfSecondWaits(String extension, String sendDigits) throws Exception {
        carrier().call(new Recipient(9, "+15555550100", extension), TXID, ANNOUNCEMENT);

        assertEquals(List.of(sendDigits), formFields(onlyRequest().body()).get("SendDigits"));
    }

    @Test
    void callbackUrlWithItsOwnQueryKeepsItAndAddsTxidAndEvent() throws Exception {
        new HttpCarrier(stubUrl(), SID, TOKEN.clone(), FROM, URI.create(CALLBACK + "?site=east"), CLIENT).call(MOBILE, TXID, ANNOUNCEMENT);

        Map<String, List<String>> fields = formFields(onlyRequest().body());
        assertEquals(List.of(CALLBACK + "?site=east&txid=" + TXID + "&event=status"), fields.get("StatusCallback"));
        Element gather = (Element) xml(fields.get("Twiml").get(0)).getElementsByTagName("Gather").item(0);
        assertEquals(CALLBACK + "?site=east&txid=" + TXID + "&event=key", gather.getAttribute("action"));
    }

    // Failures

    private static void assertNamesNoSecret(String message) {
        assertFalse(message.contains(new String(TOKEN)), "token in: " + message);
        assertFalse(message.contains(Base64.getEncoder().encodeToString((SID + ":" + new String(TOKEN)).getBytes(UTF_8))), "credentials in: " + message);
        assertFalse(message.contains("482913"), "passcode in: " + message);
        assertFalse(message.contains("5555551311"), "whole number in: " + message);
    }

    @ParameterizedTest(name = "HTTP {0}")
    @CsvSource({
        "500, 21211, '{\"code\": 21211, \"message\": \"The ''To'' number +15555551311 is not a valid phone number.\", \"status\": 500}'",
        "401, 20003, '{\"code\": 20003, \"message\": \"Authenticate: s3cr3t-auth-token-9f8e7d / Your Twofold passcode is 482913\", \"status\": 401}'",
    })
    void refusedTextFailsNamingStatusAndMaskedNumberOnly(int refusal, String twilioCode, String errorBody) {
        status = refusal;
        answer = errorBody;

        DeliveryException e = assertThrows(DeliveryException.class, () -> carrier().text(MOBILE, PASSCODE_TEXT));

        assertTrue(e.getMessage().contains("HTTP " + refusal), e.getMessage());
        assertTrue(e.getMessage().contains("Twilio error " + twilioCode), e.getMessage());
        assertTrue(e.getMessage().contains("XXX-XXX-1311"), e.getMessage());
        assertNamesNoSecret(e.getMessage());
    }

    @Test
    void refusedCallFailsNamingStatusAndMaskedNumberOnly() {
        status = 400;
        answer = "{\"code\": 21205, \"message\": \"Url is not a valid URL: " + CALLBACK + "\"}";

        DeliveryException e = assertThrows(DeliveryException.class, () -> carrier().call(MOBILE, TXID, ANNOUNCEMENT));

        assertTrue(e.getMessage().contains("HTTP 400"), e.getMessage());
        assertNamesNoSecret(e.getMessage());
    }

    @Test
    void carrierThatNeverAnswersFailsAfterTheRequestTimeout() throws Exception {
        hang = true;
        // long enough that a busy machine still delivers the request to the stub before it times out
        HttpCarrier carrier = new HttpCarrier(stubUrl(), SID, TOKEN.clone(), FROM, CALLBACK, CLIENT, Duration.ofMillis(2000));

        DeliveryException e = assertTimeoutPreemptively(Duration.ofSeconds(15),
                () -> assertThrows(DeliveryException.class, () -> carrier.text(MOBILE, PASSCODE_TEXT)));

        assertNotNull(received.poll(5, TimeUnit.SECONDS), "the request reached the carrier, which then kept silent");
        assertTrue(e.getMessage().contains("2000 ms"), e.getMessage());
        assertNamesNoSecret(e.getMessage());
    }

    @Test
    void unreachableCarrierFailsWithDeliveryException() throws IOException {
        URI nobody;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            nobody = URI.create("http://127.0.0.1:" + closed.getLocalPort());
        }
        HttpCarrier carrier = new HttpCarrier(nobody, SID, TOKEN.clone(), FROM, CALLBACK, CLIENT);

        DeliveryException e = assertThrows(DeliveryException.class, () -> carrier.text(MOBILE, PASSCODE_TEXT));

        assertTrue(e.getMessage().contains("could not be reached"), e.getMessage());
        assertTrue(e.getMessage().contains("XXX-XXX-1311"), e.getMessage());
        assertNamesNoSecret(e.getMessage());
    }

    // Request signatures: the worked example of twilio.com/docs/usage/security#validating-requests

    private static final char[] DOC_TOKEN = "12345".toCharArray();
    private static final String DOC_URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final Map<String, String> DOC_PARAMS = Map.of(
            "CallSid", "CA1234567890ABCDE",
            "Caller", "+12349013030",
            "Digits", "1234",
            "From", "+12349013030",
            "To", "+18005551212");
    private static final String DOC_SIGNATURE = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";

    @Test
    void acceptsTwilioDocumentedSignatureExample() {
        assertTrue(HttpCarrier.validSignature(DOC_TOKEN, DOC_URL, DOC_PARAMS, DOC_SIGNATURE));
    }

    @Test
    void rejectsSignatureWhenAParameterWasTamperedWith() {
        Map<String, String> tampered = new HashMap<>(DOC_PARAMS);
        tampered.put("Digits", "9");
        assertFalse(HttpCarrier.validSignature(DOC_TOKEN, DOC_URL, tampered, DOC_SIGNATURE));
    }

    @Test
    void rejectsSignatureForAnotherUrl() {
        assertFalse(HttpCarrier.validSignature(DOC_TOKEN, "https://mycompany.com/myapp.php?foo=1&bar=3", DOC_PARAMS, DOC_SIGNATURE));
    }

    @Test
    void rejectsSignatureMadeWithAnotherToken() {
        assertFalse(HttpCarrier.validSignature("54321".toCharArray(), DOC_URL, DOC_PARAMS, DOC_SIGNATURE));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void rejectsMissingSignature(String header) {
        assertFalse(HttpCarrier.validSignature(DOC_TOKEN, DOC_URL, DOC_PARAMS, header));
    }

    @Test
    void acceptsOwnCallbackSignedWithParametersSortedByName() throws Exception {
        String url = CALLBACK + "?txid=" + TXID + "&event=status";
        // Computed here by hand, in Twilio's order: the URL, then name+value sorted by name.
        String signed = url + "AccountSid" + SID + "CallSid" + "CA42" + "CallStatus" + "in-progress" + "Called" + "+15555551311";
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(new String(TOKEN).getBytes(UTF_8), "HmacSHA1"));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(UTF_8)));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Called", "+15555551311");
        params.put("CallStatus", "in-progress");
        params.put("AccountSid", SID);
        params.put("CallSid", "CA42");

        assertTrue(HttpCarrier.validSignature(TOKEN, url, params, signature));
        params.put("CallStatus", "completed");
        assertFalse(HttpCarrier.validSignature(TOKEN, url, params, signature));
    }

    // Callbacks

    @ParameterizedTest(name = "event={0} CallStatus={1} Digits={2} -> {3}")
    @CsvSource(nullValues = "null", value = {
        "key,    in-progress, 5,    KEY_PRESSED",
        "key,    in-progress, #,    KEY_PRESSED",
        "key,    in-progress, '',   IGNORED",
        "key,    in-progress, null, IGNORED",
        "status, in-progress, null, ANSWERED",
        "status, completed,   null, HUNG_UP",
        "status, busy,        null, NOT_ANSWERED",
        "status, no-answer,   null, NOT_ANSWERED",
        "status, failed,      null, NOT_ANSWERED",
        "status, canceled,    null, NOT_ANSWERED",
        "status, ringing,     null, IGNORED",
        "status, queued,      null, IGNORED",
        "status, initiated,   null, IGNORED",
        "status, null,        null, IGNORED",
        "other,  completed,   null, IGNORED",
        "null,   completed,   5,    IGNORED",
    })
    void readsCallbackAsCallEvent(String event, String callStatus, String digits, CallEvent.Kind expected) {
        Map<String, String> params = new HashMap<>();
        params.put("txid", TXID);
        params.put("CallSid", "CA42");
        if (event != null) {
            params.put("event", event);
        }
        if (callStatus != null) {
            params.put("CallStatus", callStatus);
        }
        if (digits != null) {
            params.put("Digits", digits);
        }

        assertEquals(new CallEvent(TXID, expected), HttpCarrier.parseCallback(params));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " "})
    void ignoresCallbackWithoutTxid(String txid) {
        assertEquals(new CallEvent(null, CallEvent.Kind.IGNORED),
                HttpCarrier.parseCallback(Map.of("txid", txid, "event", "status", "CallStatus", "completed")));
        assertEquals(new CallEvent(null, CallEvent.Kind.IGNORED),
                HttpCarrier.parseCallback(Map.of("event", "key", "Digits", "1")));
    }
}
