package org.twofold.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twofold.it.Fixtures.codeNow;
import static org.twofold.it.Fixtures.inBackground;
import static org.twofold.it.Fixtures.unique;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chromium.ChromiumDriver;
import org.openqa.selenium.support.ui.Select;
import org.twofold.webpush.P256;
import org.twofold.ws.contract.AuthFault;
import org.twofold.ws.contract.AuthResponse;
import org.twofold.ws.contract.AuthServicePortType;
import org.twofold.ws.contract.AuthStatusResponse;
import org.twofold.ws.contract.Capability;
import org.twofold.ws.contract.Factor;
import org.twofold.ws.contract.Preauth;
import org.twofold.ws.contract.PreauthResponse;
import org.twofold.ws.contract.Result;
import org.twofold.ws.contract.Status;

/**
 * Push through standard Web Push, end to end, on a server started as in production with
 * {@code TWOFOLD_PUSH=webpush} (no simulator, no virtual phones). A push service of the test's own
 * on a free port stands in for the browser vendor's (RFC 8030's receive side): it decrypts every
 * message with an implementation other than Twofold's — npm's {@code http_ece}, run by node, under
 * the subscription keys the test made — and checks the VAPID token with node's crypto. Headless
 * Chromium opens the approval app at {@code /app/} with its service worker, makes its device key
 * and enrolls with the portal's one-time link; the test injects the subscription (no vendor push
 * service is reachable here: {@code PushManager.subscribe} answers with the test's endpoint and
 * keys). The answers are the app's, signed by its non-extractable key.
 */
class WebPushIT {
    private static final String PASSWORD = "webpush-password-1";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static MicroServer server;
    private static TestPushService pushService;
    private static AuthServicePortType soap;

    /** The browsers this test opened; closed after it, photographed first if it failed. */
    @RegisterExtension
    final Browsers browsers = new Browsers();

