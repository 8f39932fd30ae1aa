package org.twofold.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twofold.it.Fixtures.assertPasscodeDecisionsAudited;
import static org.twofold.it.Fixtures.deviceIdOf;
import static org.twofold.it.Fixtures.inBackground;
import static org.twofold.it.Fixtures.lastFour;
import static org.twofold.it.Fixtures.unique;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import com.duosecurity.client.Auth;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.json.JSONObject;
import org.openqa.selenium.json.Json;

/**
 * The Duo-compatible Auth API v2 ({@code /auth/v2}) driven by Duo's own client software: Debian's
 * python3-duo-client ({@code duo_client.Auth}, plain HTTP), which signs every request itself, with
 * signature version 2 (HMAC-SHA1, its default) and version 4 (HMAC-SHA512 over a JSON body), and
 * Duo's Java client library ({@code com.duosecurity:duo-client} 0.7.1, signature versions 5, its
 * default, and 2, HTTPS through {@link TlsTunnel}). Users,
 * devices and integrations are made over JMX as in SoapIT; pushes are approved and texts read on the
 * virtual phones in headless Chromium. Each refusal is Duo's error as the client reports it, audited,
 * and changes nothing.
 */
@ExtendWith(ArquillianExtension.class)
class DuoApiIT {
    /** Debian's interpreter (dist-packages holds duo_client), not any other python3 on the PATH. */
    private static final String PYTHON = "/usr/bin/python3";
    private static final Json JSON = new Json();

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive twofold() {
        return Fixtures.war();
    }

    // ---------------------------------------------------------------- driving duo_client

    /** What duo_client answered to one call: its response, or the error it raised with the HTTP status and body. */
    record Answer(Map<String, Object> ok, String error, Number status, String data, Object value) {
        /** A response that is a bare string, as {@code enroll_status} answers. */
        String text() {
            assertNotNull(value, "a successful call, not: " + error + " " + data);
            return (String) value;
        }

        Map<String, Object> response() {
            assertNotNull(ok, "a successful call, not: " + error + " " + data);
            return ok;
        }

        String get(String key) {
            return (String) response().get(key);
        }

        /** Duo's error body: the HTTP status and code, and the client's message. */
        Map<String, Object> failure(int httpStatus, long code) {
            assertNotNull(error, "a refusal, not: " + ok);
            assertEquals(httpStatus, status.intValue(), error);
            Map<String, Object> body = JSON.toType(data, Map.class);
            assertEquals("FAIL", body.get("stat"), data);
            assertEquals(code, ((Number) body.get("code")).longValue(), data);
            assertFalse(data.contains("Exception") || data.contains("at org."), "nothing of the server's insides: " + data);
            return body;
        }
    }

    /** A duo_client.Auth for the integration, signing with {@code version}, its clock off by {@code skew} seconds. */
    private final class Duo {
        final String ikey;
        final String skey;
        final int version;
        final long skew;

        Duo(String[] integration, int version) {
            this(integration[0], integration[1], version, 0);
        }

        Duo(String ikey, String skey, int version, long skew) {
            this.ikey = ikey;
            this.skey = skey;
            this.version = version;
            this.skew = skew;
        }

        Answer call(String method, Object... kwargs) throws Exception {
            Map<String, Object> args = new LinkedHashMap<>();
            for (int i = 0; i < kwargs.length; i += 2) {
                args.put((String) kwargs[i], kwargs[i + 1]);
            }
            return run(List.of(Map.of("method", method, "kwargs", args))).get(0);
        }

