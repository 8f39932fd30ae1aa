package org.twofold.it;

import static org.twofold.it.SoapClient.auth;
import static org.twofold.it.SoapClient.passcode;
import static org.twofold.it.SoapClient.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twofold.it.Fixtures.assertPasscodeDecisionsAudited;
import static org.twofold.it.Fixtures.codeNow;
import static org.twofold.it.Fixtures.newSeed;
import static org.twofold.it.Fixtures.unique;
import static org.twofold.it.Fixtures.wrongCode;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.twofold.passcode.Base32;
import org.twofold.ws.contract.Auth;
import org.twofold.ws.contract.AuthFault;
import org.twofold.ws.contract.AuthResponse;
import org.twofold.ws.contract.AuthServicePortType;
import org.twofold.ws.contract.Check;
import org.twofold.ws.contract.Factor;
import org.twofold.ws.contract.Ping;
import org.twofold.ws.contract.Result;
import org.twofold.ws.contract.Status;

/**
 * The walking skeleton, end to end on the assembled Payara Micro WAR: an administrator provisions a
 * user over JMX, an integrator verifies her passcodes over SOAP, she logs in on the page in a real
 * browser, and every decision is in the audit trail (the console itself is tested in {@link JmxIT}). One deployment serves every test (a Payara
 * start is the expensive part); each test makes its own users, so the tests do not depend on order.
 */
@ExtendWith(ArquillianExtension.class)
class TwofoldIT {
    /** The HTTP carrier the server is configured with (see arquillian.xml). */
    private static final CarrierStub CARRIER = CarrierStub.start(Integer.getInteger("it.carrier.port"));

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive twofold() {
        return Fixtures.war();
    }