    @BeforeAll
    static void start() throws Exception {
        pushService = TestPushService.start();
        server = MicroServer.production("webpush", "-Dtwofold.push=webpush", "-Dtwofold.push.http.hosts=127.0.0.1").start();
        try (Jmx admin = server.admin()) {
            String[] integration = admin.createIntegration("Web Push VPN");
            soap = SoapClient.as(server.base(), integration[0], integration[1]);
            admin.set(Jmx.ADMINISTRATION, "VerifiedPush", true);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (pushService != null) {
            pushService.stop();
        }
    }

    /** A phone as the test's push service knows it: its subscription's endpoint and the keys messages are encrypted to. */
    record Phone(String id, KeyPair keys, byte[] auth, long deviceId) {
        String endpoint() {
            return "http://127.0.0.1:" + pushService.port() + "/push/" + id;
        }

        String p256dh() {
            return P256.b64url(P256.encode((ECPublicKey) keys.getPublic()));
        }

        Phone enrolledAs(long id) {
            return new Phone(this.id, keys, auth, id);
        }
    }

    /** What the receive side found in one message: the plaintext and the VAPID token as node read them. */
    record Decoded(String plaintext, boolean vapidValid, String vapidKey, String audience, long expires, String subject,
                   Map<String, String> headers) {
        String txid() {
            Matcher m = Pattern.compile("\\{\"txid\":\"([0-9a-f]{32})\"}").matcher(plaintext);
            assertTrue(m.matches(), "the payload is only a transaction reference: " + plaintext);
            return m.group(1);
        }
    }

    private static String local() {
        return "http://localhost:" + server.httpPort + "/";
    }

    private static byte[] provision(String username) throws Exception {
        byte[] seed = Fixtures.newSeed();
        try (Jmx admin = server.admin()) {
            admin.provisionUserWithTotpToken(username, PASSWORD, org.twofold.passcode.Base32.encode(seed));
        }
        return seed;
    }

    /**
     * Logs in with password and passcode, adds the approval app in the portal, and opens its
     * one-time link in the same browser, whose push subscription is the test's: the app makes its
     * key, subscribes with the VAPID key and registers.
     */
    private Phone enroll(Browser browser, String user, byte[] seed) throws Exception {
        browser.driver.get(local());
        browser.type(By.id("login:username"), user);
        browser.type(By.id("login:password"), PASSWORD);
        browser.submit(By.id("login:submit"));
        browser.type(By.id("prompt:passcode"), codeNow(seed));
        browser.submit(By.id("prompt:verify"));
        browser.waitFor(By.id("success"));
        browser.driver.get(local() + "portal");
        browser.type(By.id("app:name"), "My phone");
        browser.submit(By.id("app:begin"));
        String link = browser.waitFor(By.id("appLink")).getAttribute("href");
        assertTrue(link.startsWith(local() + "app/index.html#enroll="), link);
        return registerApp(browser, link, user, "My phone");
    }

    /**
     * Opens the approval app's one-time {@code link} in the browser's current window, as the phone
     * does: the app makes its key, subscribes (the test's subscription) and registers; the user's
     * devices then list it active with push, named {@code name}.
     */
    private Phone registerApp(Browser browser, String link, String user, String name) throws Exception {
        byte[] auth = new byte[16];
        RANDOM.nextBytes(auth);
        Phone phone = new Phone(Long.toHexString(RANDOM.nextLong()), P256.generate(RANDOM), auth, 0);
        pushService.expect(phone.id());
        String subscription = "{endpoint: '" + phone.endpoint() + "', expirationTime: null, keys: {p256dh: '" + phone.p256dh() + "', auth: '"
                + P256.b64url(auth) + "'}}";
        ((ChromiumDriver) browser.driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "(() => { const sub = " + subscription + ";"
                        + " PushManager.prototype.subscribe = function (options) {"
                        + "   let s = ''; new Uint8Array(options.applicationServerKey).forEach(b => { s += String.fromCharCode(b); });"
                        + "   window.localStorage.setItem('applicationServerKey', btoa(s).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, ''));"
                        + "   return Promise.resolve({endpoint: sub.endpoint, toJSON: () => sub}); }; })();"));
        browser.driver.get(link);
        browser.waitForText(By.id("status"), t -> t.startsWith("Ready"));
        assertEquals(local() + "app/index.html", browser.driver.getCurrentUrl(), "the code leaves the address bar once used");
        Object controlled = ((JavascriptExecutor) browser.driver).executeAsyncScript(
                "const done = arguments[0]; navigator.serviceWorker.ready.then(r => done(r.active.scriptURL));");
        assertEquals(local() + "app/sw.js", controlled, "the app's service worker is installed");
        assertEquals(vapidKey(), ((JavascriptExecutor) browser.driver).executeScript("return window.localStorage.getItem('applicationServerKey');"),
                "the app subscribed with Twofold's VAPID key");
        try (Jmx admin = server.admin()) {
            String line = Arrays.stream((String[]) admin.invoke(Jmx.HELPDESK, "listDevices", user)).filter(l -> l.contains("approval app"))
                    .findFirst().orElseThrow();
            assertTrue(line.matches("\\d+ smartphone '" + name + "' active \\[push] approval app"), line);
            return phone.enrolledAs(Long.parseLong(line.substring(0, line.indexOf(' '))));
        }
    }

    private static String vapidKey() throws Exception {
        String config = HTTP.send(HttpRequest.newBuilder(URI.create(local() + "app/api/config")).build(), HttpResponse.BodyHandlers.ofString()).body();
        return config.replaceAll(".*\"vapidPublicKey\":\"([A-Za-z0-9_-]+)\".*", "$1");
    }

    /** The next message to {@code phone}, decrypted and checked by node ({@code webpush/receive.js}). */
    private static Decoded nextMessage(Phone phone) throws Exception {
        TestPushService.Received r = pushService.next(phone.id());
        byte[] d = ((ECPrivateKey) phone.keys().getPrivate()).getS().toByteArray();
        byte[] scalar = new byte[32];
        System.arraycopy(d, Math.max(0, d.length - 32), scalar, Math.max(0, 32 - d.length), Math.min(32, d.length));
        String input = "{\"body\":\"" + P256.b64url(r.body()) + "\",\"authorization\":\"" + r.headers().get("authorization")
                + "\",\"privateKey\":\"" + P256.b64url(scalar) + "\",\"auth\":\"" + P256.b64url(phone.auth()) + "\"}";
        ProcessBuilder node = new ProcessBuilder("node", Path.of(WebPushIT.class.getResource("/webpush/receive.js").toURI()).toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        node.environment().put("NODE_PATH", System.getProperty("it.node.modules"));
        Process p = node.start();
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "node decrypted the message: " + out);
        return new Decoded(field(out, "plaintext"), out.contains("\"valid\":true"), field(out, "key"), field(out, "aud"),
                Long.parseLong(out.replaceAll("(?s).*\"exp\":(\\d+).*", "$1")), field(out, "sub"), r.headers());
    }