        List<Answer> run(List<Map<String, Object>> calls) throws Exception {
            Map<String, Object> spec = new HashMap<>();
            spec.put("ikey", ikey);
            spec.put("skey", skey);
            spec.put("host", "localhost");
            spec.put("port", base.getPort());
            spec.put("sig_version", version);
            spec.put("date_offset", skew);
            spec.put("calls", calls);
            Process p = new ProcessBuilder(PYTHON, script().toString()).redirectErrorStream(false).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(JSON.toJson(spec).getBytes(StandardCharsets.UTF_8));
            }
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            String out = new String(readAll(p.getInputStream()), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(90, TimeUnit.SECONDS), "duo_client finished");
            assertEquals(0, p.exitValue(), "duo_client ran: " + out + new String(err.get(), StandardCharsets.UTF_8));
            List<Map<String, Object>> results = JSON.toType(out, List.class);
            List<Answer> answers = new ArrayList<>();
            for (Map<String, Object> r : results) {
                @SuppressWarnings("unchecked")
                Map<String, Object> ok = r.get("ok") instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
                answers.add(new Answer(ok, (String) r.get("error"), (Number) r.get("status"), (String) r.get("data"), r.get("ok")));
            }
            return answers;
        }
    }

    private static Path script;

    private static synchronized Path script() throws IOException {
        if (script == null) {
            script = Files.createTempFile("duo_call", ".py");
            try (InputStream in = DuoApiIT.class.getResourceAsStream("/duo/duo_call.py")) {
                Files.write(script, in.readAllBytes());
            }
            script.toFile().deleteOnExit();
        }
        return script;
    }

    private static byte[] readAll(InputStream in) {
        try (in; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }



    private static String trail(Jmx admin) throws Exception {
        return String.join("\n", admin.recentAudit());
    }

    // ---------------------------------------------------------------- tests

    @ParameterizedTest(name = "signature version {0}")
    @ValueSource(ints = {2, 4})
    void pingCheckAndPreauthAnswerDuoClientsInDuosShape(int version) throws Exception {
        String user = unique("dp");
        String mobile = lastFour();
        String[] integration;
        String enrolled;
        try (Jmx admin = Jmx.admin()) {
            admin.invoke(Jmx.ADMINISTRATION, "createUser", user, "Duo Preauth", "Law");
            enrolled = Smartphones.enrollAndActivate(admin, user, "+1 555 012 " + mobile, "iPhone");
            integration = admin.createIntegration(unique("Duo VPN "));
        }
        Duo duo = new Duo(integration, version);
        long before = Instant.now().getEpochSecond();
        List<Answer> answers = duo.run(List.of(Map.of("method", "ping"), Map.of("method", "check"), Map.of("method", "logo"),
                Map.of("method", "preauth", "kwargs", Map.of("username", user, "ipaddr", "198.51.100.30"))));
        long pinged = ((Number) answers.get(0).response().get("time")).longValue();
        assertTrue(pinged >= before - 1 && pinged <= Instant.now().getEpochSecond() + 1, "ping's time is the server's Unix time: " + pinged);
        assertNotNull(answers.get(1).response().get("time"), "check accepts the client's signature");
        Map<String, Object> logo = answers.get(2).failure(404, 40401);
        assertEquals("Resource not found", logo.get("message"), "no logo is configured");

        Map<String, Object> pre = answers.get(3).response();
        assertEquals("auth", pre.get("result"));
        assertEquals("Account is active. Choose an authentication method.", pre.get("status_msg"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> devices = (List<Map<String, Object>>) pre.get("devices");
        assertEquals(1, devices.size(), devices.toString());
        Map<String, Object> phone = devices.get(0);
        assertEquals(Long.toString(deviceIdOf(enrolled)), phone.get("device"));
        assertEquals("phone", phone.get("type"));
        assertEquals("iPhone", phone.get("name"));
        assertEquals("XXX-XXX-" + mobile, phone.get("number"));
        assertEquals(List.of("auto", "push", "sms", "phone", "mobile_otp"), phone.get("capabilities"));
        assertFalse(phone.containsKey("sms_nextcode"), "no batch texted yet");

        try (Jmx admin = Jmx.admin()) {
            String trail = String.join("\n", admin.auditFor(user));
            assertTrue(trail.contains("integration:" + integration[0] + " preauth " + user + " → auth from 198.51.100.30 via "), trail);
        }
    }

    @ParameterizedTest(name = "signature version {0}")
    @ValueSource(ints = {2, 4})
    void aTotpPasscodeLogsInOnceAndAWrongOneIsDenied(int version) throws Exception {
        String user = unique("dt");
        Smartphones.App app;
        String[] integration;
        try (Jmx admin = Jmx.admin()) {
            admin.invoke(Jmx.ADMINISTRATION, "createUser", user, "Duo Passcode", "Law");
            app = Smartphones.enrollActivatedApp(admin, user, "+1 555 013 " + lastFour(), "iPhone");
            integration = admin.createIntegration(unique("Duo Portal "));
        }
        Duo duo = new Duo(integration, version);
        String code = app.nextCode();
        String wrong = Fixtures.wrongCode(app.seed());
        List<Answer> answers = duo.run(List.of(
                Map.of("method", "auth", "kwargs", Map.of("factor", "passcode", "username", user, "passcode", code, "ipaddr", "198.51.100.31")),
                Map.of("method", "auth", "kwargs", Map.of("factor", "passcode", "username", user, "passcode", code)),
                Map.of("method", "auth", "kwargs", Map.of("factor", "passcode", "username", user, "passcode", wrong))));
        assertEquals("allow", answers.get(0).get("result"));
        assertEquals("allow", answers.get(0).get("status"));
        assertEquals("Success. Logging you in...", answers.get(0).get("status_msg"));
        assertEquals("deny", answers.get(1).get("result"), "a code is accepted once");
        assertEquals("deny", answers.get(1).get("status"));
        assertEquals("Incorrect passcode. Please try again.", answers.get(1).get("status_msg"));
        assertEquals("deny", answers.get(2).get("result"));
        assertEquals("Incorrect passcode. Please try again.", answers.get(2).get("status_msg"));

        try (Jmx admin = Jmx.admin()) {
            assertPasscodeDecisionsAudited(admin.auditFor(user), integration[0], user, code);
        }
    }

    @ParameterizedTest(name = "signature version {0}")
    @ValueSource(ints = {2, 4})
    void anAsynchronousPushIsFollowedWithAuthStatusWhileItIsApprovedOnThePhone(int version) throws Exception {
        String user = unique("da");
        String mobile = lastFour();
        String[] integration;
        try (Jmx admin = Jmx.admin()) {
            admin.invoke(Jmx.ADMINISTRATION, "createUser", user, "Duo Push", "Law");
            Smartphones.enrollAndActivate(admin, user, "+1 555 014 " + mobile, "iPhone");
            integration = admin.createIntegration(unique("Duo SSH "));
            admin.set(Jmx.ADMINISTRATION, "VerifiedPush", false);
        }
        try {
            Duo duo = new Duo(integration, version);
            Answer started = duo.call("auth", "factor", "push", "username", user, "device", "auto", "async_txn", true,
                    "pushinfo", "from=ssh%20bastion&host=db1");
            String txid = started.get("txid");
            assertNotNull(txid, "async answers with a txid only: " + started.ok());
            assertEquals(1, started.response().size(), started.ok().toString());

            CompletableFuture<Answer> longPoll = inBackground(() -> duo.call("auth_status", "txid", txid));
            try (Browser browser = new Browser()) {
                browser.openPhone(base, user + " — iPhone (XXX-XXX-" + mobile + ")");
                By pushed = By.cssSelector("div.line.push[data-txid='" + txid + "'][data-state='pushed']");
                browser.await(pushed);
                assertTrue(browser.textOf(pushed).contains("from: ssh bastion, host: db1"), browser.textOf(pushed));
                browser.clickWhenReady(By.cssSelector("div.line.push[data-txid='" + txid + "'][data-state='pushed'] input.approve"));
                browser.await(By.cssSelector("div.line.push[data-txid='" + txid + "'][data-state='allow']"));
            }
            Answer status = longPoll.get(60, TimeUnit.SECONDS);
            // duo_client turns Duo's result into waiting/success
            Map<String, Object> now = status.response();
            if (Boolean.TRUE.equals(now.get("waiting"))) {
                now = duo.call("auth_status", "txid", txid).response();
            }
            assertEquals(Boolean.FALSE, now.get("waiting"), now.toString());
            assertEquals(Boolean.TRUE, now.get("success"), now.toString());
            assertEquals("allow", now.get("status"));
            assertEquals("Success. Logging you in...", now.get("status_msg"));

            Map<String, Object> unknown = duo.call("auth_status", "txid", "0123456789abcdef0123456789abcdef").failure(400, 40002);
            assertEquals("txid", unknown.get("message_detail"));
        } finally {
            try (Jmx admin = Jmx.admin()) {
                admin.set(Jmx.ADMINISTRATION, "VerifiedPush", true);
            }
        }
    }

    @Test
    void aPhoneCallAnsweredAndConfirmedOnTheVirtualPhoneLogsIn() throws Exception {
        String user = unique("dc");
        String desk = lastFour();
        String[] integration;
        try (Jmx admin = Jmx.admin()) {
            admin.invoke(Jmx.ADMINISTRATION, "createUser", user, "Duo Call", "Law");
            admin.invoke(Jmx.HELPDESK, "enrollLandline", user, "+1 410 708 " + desk, "12", "Desk");
            integration = admin.createIntegration(unique("Duo Call "));
        }
        Duo duo = new Duo(integration, 4);
        // a synchronous auth waits for the call's end, as Duo's does
        CompletableFuture<Answer> called = inBackground(() -> duo.call("auth", "factor", "phone", "username", user, "device", "auto"));
        try (Browser browser = new Browser()) {
            browser.openPhone(base, user + " — Desk (XXX-XXX-" + desk + ")");
            browser.clickWhenReady(By.cssSelector("div.line.call[data-state='calling'] input.answer"));
            browser.await(By.cssSelector("div.line.call[data-state='answered']"));
            assertFalse(called.isDone(), "auth waits until the call is confirmed");
            browser.clickWhenReady(By.cssSelector("div.line.call[data-state='answered'] input.key"));
            browser.await(By.cssSelector("div.line.call[data-state='allow']"));
        }
        Answer in = called.get(60, TimeUnit.SECONDS);
        assertEquals("allow", in.get("result"));
        assertEquals("allow", in.get("status"));
        assertEquals("Success. Logging you in...", in.get("status_msg"));
    }

    @ParameterizedTest(name = "signature version {0}")
    @ValueSource(ints = {2, 4})
    void smsSendsABatchWhoseCodesLogIn(int version) throws Exception {
        String user = unique("ds");
        String mobile = lastFour();
        String[] integration;
        try (Jmx admin = Jmx.admin()) {
            admin.invoke(Jmx.ADMINISTRATION, "createUser", user, "Duo Sms", "Law");
            admin.invoke(Jmx.HELPDESK, "enrollPhone", user, "+1 555 015 " + mobile, "Mobile");
            integration = admin.createIntegration(unique("Duo Mail "));
        }
        Duo duo = new Duo(integration, version);
        Answer sent = duo.call("auth", "factor", "sms", "username", user, "device", "auto");
        assertEquals("deny", sent.get("result"), "Duo answers deny for a texted batch");
        assertEquals("sent", sent.get("status"));
        assertTrue(sent.get("status_msg").matches("New SMS passcodes sent\\. Next SMS passcode starts with [0-9]\\."), sent.get("status_msg"));

        List<String> codes;
        try (Browser browser = new Browser()) {
            browser.openPhone(base, user + " — Mobile (XXX-XXX-" + mobile + ")");
            codes = browser.textedPasscodes();
            assertEquals(10, codes.size(), codes.toString());
        }
        assertTrue(sent.get("status_msg").endsWith("starts with " + codes.get(0).charAt(0) + "."), sent.get("status_msg") + " / " + codes);
        Answer preauth = duo.call("preauth", "username", user);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> devices = (List<Map<String, Object>>) preauth.response().get("devices");
        assertEquals(String.valueOf(codes.get(0).charAt(0)), devices.get(0).get("sms_nextcode"));
        assertEquals(List.of("auto", "sms", "phone"), devices.get(0).get("capabilities"), "a mobile phone without the app");

        Answer in = duo.call("auth", "factor", "passcode", "username", user, "passcode", codes.get(0));
        assertEquals("allow", in.get("result"));
        assertEquals("deny", duo.call("auth", "factor", "passcode", "username", user, "passcode", codes.get(0)).get("result"), "once");
    }

    // ---------------------------------------------------------------- enrollment

    /**
     * {@code enroll} as Duo's client calls it: a new user with a smartphone whose number Twofold does
     * not know, pending until its owner opens {@code activation_url} (here in Chromium), adds the
     * secret shown there to the app and types a first code; {@code enroll_status} follows it from
     * {@code waiting} to {@code success}, and the app's next code logs the new user in.
     */
    @ParameterizedTest(name = "signature version {0}")
    @ValueSource(ints = {2, 4})
    void enrollCreatesAUserWhoseSmartphoneItsOwnerActivatesByLinkAndThenLogsIn(int version) throws Exception {
        String user = unique("de");
        String[] integration;
        try (Jmx admin = Jmx.admin()) {
            integration = admin.createIntegration(unique("Duo Enroll "));
            admin.set(Jmx.ADMINISTRATION, "ApiEnrollment", true);
        }
        try {
            Duo duo = new Duo(integration, version);
            long before = Instant.now().getEpochSecond();
            Map<String, Object> enrolled = duo.call("enroll", "username", user, "valid_secs", 600).response();
            assertEquals(user, enrolled.get("username"));
            assertEquals(user, enrolled.get("user_id"), "Twofold's user_id is the username");
            String code = (String) enrolled.get("activation_code");
            String url = (String) enrolled.get("activation_url");
            assertTrue(url.endsWith("/activate?code=" + code), url);
            long expiration = ((Number) enrolled.get("expiration")).longValue();
            assertTrue(expiration >= before + 600 && expiration <= Instant.now().getEpochSecond() + 600, "valid 600 s: " + expiration);
            HttpResponse<String> barcode = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create((String) enrolled.get("activation_barcode")))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, barcode.statusCode(), enrolled.toString());
            assertTrue(barcode.headers().firstValue("Content-Type").orElse("").startsWith("image/svg+xml"), barcode.headers().toString());
            assertTrue(barcode.body().startsWith("<svg"), barcode.body());

            assertEquals("waiting", duo.call("enroll_status", "user_id", user, "activation_code", code).text());
            assertEquals("enroll", duo.call("preauth", "username", user).get("result"), "no active device yet");

            byte[] seed;
            long step;
            try (Browser browser = new Browser()) {
                browser.driver.get(url);
                seed = org.twofold.passcode.Base32.decode(browser.waitFor(By.id("secret")).getText().replace(" ", ""));
                step = org.twofold.passcode.Totp.step(Instant.now());
                browser.type(By.id("activate:code"), org.twofold.passcode.Totp.generate(seed, step, 6, org.twofold.passcode.OtpAlgorithm.SHA1));
                browser.submit(By.id("activate:submit"));
                browser.waitFor(By.id("activated"));
            }
            assertEquals("success", duo.call("enroll_status", "user_id", user, "activation_code", code).text());
            assertEquals("invalid", duo.call("enroll_status", "user_id", unique("other"), "activation_code", code).text(), "another user's code");
            assertEquals("invalid", duo.call("enroll_status", "user_id", user, "activation_code", code.substring(1) + "x").text());

            Map<String, Object> pre = duo.call("preauth", "username", user).response();
            assertEquals("auth", pre.get("result"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> devices = (List<Map<String, Object>>) pre.get("devices");
            assertEquals(List.of("auto", "push", "mobile_otp"), devices.get(0).get("capabilities"), "a smartphone without a number: push and passcodes");
            assertFalse(devices.get(0).containsKey("number"));
            Answer in = duo.call("auth", "factor", "passcode", "username", user,
                    "passcode", org.twofold.passcode.Totp.generate(seed, step + 1, 6, org.twofold.passcode.OtpAlgorithm.SHA1));
            assertEquals("allow", in.get("result"));

            try (Jmx admin = Jmx.admin()) {
                String trail = String.join("\n", admin.auditFor(user));
                String by = "integration:" + integration[0] + " ";
                assertTrue(trail.contains(by + "user.create " + user + " → done"), trail);
                assertTrue(trail.contains(by + "device.enroll " + user + " → done"), trail);
                assertTrue(trail.contains(by + "device.activationLink " + user + " → done (issued)"), trail);
                assertTrue(trail.contains("device.activate " + user + " → done"), trail);
                assertFalse(trail.contains(code), "the activation code is not in the audit trail");
            }
        } finally {
            try (Jmx admin = Jmx.admin()) {
                admin.set(Jmx.ADMINISTRATION, "ApiEnrollment", false);
            }
        }
    }

    @Test
    void enrollRefusesAnExistingUserABadValiditySecondsBypassCodesAndAnythingWhilePolicyForbidsItAsDuoDoesChangingNothing() throws Exception {
        String existing = unique("dx");
        String fresh = unique("dn");
        String[] integration;
        try (Jmx admin = Jmx.admin()) {
            admin.invoke(Jmx.ADMINISTRATION, "createUser", existing, "Duo Existing", "Law");
            Smartphones.enrollAndActivate(admin, existing, "+1 555 020 " + lastFour(), "iPhone");
            integration = admin.createIntegration(unique("Duo Enroll Bad "));
        }
        Duo duo = new Duo(integration, 4);
        Map<String, Object> off = duo.call("enroll", "username", fresh).failure(403, 40301);
        assertEquals("Access forbidden", off.get("message"), "ApiEnrollment is off by default");
        try (Jmx admin = Jmx.admin()) {
            admin.set(Jmx.ADMINISTRATION, "ApiEnrollment", true);
        }
        try {
            List<Answer> answers = duo.run(List.of(
                    Map.of("method", "enroll", "kwargs", Map.of("username", existing)),
                    Map.of("method", "enroll", "kwargs", Map.of("username", fresh, "valid_secs", 0)),
                    Map.of("method", "enroll", "kwargs", Map.of("username", fresh, "valid_secs", 86_401)),
                    Map.of("method", "enroll", "kwargs", Map.of("username", fresh, "bypass_codes", 2)),
                    Map.of("method", "enroll", "kwargs", Map.of("username", "not a name!")),
                    Map.of("method", "enroll", "kwargs", Map.of()),
                    Map.of("method", "enroll_status", "kwargs", Map.of("user_id", existing, "activation_code", ""))));
            assertEquals("username", answers.get(0).failure(400, 40002).get("message_detail"), "an existing username");
            assertEquals("valid_secs", answers.get(1).failure(400, 40002).get("message_detail"));
            assertEquals("valid_secs", answers.get(2).failure(400, 40002).get("message_detail"), "at most a day");
            assertEquals("bypass_codes", answers.get(3).failure(400, 40002).get("message_detail"));
            assertEquals("username", answers.get(4).failure(400, 40002).get("message_detail"));
            assertEquals("username", answers.get(5).failure(400, 40001).get("message_detail"));
            assertEquals("activation_code", answers.get(6).failure(400, 40001).get("message_detail"));
        } finally {
            try (Jmx admin = Jmx.admin()) {
                admin.set(Jmx.ADMINISTRATION, "ApiEnrollment", false);
            }
        }
        try (Jmx admin = Jmx.admin()) {
            assertEquals(0, ((String[]) admin.invoke(Jmx.HELPDESK, "findUsers", fresh)).length, "no user was created");
            assertEquals(1, ((String[]) admin.invoke(Jmx.HELPDESK, "listDevices", existing)).length, "the existing user got no device");
            String trail = trail(admin);
            String by = "integration:" + integration[0] + " ";
            assertTrue(trail.contains(by + "user.enroll → refused (not_permitted)"), trail);
            assertTrue(trail.contains(by + "user.create " + existing + " → refused (user_exists)"), trail);
            assertTrue(trail.contains(by + "user.enroll → refused (invalid_value)"), trail);
            assertTrue(trail.contains(by + "duo.enroll → refused (invalid_value)"), trail);
            assertTrue(trail.contains(by + "duo.enroll → refused (missing_field)"), trail);
            assertTrue(trail.contains(by + "duo.enroll_status → refused (missing_field)"), trail);
        }
    }

    // ---------------------------------------------------------------- Duo's Java client

    /**
     * One request made by Duo's Java client library ({@code com.duosecurity:duo-client}): built,
     * signed ({@code signRequest}, signature {@code version}) and sent by the library itself, over
     * HTTPS through {@link TlsTunnel}; answers the HTTP status and Duo's JSON envelope.
     */
    private record JavaAnswer(int status, JSONObject body) {
        JSONObject response() {
            assertEquals("OK", body.getString("stat"), body.toString());
            return body.getJSONObject("response");
        }

        JSONObject failure(int httpStatus, long code) {
            assertEquals(httpStatus, status, body.toString());
            assertEquals("FAIL", body.getString("stat"), body.toString());
            assertEquals(code, body.getLong("code"), body.toString());
            return body;
        }
    }

    private static JavaAnswer javaCall(TlsTunnel tunnel, String ikey, String skey, int version, String method, String path, String... params)
            throws Exception {
        String pin = tunnel.pin();
        Auth request = tunnel.trusting(() -> {
            Auth.AuthBuilder builder = new Auth.AuthBuilder(method, "localhost", path);
            builder.useCustomCertificates(new String[] {pin});
            return builder.build();
        });
        request.setProxy("127.0.0.1", tunnel.port());
        for (int i = 0; i < params.length; i += 2) {
            request.addParam(params[i], params[i + 1]);
        }
        request.signRequest(ikey, skey, version);
        try (okhttp3.Response response = request.executeHttpRequest()) {
            return new JavaAnswer(response.code(), new JSONObject(response.body().string()));
        }
    }

    @ParameterizedTest(name = "signature version {0}")
    @ValueSource(ints = {2, 5})
    void duosJavaClientChecksPreauthsAndLogsInWithATotpPasscodeOnce(int version) throws Exception {
        String user = unique("dj");
        String mobile = lastFour();
        Smartphones.App app;
        String[] integration;
        try (Jmx admin = Jmx.admin()) {
            admin.invoke(Jmx.ADMINISTRATION, "createUser", user, "Duo Java", "Law");
            app = Smartphones.enrollActivatedApp(admin, user, "+1 555 018 " + mobile, "iPhone");
            integration = admin.createIntegration(unique("Duo Java "));
        }
        String ikey = integration[0];
        String skey = integration[1];
        String code = app.nextCode();
        try (TlsTunnel tunnel = new TlsTunnel(base.getPort())) {
            long time = javaCall(tunnel, ikey, skey, version, "GET", "/auth/v2/check").response().getLong("time");
            assertTrue(Math.abs(time - Instant.now().getEpochSecond()) <= 2, "check answers the server's time: " + time);

            JSONObject pre = javaCall(tunnel, ikey, skey, version, "POST", "/auth/v2/preauth", "username", user, "ipaddr", "198.51.100.40").response();
            assertEquals("auth", pre.getString("result"));
            JSONObject phone = pre.getJSONArray("devices").getJSONObject(0);
            assertEquals("XXX-XXX-" + mobile, phone.getString("number"));
            assertEquals("iPhone", phone.getString("name"));

            JSONObject in = javaCall(tunnel, ikey, skey, version, "POST", "/auth/v2/auth", "username", user, "factor", "passcode", "passcode", code,
                    "ipaddr", "198.51.100.40").response();
            assertEquals("allow", in.getString("result"));
            assertEquals("allow", in.getString("status"));
            assertEquals("Success. Logging you in...", in.getString("status_msg"));
            JSONObject again = javaCall(tunnel, ikey, skey, version, "POST", "/auth/v2/auth", "username", user, "factor", "passcode", "passcode", code)
                    .response();
            assertEquals("deny", again.getString("result"), "a code is accepted once");
            assertEquals("Incorrect passcode. Please try again.", again.getString("status_msg"));

            JavaAnswer forged = javaCall(tunnel, ikey, skey + "x", version, "POST", "/auth/v2/auth", "username", user, "factor", "passcode",
                    "passcode", app.nextCode());
            assertEquals("Invalid signature in request credentials", forged.failure(401, 40103).getString("message"));
        }
        try (Jmx admin = Jmx.admin()) {
            String trail = String.join("\n", admin.auditFor(user));
            String by = "integration:" + ikey + " auth.passcode " + user;
            assertTrue(trail.contains(by + " → allow"), trail);
            assertTrue(trail.contains(by + " → deny (replayed_passcode)"), trail);
            assertEquals(2, trail.lines().filter(l -> l.contains(" auth.passcode ")).count(), "the forged request reached no user: " + trail);
            assertTrue(trail(admin).contains("integration:" + ikey + " integration.authenticate → refused (wrong_signature)"));
        }
    }

    @Test
    void duosJavaClientFollowsAnAsynchronousPushWithAuthStatusWhileItIsApprovedOnThePhone() throws Exception {
        String user = unique("dk");
        String mobile = lastFour();
        String[] integration;
        try (Jmx admin = Jmx.admin()) {
            admin.invoke(Jmx.ADMINISTRATION, "createUser", user, "Duo Java Push", "Law");
            Smartphones.enrollAndActivate(admin, user, "+1 555 019 " + mobile, "iPhone");
            integration = admin.createIntegration(unique("Duo Java Push "));
            admin.set(Jmx.ADMINISTRATION, "VerifiedPush", false);
        }
        try (TlsTunnel tunnel = new TlsTunnel(base.getPort())) {
            JSONObject started = javaCall(tunnel, integration[0], integration[1], 5, "POST", "/auth/v2/auth", "username", user, "factor", "push",
                    "device", "auto", "async", "1", "pushinfo", "from=java%20portal").response();
            String txid = started.getString("txid");
            assertEquals(1, started.length(), "async answers with a txid only: " + started);

            CompletableFuture<JavaAnswer> longPoll = inBackground(() -> javaCall(tunnel, integration[0], integration[1], 5, "GET", "/auth/v2/auth_status", "txid", txid));
            try (Browser browser = new Browser()) {
                browser.openPhone(base, user + " — iPhone (XXX-XXX-" + mobile + ")");
                By pushed = By.cssSelector("div.line.push[data-txid='" + txid + "'][data-state='pushed']");
                browser.await(pushed);
                assertTrue(browser.textOf(pushed).contains("from: java portal"), browser.textOf(pushed));
                browser.clickWhenReady(By.cssSelector("div.line.push[data-txid='" + txid + "'][data-state='pushed'] input.approve"));
                browser.await(By.cssSelector("div.line.push[data-txid='" + txid + "'][data-state='allow']"));
            }
            JSONObject now = longPoll.get(60, TimeUnit.SECONDS).response();
            if ("waiting".equals(now.getString("result"))) {
                // the long poll ended (it changed to pushed, or its 25 s passed) before the approval
                now = javaCall(tunnel, integration[0], integration[1], 5, "GET", "/auth/v2/auth_status", "txid", txid).response();
            }
            assertEquals("allow", now.getString("result"), now.toString());
            assertEquals("allow", now.getString("status"));
            assertEquals("Success. Logging you in...", now.getString("status_msg"));
        } finally {
            try (Jmx admin = Jmx.admin()) {
                admin.set(Jmx.ADMINISTRATION, "VerifiedPush", true);
            }
        }
        try (Jmx admin = Jmx.admin()) {
            String trail = String.join("\n", admin.auditFor(user));
            assertTrue(trail.contains("integration:" + integration[0] + " auth.push " + user), trail);
        }
    }

    // ---------------------------------------------------------------- refusals

    @ParameterizedTest(name = "signature version {0}")
    @ValueSource(ints = {2, 4})
    void aWrongSignatureAStaleDateAnUnknownKeyOrADisabledIntegrationIsRefusedAsDuoDoesAndChangesNothing(int version) throws Exception {
        String user = unique("dr");
        Smartphones.App app;
        String[] integration;
        String[] disabled;
        try (Jmx admin = Jmx.admin()) {
            admin.invoke(Jmx.ADMINISTRATION, "createUser", user, "Duo Refusals", "Law");
            app = Smartphones.enrollActivatedApp(admin, user, "+1 555 016 " + lastFour(), "iPhone");
            integration = admin.createIntegration(unique("Duo Ok "));
            disabled = admin.createIntegration(unique("Duo Off "));
            admin.invoke(Jmx.ADMINISTRATION, "disableIntegration", disabled[0]);
        }
        String code = app.nextCode();
        Object[] login = {"factor", "passcode", "username", user, "passcode", code};

        Map<String, Object> wrongSecret = new Duo(integration[0], integration[1] + "x", version, 0).call("auth", login).failure(401, 40103);
        assertEquals("Invalid signature in request credentials", wrongSecret.get("message"));
        new Duo(integration[0], integration[1], version, -600).call("auth", login).failure(401, 40103);
        new Duo(integration[0], integration[1], version, 600).call("auth", login).failure(401, 40103);
        new Duo("DI" + unique("NOKEY").toUpperCase(), integration[1], version, 0).call("auth", login).failure(401, 40103);
        new Duo(disabled, version).call("auth", login).failure(401, 40103);

        Answer still = new Duo(integration, version).call("auth", login);
        assertEquals("allow", still.get("result"), "no refused request used the code");

        HttpResponse<String> unsigned = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "auth/v2/check")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, unsigned.statusCode());
        Map<String, Object> refused = JSON.toType(unsigned.body(), Map.class);
        assertEquals(40101L, ((Number) refused.get("code")).longValue(), unsigned.body());

        try (Jmx admin = Jmx.admin()) {
            String trail = trail(admin);
            String by = " integration.authenticate → refused ";
            assertTrue(trail.contains("integration:" + integration[0] + by + "(wrong_signature)"), trail);
            assertTrue(trail.contains("integration:" + integration[0] + by + "(stale_date)"), trail);
            assertTrue(trail.contains(by + "(unknown_integration)"), trail);
            assertTrue(trail.contains("integration:" + disabled[0] + by + "(integration_disabled)"), trail);
            assertTrue(trail.contains("integration:?" + by + "(no_credentials)"), trail);
            String mine = String.join("\n", admin.auditFor(user));
            assertEquals(1, mine.lines().filter(l -> l.contains("integration:") && l.contains(" auth.passcode ")).count(), "only the signed request reached the user: " + mine);
        }
    }

    @ParameterizedTest(name = "signature version {0}")
    @ValueSource(ints = {2, 4})
    void anUnknownUserAndMalformedParametersAreDuosInvalidParametersAndAudited(int version) throws Exception {
        String user = unique("dm");
        String[] integration;
        try (Jmx admin = Jmx.admin()) {
            admin.invoke(Jmx.ADMINISTRATION, "createUser", user, "Duo Malformed", "Law");
            Smartphones.enrollAndActivate(admin, user, "+1 555 017 " + lastFour(), "iPhone");
            integration = admin.createIntegration(unique("Duo Bad "));
        }
        Duo duo = new Duo(integration, version);
        String stranger = unique("nobody");
        List<Answer> answers = duo.run(List.of(
                Map.of("method", "preauth", "kwargs", Map.of("username", stranger)),
                Map.of("method", "auth", "kwargs", Map.of("factor", "passcode", "username", stranger, "passcode", "123456")),
                Map.of("method", "auth", "kwargs", Map.of("factor", "telepathy", "username", user)),
                Map.of("method", "auth", "kwargs", Map.of("factor", "push")),
                Map.of("method", "auth", "kwargs", Map.of("factor", "passcode", "username", user)),
                Map.of("method", "auth", "kwargs", Map.of("factor", "push", "username", user, "ipaddr", "evil.example.com")),
                Map.of("method", "preauth", "kwargs", Map.of("user_id", "DU0123456789"))));
        assertEquals("username", answers.get(0).failure(400, 40002).get("message_detail"), "an unknown user (preauth)");
        assertEquals("username", answers.get(1).failure(400, 40002).get("message_detail"), "an unknown user (auth)");
        assertEquals("factor", answers.get(2).failure(400, 40002).get("message_detail"));
        assertEquals("username", answers.get(3).failure(400, 40001).get("message_detail"));
        assertEquals("passcode", answers.get(4).failure(400, 40001).get("message_detail"));
        assertEquals("ipaddr", answers.get(5).failure(400, 40002).get("message_detail"));
        assertEquals("user_id", answers.get(6).failure(400, 40002).get("message_detail"), "Twofold knows users by name only");

        try (Jmx admin = Jmx.admin()) {
            String trail = trail(admin);
            String by = "integration:" + integration[0] + " ";
            assertTrue(trail.contains(by + "duo.auth → refused (invalid_value)"), trail);
            assertTrue(trail.contains(by + "duo.auth → refused (missing_field)"), trail);
            assertTrue(trail.contains(by + "auth.passcode → refused (missing_field)"), trail);
            assertTrue(trail.contains(by + "duo.preauth → refused (invalid_value)"), trail);
            assertTrue(trail.contains(stranger), "the unknown user's refusals are on the record: " + trail);
            String mine = String.join("\n", admin.auditFor(user));
            assertFalse(mine.contains("auth.push"), "no push was sent for a refused request: " + mine);
        }
    }

    /**
     * The integration's request rate is one budget for both doors: spent over SOAP, the Duo API is
     * refused too (Duo's 429, code 42901), and the first refusal is audited. Signed here in Java
     * (version 2, HMAC-SHA1, the host without its port, {@code X-Duo-Date}), as duo_client would back off and retry a 429
     * for a minute before reporting it.
     */
    @Test
    void theIntegrationsRateIsSharedWithItsSoapUse() throws Exception {
        String[] integration;
        try (Jmx admin = Jmx.admin()) {
            integration = admin.createIntegration(unique("Duo Busy "));
        }
        assertEquals(200, signedCheck(integration).statusCode(), "a request signed here is accepted");
        org.twofold.ws.contract.AuthServicePortType soap = SoapClient.as(base, integration[0], integration[1]);
        org.twofold.ws.contract.AuthFault refused = null;
        int passed = 0;
        for (int i = 0; i < 300 && refused == null; i++) {
            try {
                soap.check(new org.twofold.ws.contract.Check());
                passed++;
            } catch (org.twofold.ws.contract.AuthFault e) {
                refused = e;
            }
        }
        assertNotNull(refused, "SOAP was refused after " + passed + " requests");
        assertEquals(429, refused.getFaultInfo().getCode());
        HttpResponse<String> duo = signedCheck(integration);
        assertEquals(429, duo.statusCode(), duo.body());
        Map<String, Object> body = JSON.toType(duo.body(), Map.class);
        assertEquals("FAIL", body.get("stat"));
        assertEquals(42901L, ((Number) body.get("code")).longValue(), duo.body());
        try (Jmx admin = Jmx.admin()) {
            assertTrue(trail(admin).contains("integration:" + integration[0] + " integration.rate → refused (too_many_requests)"));
        }
    }

    /**
     * {@code GET /auth/v2/check} signed as Duo's clients sign it (version 2, HMAC-SHA1, HTTP/1.1), for
     * the server's host name without the port; the date goes in {@code X-Duo-Date} (Java's HTTP client
     * may not set {@code Date}).
     */
    private HttpResponse<String> signedCheck(String[] integration) throws Exception {
        String date = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC));
        String canonical = String.join("\n", date, "GET", base.getHost().toLowerCase(java.util.Locale.ROOT), "/auth/v2/check", "");
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
        mac.init(new javax.crypto.spec.SecretKeySpec(integration[1].getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String signature = java.util.HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        String basic = java.util.Base64.getEncoder().encodeToString((integration[0] + ":" + signature).getBytes(StandardCharsets.UTF_8));
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create(base + "auth/v2/check"))
                .header("X-Duo-Date", date).header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.ofString());
    }
}