    @Test
    void healthSaysTheDatabaseIsReachable() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(base + "health")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("\"database\":\"reachable\""), response.body());
    }

    @Test
    void soapPingNeedsNoCredentialsButCheckDoes() throws Exception {
        assertNotNull(SoapClient.anonymous(base).ping(new Ping()).getTime());
        AuthFault missing = assertThrows(AuthFault.class, () -> SoapClient.anonymous(base).check(new Check()));
        assertEquals(200, missing.getFaultInfo().getCode());
        String[] integration;
        try (Jmx admin = Jmx.admin()) {
            integration = admin.createIntegration(unique("VPN "));
        }
        AuthFault wrong = assertThrows(AuthFault.class, () -> SoapClient.as(base, integration[0], "wrong-secret").check(new Check()));
        assertEquals(201, wrong.getFaultInfo().getCode());
        assertNotNull(SoapClient.as(base, integration[0], integration[1]).check(new Check()).getTime());
    }

    @Test
    void integratorVerifiesPasscodesOnceEachAndEveryDecisionIsAudited() throws Exception {
        String user = unique("u");
        byte[] seed = newSeed();
        String[] integration;
        try (Jmx admin = Jmx.admin()) {
            admin.provisionUserWithTotpToken(user, "correct-horse-1", Base32.encode(seed));
            integration = admin.createIntegration(unique("Portal "));
        }
        AuthServicePortType soap = SoapClient.as(base, integration[0], integration[1]);

        String code = codeNow(seed);
        AuthResponse allowed = soap.auth(passcode(user, code));
        assertEquals(Result.ALLOW, allowed.getResult());
        assertEquals(Status.ALLOW, allowed.getStatus());

        AuthResponse replayed = soap.auth(passcode(user, code));
        assertEquals(Result.DENY, replayed.getResult());
        assertEquals(Status.INVALID_PASSCODE, replayed.getStatus());

        AuthResponse wrong = soap.auth(passcode(user, wrongCode(seed)));
        assertEquals(Result.DENY, wrong.getResult());
        assertEquals(Status.INVALID_PASSCODE, wrong.getStatus());
        assertEquals("Incorrect passcode. Please try again.", wrong.getStatusMessage());

        AuthFault noPasscode = assertThrows(AuthFault.class, () -> soap.auth(passcode(user, null)));
        assertEquals(103, noPasscode.getFaultInfo().getCode(), "a missing passcode is a MISSING_FIELD fault");

        String stranger = unique("nobody");
        AuthFault unknown = assertThrows(AuthFault.class, () -> soap.auth(passcode(stranger, "123456")));
        assertEquals(300, unknown.getFaultInfo().getCode());

        try (Jmx admin = Jmx.admin()) {
            assertPasscodeDecisionsAudited(admin.auditFor(user), integration[0], user, code);
            assertTrue(String.join("\n", admin.auditFor(user)).contains("from 198.51.100.7 via "), "the end user's address is recorded");
            String unknownTrail = String.join("\n", admin.auditFor(stranger));
            assertTrue(unknownTrail.contains("auth.passcode " + stranger + " → refused (unknown_user)"), unknownTrail);
        }
    }


    private static By line(String txid, String state) {
        return By.cssSelector("div.line[data-txid='" + txid + "'][data-state='" + state + "']");
    }

    @Test
    void aCallStartedOverSoapIsAnsweredOnTheLiveVirtualPhone() throws Exception {
        String user = unique("c");
        String[] integration;
        try (Jmx admin = Jmx.admin()) {
            admin.invoke(Jmx.ADMINISTRATION, "createUser", user, "Caller", "Law");
            admin.invoke(Jmx.HELPDESK, "enrollLandline", user, "+1 410 706 4357", "1234", "Desk");
            integration = admin.createIntegration(unique("VPN "));
        }
        AuthServicePortType soap = SoapClient.as(base, integration[0], integration[1]);
        Auth call = auth(user, Factor.PHONE, true);
        AuthResponse started = soap.auth(call);
        assertEquals(Result.WAITING, started.getResult());
        assertEquals(Status.CALLING, started.getStatus());
        assertEquals("Dialing XXX-XXX-4357...", started.getStatusMessage());
        String txid = started.getTxid();

        try (Browser browser = new Browser()) {
            browser.openPhone(base, user + " — Desk (XXX-XXX-4357)");
            browser.await(line(txid, "calling"));
            assertTrue(browser.textOf(line(txid, "calling")).contains("extension 1234"));
            browser.clickWhenReady(By.cssSelector("div.line[data-txid='" + txid + "'] input.answer"));
            browser.await(line(txid, "answered"));
            assertEquals(Status.ANSWERED, soap.authStatus(status(txid, null)).getStatus(), "the integrator sees the call answered");
            browser.clickWhenReady(By.cssSelector("div.line[data-txid='" + txid + "'] input.key"));
            browser.await(line(txid, "allow"));
        }
        org.twofold.ws.contract.AuthStatusResponse done = soap.authStatus(status(txid, null));
        assertEquals(Result.ALLOW, done.getResult());
        assertEquals("Success. Logging you in...", done.getStatusMessage());
    }

    @Test
    void aSynchronousAuthWaitsWhileThePhoneRingsAndHearsTheHangUp() throws Exception {
        String user = unique("s");
        String[] integration;
        try (Jmx admin = Jmx.admin()) {
            admin.invoke(Jmx.ADMINISTRATION, "createUser", user, "Pusher", "Law");
            admin.invoke(Jmx.HELPDESK, "enrollPhone", user, "+1 410 555 0199", "Mobile");
            integration = admin.createIntegration(unique("VPN "));
        }
        AuthServicePortType soap = SoapClient.as(base, integration[0], integration[1]);
        Auth sms = auth(user, Factor.SMS, false);
        AuthResponse sent = soap.auth(sms);
        assertEquals(Result.DENY, sent.getResult(), "legacy clients expect deny for a sent batch");
        assertEquals(Status.SENT, sent.getStatus());
        assertTrue(sent.getStatusMessage().startsWith("New SMS passcodes sent. Next SMS passcode starts with "), sent.getStatusMessage());

        Auth call = auth(user, Factor.AUTO, false);
        java.util.concurrent.CompletableFuture<AuthResponse> waiting = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return soap.auth(call);
            } catch (AuthFault e) {
                throw new IllegalStateException(e);
            }
        });
        try (Browser browser = new Browser()) {
            browser.openPhone(base, user + " — Mobile (XXX-XXX-0199)");
            browser.await(By.cssSelector("div.line.text"));
            assertTrue(browser.textOf(By.cssSelector("div.line.text")).matches("(?s).*passcodes:( [0-9]{7})+.*"), "the texted batch");
            browser.await(By.cssSelector("div.line.call[data-state='calling']"));
            assertTrue(!waiting.isDone(), "auth waits while the phone rings");
            browser.clickWhenReady(By.cssSelector("div.line.call[data-state='calling'] input.hangup"));
            // an ajax post: the phone shows the ended call once the server has it (closing sooner could cancel it)
            browser.await(By.cssSelector("div.line.call[data-state='deny']"));
        }
        AuthResponse answer = waiting.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(Result.DENY, answer.getResult());
        assertEquals("The call ended without a key press. Login denied.", answer.getStatusMessage());
    }

    /** Twilio's request signature of a callback, computed independently of the product. */
    private static String twilioSignature(String url, java.util.Map<String, String> form) throws Exception {
        StringBuilder data = new StringBuilder(url);
        new java.util.TreeMap<>(form).forEach((k, v) -> data.append(k).append(v));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
        mac.init(new javax.crypto.spec.SecretKeySpec("it-carrier-token".getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA1"));
        return java.util.Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** POSTs a carrier callback as the carrier would: form fields, signed unless told otherwise. */
    private static HttpResponse<String> callback(String url, java.util.Map<String, String> form, String signature) throws Exception {
        String body = form.entrySet().stream().map(e -> java.net.URLEncoder.encode(e.getKey(), java.nio.charset.StandardCharsets.UTF_8) + "="
                + java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Twilio-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void textsAndCallsGoThroughTheHttpCarrierAndItsSignedCallbacksLogTheUserIn() throws Exception {
        String user = unique("t");
        String[] integration;
        try (Jmx admin = Jmx.admin()) {
            admin.invoke(Jmx.ADMINISTRATION, "createUser", user, "Texted", "Law");
            admin.invoke(Jmx.HELPDESK, "enrollPhone", user, "+1 555 010 9999", "Mobile");
            integration = admin.createIntegration(unique("VPN "));
        }
        AuthServicePortType soap = SoapClient.as(base, integration[0], integration[1]);
        Auth sms = auth(user, Factor.SMS, false);
        assertEquals(Status.SENT, soap.auth(sms).getStatus());
        CarrierStub.Request text = CARRIER.last("/Messages.json", "+15550109999");
        assertEquals("/2010-04-01/Accounts/AC0123456789abcdef/Messages.json", text.path());
        assertEquals("Basic " + java.util.Base64.getEncoder().encodeToString("AC0123456789abcdef:it-carrier-token".getBytes(java.nio.charset.StandardCharsets.UTF_8)), text.authorization());
        assertEquals("+15550100000", text.field("From"));
        String code = java.util.Arrays.stream(text.field("Body").split(" ")).filter(w -> w.matches("[0-9]{7}")).findFirst().orElseThrow();
        assertEquals(Result.ALLOW, soap.auth(passcode(user, code)).getResult(), "a texted code lets the user in");

        Auth call = auth(user, Factor.PHONE, true);
        String txid = soap.auth(call).getTxid();
        CarrierStub.Request dial = CARRIER.last("/Calls.json", "+15550109999");
        String statusUrl = dial.field("StatusCallback");
        String callbackBase = "http://localhost:" + System.getProperty("it.http.port") + "/carrier/callback";
        assertEquals(callbackBase + "?txid=" + txid + "&event=status", statusUrl);
        assertEquals(java.util.List.of("answered", "completed"), dial.form().get("StatusCallbackEvent"));
        String keyUrl = dial.field("Twiml").replaceAll("(?s).*action=\"([^\"]+)\".*", "$1").replace("&amp;", "&");
        assertEquals(callbackBase + "?txid=" + txid + "&event=key", keyUrl);

        java.util.Map<String, String> answered = java.util.Map.of("CallSid", "CA1", "CallStatus", "in-progress");
        assertEquals(403, callback(statusUrl, answered, twilioSignature(statusUrl, java.util.Map.of("CallSid", "CA2", "CallStatus", "in-progress"))).statusCode(),
                "a forged callback is refused");
        assertEquals(Status.CALLING, soap.authStatus(status(txid, null)).getStatus());
        assertEquals(204, callback(statusUrl, answered, twilioSignature(statusUrl, answered)).statusCode());
        assertEquals(Status.ANSWERED, soap.authStatus(status(txid, null)).getStatus());
        java.util.Map<String, String> key = java.util.Map.of("CallSid", "CA1", "Digits", "1");
        HttpResponse<String> twiml = callback(keyUrl, key, twilioSignature(keyUrl, key));
        assertEquals(200, twiml.statusCode());
        assertTrue(twiml.body().contains("<Hangup/>"), twiml.body());
        assertEquals(Result.ALLOW, soap.authStatus(status(txid, null)).getResult());
    }

    @Test
    void aFailedCarrierDeliveryIsRecordedAndRetriedOnTheVirtualPhone() throws Exception {
        String user = unique("f");
        try (Jmx admin = Jmx.admin()) {
            admin.invoke(Jmx.ADMINISTRATION, "createUser", user, "Failover", "Law");
            admin.invoke(Jmx.HELPDESK, "enrollPhone", user, "+1 555 010 1234", "Mobile");
            String[] integration = admin.createIntegration(unique("VPN "));
            Auth sms = auth(user, Factor.SMS, false);
            assertEquals(Status.SENT, SoapClient.as(base, integration[0], integration[1]).auth(sms).getStatus(), "delivered by the next carrier");
            CARRIER.last("/Messages.json", "+15550101234");
            String trail = String.join("\n", admin.recentAudit());
            assertTrue(trail.contains("system delivery → refused (delivery_failed)") && trail.contains("http: "), trail);
            assertTrue(!trail.contains("+15550101234"), "numbers are not written in clear");
        }
        try (Browser browser = new Browser()) {
            browser.openPhone(base, user + " — Mobile (XXX-XXX-1234)");
            browser.await(By.cssSelector("div.line.text"));
        }
    }

    @Test
    void aVerifiedPushIsApprovedOnTheLiveVirtualPhoneWithTheNumberFromTheStatusMessage() throws Exception {
        String user = unique("v");
        String[] integration;
        String enrolled;
        try (Jmx admin = Jmx.admin()) {
            admin.invoke(Jmx.ADMINISTRATION, "createUser", user, "Verified", "Law");
            enrolled = (String) admin.invoke(Jmx.HELPDESK, "enrollSmartphone", user, "+1 555 010 0001", "iPhone");
            assertTrue(enrolled.contains("otpauth://totp/"), enrolled);
            integration = admin.createIntegration(unique("VPN "));
        }
        // The smartphone waits for activation: its owner opens the activation link and types a first code.
        try (Browser browser = new Browser()) {
            browser.driver.get(enrolled.replaceAll("(?s).*: (http://\\S+/activate\\?code=\\S+).*", "$1"));
            byte[] seed = Base32.decode(browser.textOf(By.id("secret")));
            browser.type(By.id("activate:code"), codeNow(seed));
            browser.submit(By.id("activate:submit"));
            browser.waitFor(By.id("activated"));
        }
        AuthServicePortType soap = SoapClient.as(base, integration[0], integration[1]);
        Auth pushed = auth(user, Factor.PUSH, true);
        pushed.setPushInfo("Staff VPN");
        AuthResponse started = soap.auth(pushed);
        assertEquals(Result.WAITING, started.getResult());
        assertEquals(Status.PUSHED, started.getStatus());
        assertTrue(started.getStatusMessage().matches("Pushed a login request to your device\\.\\.\\. Enter [0-9]{3} in the app\\."),
                started.getStatusMessage());
        String txid = started.getTxid();
        try (Browser browser = new Browser()) {
            browser.openPhone(base, user + " — iPhone (XXX-XXX-0001)");
            browser.await(line(txid, "pushed"));
            String shown = browser.textOf(line(txid, "pushed"));
            assertTrue(shown.contains("Staff VPN"), shown);
            assertEquals(Status.PUSHED, soap.authStatus(status(txid, null)).getStatus());

            String number = started.getStatusMessage().replaceAll(".*Enter ([0-9]{3}) in the app\\.", "$1");
            browser.typeAndKeep(By.cssSelector("div.line[data-txid='" + txid + "'] input.number"), number);
            browser.clickWhenReady(By.cssSelector("div.line[data-txid='" + txid + "'] input.approve"));
            browser.await(line(txid, "allow"));
        }
        assertEquals(Result.ALLOW, soap.authStatus(status(txid, null)).getResult());

        AuthResponse second = soap.auth(pushed);
        try (Browser browser = new Browser()) {
            browser.openPhone(base, user + " — iPhone (XXX-XXX-0001)");
            browser.clickWhenReady(By.cssSelector("div.line[data-txid='" + second.getTxid() + "'] input.fraud"));
            browser.await(line(second.getTxid(), "fraud"));
        }
        assertEquals(Status.FRAUD, soap.authStatus(status(second.getTxid(), null)).getStatus());
        try (Jmx admin = Jmx.admin()) {
            String reports = String.join("\n", (String[]) admin.invoke(Jmx.HELPDESK, "listFraudReports", 20));
            assertTrue(reports.contains("push.fraud " + user + " → done"), reports);
        }
    }

    @Test
    void userLogsInOnThePageWithPasswordAndPasscode() throws Exception {
        String user = unique("p");
        byte[] seed = newSeed();
        try (Jmx admin = Jmx.admin()) {
            admin.provisionUserWithTotpToken(user, "correct-horse-2", Base32.encode(seed));
        }
        try (Browser browser = new Browser()) {
            browser.driver.get(base.toString());
            browser.type(By.id("login:username"), user);
            browser.type(By.id("login:password"), "wrong-password");
            browser.submit(By.id("login:submit"));
            assertEquals("Incorrect username or password.", browser.waitFor(By.id("messages")).getText());

            browser.type(By.id("login:password"), "correct-horse-2");
            browser.submit(By.id("login:submit"));
            assertEquals("Choose an authentication method", browser.waitFor(By.tagName("h1")).getText());
            assertEquals("ex. 867539", browser.waitFor(By.id("prompt:passcode")).getAttribute("placeholder"));

            browser.type(By.id("prompt:passcode"), wrongCode(seed));
            browser.submit(By.id("prompt:verify"));
            assertEquals("Incorrect passcode. Please try again.", browser.waitFor(By.id("messages")).getText());

            browser.type(By.id("prompt:passcode"), codeNow(seed));
            browser.submit(By.id("prompt:verify"));
            assertEquals("Success. Logging you in...", browser.waitFor(By.id("success")).getText());
        }
        try (Jmx admin = Jmx.admin()) {
            String trail = String.join("\n", admin.auditFor(user));
            assertTrue(trail.contains("user:" + user + " login.password " + user + " → deny (wrong_password)"), trail);
            assertTrue(trail.contains("user:" + user + " login.password " + user + " → allow"), trail);
            assertTrue(trail.contains("user:" + user + " auth.passcode " + user + " → deny (invalid_passcode)"), trail);
            assertTrue(trail.contains("user:" + user + " auth.passcode " + user + " → allow"), trail);
        }
    }

    @Test
    void unknownUserOnThePageGetsTheSameAnswerAsAWrongPassword() throws Exception {
        String stranger = unique("ghost");
        try (Browser browser = new Browser()) {
            browser.driver.get(base.toString());
            browser.type(By.id("login:username"), stranger);
            browser.type(By.id("login:password"), "whatever-password");
            browser.submit(By.id("login:submit"));
            assertEquals("Incorrect username or password.", browser.waitFor(By.id("messages")).getText());
        }
        try (Jmx admin = Jmx.admin()) {
            String trail = String.join("\n", admin.auditFor(stranger));
            assertTrue(trail.contains("login.password " + stranger + " → deny (unknown_user)"), trail);
        }
    }
}