    /** A string field of node's one-line JSON answer (the test's own values: no escapes but \"). */
    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1).replace("\\\"", "\"");
    }

    private static PreauthResponse preauth(String user) throws Exception {
        Preauth p = new Preauth();
        p.setUsername(user);
        p.setIpaddr("198.51.100.30");
        return soap.preauth(p);
    }

    /** The verified-push number the integrator shows its user, from {@code authStatus}'s message. */
    private static String numberOf(String txid) throws Exception {
        AuthStatusResponse s = soap.authStatus(SoapClient.status(txid, null));
        assertEquals(Status.PUSHED, s.getStatus());
        Matcher m = Pattern.compile("Enter (\\d{3}) in the app").matcher(s.getStatusMessage());
        assertTrue(m.find(), s.getStatusMessage());
        return m.group(1);
    }

    private static By request(String txid) {
        return By.id("request-" + txid);
    }

    /** The app shows the waiting request (asked for with its signature), then the person answers it. */
    private static String answerInApp(Browser browser, String txid, String button, String number) {
        browser.clickWhenReady(By.id("refresh"));
        browser.waitFor(request(txid));
        if (number != null) {
            browser.type(By.cssSelector("#request-" + txid + " input.typed"), number);
        }
        browser.clickWhenReady(By.cssSelector("#request-" + txid + " button." + button));
        return browser.waitForText(By.cssSelector("#request-" + txid + " .result"), t -> !t.isBlank());
    }

    private static String trail(String user) throws Exception {
        try (Jmx admin = server.admin()) {
            return String.join("\n", (String[]) admin.invoke(Jmx.HELPDESK, "recentAuthentications", user, 100));
        }
    }

    @Test
    void aPushReachesTheAppEncryptedWithVapidAndItsApprovalWithTheNumberAnswersTheWaitingSoapAuth() throws Exception {
        String user = unique("wp");
        byte[] seed = provision(user);
        Browser browser = browsers.open();
        Phone phone = enroll(browser, user, seed);
        assertTrue(preauth(user).getDevices().getDevice().stream().anyMatch(d -> d.getCapabilities().getCapability().equals(List.of(Capability.PUSH))),
                "preauth offers push on the approval app");

        // The push service does not answer Twofold until the test has asked authStatus: a push sent
        // inside the transaction that records it would leave that transaction uncommitted until
        // then, and authStatus would not know the txid the phone already has.
        pushService.hold(phone.id());
        CompletableFuture<AuthResponse> waiting = inBackground(() -> soap.auth(SoapClient.auth(user, Factor.PUSH, false)));
        Decoded message = nextMessage(phone);
        String txid = message.txid();
        String number;
        try {
            number = numberOf(txid);
        } finally {
            pushService.release(phone.id());
        }
        assertTrue(message.vapidValid(), "the VAPID token verifies (ES256) under the key it names");
        assertEquals(vapidKey(), message.vapidKey(), "the key the app subscribed with");
        assertEquals("http://127.0.0.1:" + pushService.port(), message.audience(), "aud: the push service's origin");
        long now = System.currentTimeMillis() / 1000;
        assertTrue(message.expires() > now && message.expires() <= now + 24 * 3600, "expires within 24 h");
        assertEquals(local(), message.subject());
        assertEquals("aes128gcm", message.headers().get("content-encoding"));
        assertEquals("high", message.headers().get("urgency"));
        int ttl = Integer.parseInt(message.headers().get("ttl"));
        assertTrue(ttl > 0 && ttl <= 60, "TTL: what is left of the 60 s push time-out: " + ttl);

        assertFalse(waiting.isDone(), "auth waits while the push is unanswered");
        assertEquals("Approved. You are logged in.", answerInApp(browser, txid, "approve", number));
        AuthResponse answer = waiting.get(30, TimeUnit.SECONDS);
        assertEquals(Result.ALLOW, answer.getResult());
        assertEquals(Status.ALLOW, answer.getStatus());
        assertTrue(trail(user).contains("auth.push " + user + " → allow"), trail(user));
    }

    @Test
    void aNewUserAddsTheApprovalAppAtFirstLoginAndIsLoggedInOnlyOnceThePhoneHasRegisteredIt() throws Exception {
        String user = unique("wpnew");
        try (Jmx admin = server.admin()) {
            admin.invoke(Jmx.ADMINISTRATION, "createUser", user, "Test " + user, "Central Administration");
            admin.invoke(Jmx.ADMINISTRATION, "setUserPassword", user, PASSWORD);
        }
        Browser browser = browsers.open();
        browser.driver.get(local());
        browser.type(By.id("login:username"), user);
        browser.type(By.id("login:password"), PASSWORD);
        browser.submit(By.id("login:submit"));
        new Select(browser.waitFor(By.id("enroll:kind"))).selectByVisibleText("Twofold approval app on a smartphone (push)");
        browser.submit(By.id("enroll:begin"));
        String link = browser.waitFor(By.id("appLink")).getAttribute("href");
        assertTrue(link.startsWith(local() + "app/index.html#enroll="), link);
        assertFalse(browser.driver.findElements(By.cssSelector("#enroll .qr svg")).isEmpty(), "the link as a QR code for the phone's camera");

        // the phone has not opened the link yet: nobody is logged in
        browser.submit(By.id("enroll:confirm"));
        assertTrue(browser.textOf(By.id("messages")).startsWith("Your phone has not added the approval app yet."), browser.textOf(By.id("messages")));
        assertTrue(browser.driver.findElements(By.id("success")).isEmpty(), "not logged in before the phone registered");
        try (Jmx admin = server.admin()) {
            String devices = String.join("\n", (String[]) admin.invoke(Jmx.HELPDESK, "listDevices", user));
            assertTrue(devices.contains("smartphone 'Approval app' pending"), devices);
        }

        // the phone (another tab of the same browser here) opens the link and registers; then the login completes
        String loginTab = browser.driver.getWindowHandle();
        browser.driver.switchTo().newWindow(WindowType.TAB);
        Phone phone = registerApp(browser, link, user, "Approval app");
        String appTab = browser.driver.getWindowHandle();
        browser.driver.switchTo().window(loginTab);
        browser.submit(By.id("enroll:confirm"));
        browser.waitFor(By.id("success"));
        String trail = trail(user);
        assertTrue(trail.contains("auth.newUser " + user + " → allow"), trail);
        assertTrue(trail.contains("approval app"), trail);

        // the app it added answers the next login's push
        CompletableFuture<AuthResponse> waiting = inBackground(() -> soap.auth(SoapClient.auth(user, Factor.PUSH, false)));
        String txid = nextMessage(phone).txid();
        String number = numberOf(txid);
        browser.driver.switchTo().window(appTab);
        assertEquals("Approved. You are logged in.", answerInApp(browser, txid, "approve", number));
        assertEquals(Result.ALLOW, waiting.get(30, TimeUnit.SECONDS).getResult());
    }

    @Test
    void denyAndThisWasNotMeInTheAppEndTheLoginAndTheFraudReportReachesTheHelpDesk() throws Exception {
        String user = unique("wp");
        byte[] seed = provision(user);
        Browser browser = browsers.open();
        Phone phone = enroll(browser, user, seed);

        AuthResponse denied = soap.auth(SoapClient.auth(user, Factor.PUSH, true));
        String txid = nextMessage(phone).txid();
        assertEquals(denied.getTxid(), txid);
        assertEquals("Denied.", answerInApp(browser, txid, "deny", null));
        assertEquals(Result.DENY, soap.authStatus(SoapClient.status(txid, null)).getResult());

        AuthResponse fraud = soap.auth(SoapClient.auth(user, Factor.PUSH, true));
        String second = nextMessage(phone).txid();
        assertEquals(fraud.getTxid(), second);
        assertEquals("Reported as not you. Your help desk can see it.", answerInApp(browser, second, "fraud", null));
        AuthStatusResponse status = soap.authStatus(SoapClient.status(second, null));
        assertEquals(Result.DENY, status.getResult());
        assertEquals(Status.FRAUD, status.getStatus());
        try (Jmx admin = server.admin()) {
            String reports = String.join("\n", (String[]) admin.invoke(Jmx.HELPDESK, "listFraudReports", 20));
            assertTrue(reports.contains("push.fraud " + user) && reports.contains(second), reports);
        }
    }

    @Test
    void anAnswerWithAWrongSignatureOrFromAnotherDeviceIsRefusedAuditedAndChangesNothing() throws Exception {
        String user = unique("wp");
        String other = unique("wp");
        byte[] seed = provision(user);
        byte[] otherSeed = provision(other);
        Browser browser = browsers.open();
        Phone phone = enroll(browser, user, seed);
        Browser otherBrowser = browsers.open();
        enroll(otherBrowser, other, otherSeed);

        String txid = soap.auth(SoapClient.auth(user, Factor.PUSH, true)).getTxid();
        assertEquals(txid, nextMessage(phone).txid());
        String number = numberOf(txid);

        // another enrolled phone signs, with its own key, an approval of this user's request
        Object fromOtherDevice = ((JavascriptExecutor) otherBrowser.driver).executeAsyncScript(
                "const txid = arguments[0]; const number = arguments[1]; const done = arguments[2];"
                        + "const open = indexedDB.open('twofold', 1);"
                        + "open.onsuccess = () => { const get = open.result.transaction('device').objectStore('device').get('self');"
                        + " get.onsuccess = async () => { const d = get.result;"
                        + "  const text = 'twofold-push-answer\\n' + txid + '\\napprove\\n' + number;"
                        + "  const sig = new Uint8Array(await crypto.subtle.sign({name: 'ECDSA', hash: 'SHA-256'}, d.privateKey, new TextEncoder().encode(text)));"
                        + "  let s = ''; sig.forEach(b => { s += String.fromCharCode(b); });"
                        + "  const r = await fetch('api/answer', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({"
                        + "   deviceId: d.deviceId, txid, decision: 'approve', number,"
                        + "   signature: btoa(s).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '')})});"
                        + "  done(r.status + ' ' + await r.text()); }; };",
                txid, number);
        assertTrue(String.valueOf(fromOtherDevice).startsWith("403 ") && String.valueOf(fromOtherDevice).contains("PUSH_ANSWER_REFUSED"),
                String.valueOf(fromOtherDevice));

        // someone who knows the device id and the txid, without the device's key
        KeyPair forger = P256.generate(RANDOM);
        Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
        es256.initSign(forger.getPrivate());
        es256.update(("twofold-push-answer\n" + txid + "\napprove\n" + number).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> forged = HTTP.send(HttpRequest.newBuilder(URI.create(local() + "app/api/answer"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"deviceId\":" + phone.deviceId()
                        + ",\"txid\":\"" + txid + "\",\"decision\":\"approve\",\"number\":\"" + number + "\",\"signature\":\""
                        + P256.b64url(es256.sign()) + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, forged.statusCode(), forged.body());
        assertTrue(forged.body().contains("PUSH_ANSWER_REFUSED"), forged.body());

        assertEquals(Status.PUSHED, soap.authStatus(SoapClient.status(txid, null)).getStatus(), "neither answer changed the request");
        try (Jmx admin = server.admin()) {
            String audit = String.join("\n", (String[]) admin.invoke(Jmx.AUDIT, "recent", 200));
            assertTrue(audit.contains("push.answer " + user + " → refused (other_device)"), audit);
            assertTrue(audit.contains("push.answer " + user + " → refused (bad_signature)"), audit);
        }
        assertEquals("Approved. You are logged in.", answerInApp(browser, txid, "approve", number), "the phone's own answer still counts");
        assertEquals(Result.ALLOW, soap.authStatus(SoapClient.status(txid, null)).getResult());
    }

    @Test
    void aSubscriptionThePushServiceSaysIsGoneMarksTheDeviceForReEnrollmentAndPushIsNoLongerOffered() throws Exception {
        String user = unique("wp");
        byte[] seed = provision(user);
        Browser browser = browsers.open();
        Phone phone = enroll(browser, user, seed);
        pushService.answer(phone.id(), 410);

        AuthFault failed = assertThrows(AuthFault.class, () -> soap.auth(SoapClient.auth(user, Factor.PUSH, true)));
        assertEquals(502, failed.getFaultInfo().getCode(), "the push could not be delivered");
        pushService.next(phone.id());

        try (Jmx admin = server.admin()) {
            String devices = String.join("\n", (String[]) admin.invoke(Jmx.HELPDESK, "listDevices", user));
            assertTrue(devices.contains(phone.deviceId() + " smartphone 'My phone' stale (needs re-enrollment) [push] approval app"), devices);
            String described = String.valueOf(admin.invoke(Jmx.HELPDESK, "describeUser", user));
            assertTrue(described.toLowerCase(Locale.ROOT).contains("stale"), described);
        }
        assertTrue(trail(user).contains("device.stale " + user + " → done"), trail(user));
        assertTrue(trail(user).contains("auth.push " + user + " → deny (undelivered)"), "the recorded push ended undelivered: " + trail(user));
        PreauthResponse after = preauth(user);
        assertTrue(after.getDevices().getDevice().stream().noneMatch(d -> d.getCapabilities().getCapability().contains(Capability.PUSH)),
                "a stale app is not offered for push");
        assertEquals(Status.NO_DEVICE, soap.auth(SoapClient.auth(user, Factor.PUSH, true)).getStatus(), "nor pushed to");

        // the app subscribes again when opened (the browser's subscription is new), signed by its key: active again
        Phone next = renewed(phone);
        browserRenews(browser, next);
        browser.driver.get(local() + "app/index.html");
        browser.waitForText(By.id("status"), t -> t.startsWith("Ready"));
        try (Jmx admin = server.admin()) {
            String devices = String.join("\n", (String[]) admin.invoke(Jmx.HELPDESK, "listDevices", user));
            assertTrue(devices.contains(phone.deviceId() + " smartphone 'My phone' active [push] approval app"), devices);
        }
        String txid = soap.auth(SoapClient.auth(user, Factor.PUSH, true)).getTxid();
        assertEquals(txid, nextMessage(next).txid(), "pushed to the renewed subscription");
    }

    /** A new subscription for the same app, as a browser gives it when it renews one. */
    private static Phone renewed(Phone phone) {
        byte[] auth = new byte[16];
        RANDOM.nextBytes(auth);
        Phone next = new Phone(Long.toHexString(RANDOM.nextLong()), P256.generate(RANDOM), auth, phone.deviceId());
        pushService.expect(next.id());
        return next;
    }

    /** From now on the browser's push manager has {@code next}'s subscription (the test's stand-in for a renewal by the push service). */
    private static void browserRenews(Browser browser, Phone next) {
        String subscription = "{endpoint: '" + next.endpoint() + "', expirationTime: null, keys: {p256dh: '" + next.p256dh() + "', auth: '"
                + P256.b64url(next.auth()) + "'}}";
        ((ChromiumDriver) browser.driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "(() => { const sub = " + subscription + ";"
                        + " PushManager.prototype.getSubscription = function () {"
                        + "   return Promise.resolve({endpoint: sub.endpoint, toJSON: () => sub}); }; })();"));
    }

    @Test
    void aSubscriptionTheBrowserRenewedIsSentByTheAppSignedByItsKeyAndAForgedRenewalIsRefused() throws Exception {
        String user = unique("wp");
        byte[] seed = provision(user);
        Browser browser = browsers.open();
        Phone phone = enroll(browser, user, seed);
        browser.driver.manage().deleteAllCookies(); // the renewal needs no session: only the device key

        Phone next = renewed(phone);
        browserRenews(browser, next);
        browser.driver.get(local() + "app/index.html");
        browser.waitForText(By.id("status"), t -> t.startsWith("Ready"));
        try (Jmx admin = server.admin()) {
            String audit = String.join("\n", (String[]) admin.invoke(Jmx.AUDIT, "recent", 200));
            assertTrue(audit.contains("device.appRenew " + user + " → done"), audit);
        }
        String txid = soap.auth(SoapClient.auth(user, Factor.PUSH, true)).getTxid();
        assertEquals(txid, nextMessage(next).txid(), "the push goes to the renewed subscription, encrypted to its keys");
        assertEquals("Approved. You are logged in.", answerInApp(browser, txid, "approve", numberOf(txid)));
        assertEquals(Result.ALLOW, soap.authStatus(SoapClient.status(txid, null)).getResult());

        // someone who knows the device id moves its pushes to a push service of theirs, signing with a key of their own
        Phone attacker = renewed(phone);
        long time = System.currentTimeMillis() / 1000;
        KeyPair forger = P256.generate(RANDOM);
        Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
        es256.initSign(forger.getPrivate());
        es256.update(String.join("\n", "twofold-push-renew", Long.toString(phone.deviceId()), Long.toString(time), attacker.endpoint(),
                attacker.p256dh(), P256.b64url(attacker.auth())).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> forged = HTTP.send(HttpRequest.newBuilder(URI.create(local() + "app/api/renew"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"deviceId\":" + phone.deviceId()
                        + ",\"endpoint\":\"" + attacker.endpoint() + "\",\"p256dh\":\"" + attacker.p256dh() + "\",\"auth\":\""
                        + P256.b64url(attacker.auth()) + "\",\"time\":" + time + ",\"signature\":\"" + P256.b64url(es256.sign()) + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, forged.statusCode(), forged.body());
        assertTrue(forged.body().contains("PUSH_ANSWER_REFUSED"), forged.body());
        try (Jmx admin = server.admin()) {
            String audit = String.join("\n", (String[]) admin.invoke(Jmx.AUDIT, "recent", 200));
            assertTrue(audit.contains("device.appRenew " + user + " → refused (bad_signature)"), audit);
        }
        String after = soap.auth(SoapClient.auth(user, Factor.PUSH, true)).getTxid();
        assertEquals(after, nextMessage(next).txid(), "pushes still go to the phone's own subscription");
        assertTrue(pushService.nothingFor(attacker.id()) && pushService.nothingFor(phone.id()), "nothing went to the forger's or the old subscription");
    }

    /**
     * RFC 8030's receive side on a free port: each {@code POST /push/<id>} is kept for the test
     * (headers lower-cased, body) and answered {@code 201 Created}, or the status the test set for
     * that subscription (e.g. 410 Gone).
     */
    static final class TestPushService {
        record Received(Map<String, String> headers, byte[] body) {
        }

        private final HttpServer http;
        private final Map<String, BlockingQueue<Received>> received = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
        private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();

        private TestPushService(HttpServer http) {
            this.http = http;
        }

        static TestPushService start() throws IOException {
            TestPushService service = new TestPushService(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
            service.http.createContext("/push/", exchange -> {
                String id = exchange.getRequestURI().getPath().substring("/push/".length());
                Map<String, String> headers = new HashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
                byte[] body = exchange.getRequestBody().readAllBytes();
                BlockingQueue<Received> queue = service.received.get(id);
                int status = !"POST".equals(exchange.getRequestMethod()) ? 405 : queue == null ? 404
                        : service.answers.computeIfAbsent(id, k -> new AtomicInteger(201)).get();
                if (queue != null) {
                    queue.add(new Received(headers, body));
                }
                CountDownLatch held = service.held.get(id);
                if (held != null) {
                    try {
                        held.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            service.http.setExecutor(Executors.newCachedThreadPool());
            service.http.start();
            return service;
        }

        int port() {
            return http.getAddress().getPort();
        }

        void expect(String id) {
            received.put(id, new LinkedBlockingQueue<>());
        }

        /** Messages to {@code id} are kept, but not answered until {@link #release}. */
        void hold(String id) {
            held.put(id, new CountDownLatch(1));
        }

        void release(String id) {
            CountDownLatch latch = held.remove(id);
            if (latch != null) {
                latch.countDown();
            }
        }

        void answer(String id, int status) {
            answers.computeIfAbsent(id, k -> new AtomicInteger()).set(status);
        }

        /** Whether subscription {@code id} has no message waiting (nothing was sent to it since the last {@link #next}). */
        boolean nothingFor(String id) {
            return received.get(id).isEmpty();
        }

        /** The next message to subscription {@code id}, waited for at most 30 s. */
        Received next(String id) throws InterruptedException {
            Received r = received.get(id).poll(30, TimeUnit.SECONDS);
            assertTrue(r != null, "a message reached the push service for " + id);
            return r;
        }

        void stop() {
            held.values().forEach(CountDownLatch::countDown);
            http.stop(0);
        }
    }
}
