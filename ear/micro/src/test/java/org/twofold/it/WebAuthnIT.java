package org.twofold.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twofold.it.Fixtures.codeNow;
import static org.twofold.it.Fixtures.newSeed;
import static org.twofold.it.Fixtures.unique;

import java.net.URL;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import org.twofold.passcode.Base32;
import org.twofold.passcode.OtpAlgorithm;
import org.twofold.passcode.Totp;

/**
 * Security keys and passkeys (WebAuthn) end to end, in headless Chromium with virtual authenticators
 * (the Chrome DevTools WebAuthn domain, through Selenium's {@link HasVirtualAuthenticator}): a
 * person registers a passkey in the portal and logs in with password and passkey; a key that is
 * not the registered one, and a clone of the registered one whose signature counter went back,
 * are refused and audited. The pages are opened at {@code http://localhost}: WebAuthn needs a
 * secure context, and the server's public URL (the relying party) is {@code http://localhost:<port>/}.
 */
@ExtendWith(ArquillianExtension.class)
class WebAuthnIT {
    private static final String PASSWORD = "webauthn-password-1";
    private static final String RP_ID = "localhost";
    private static final String KEY_FAILED = "Your security key or passkey was not accepted. Try again or use another method.";

    @ArquillianResource
    private URL base;

    /** The browsers this test opened; closed after it, photographed first if it failed. */
    @RegisterExtension
    final Browsers browsers = new Browsers();

    @Deployment(testable = false)
    static WebArchive twofold() {
        return Fixtures.war();
    }

    private Browser browser() {
        return browsers.open();
    }

    /** The pages by the loopback name, which browsers treat as a secure context (and which is the relying party). */
    private String local() {
        return "http://localhost:" + base.getPort() + "/";
    }

    /** A user with a password and a TOTP hardware token (seed returned). */
    private static byte[] provision(String username) throws Exception {
        byte[] seed = newSeed();
        try (Jmx admin = Jmx.admin()) {
            admin.invoke(Jmx.ADMINISTRATION, "createUser", username, "Test " + username, "Central Administration");
            admin.invoke(Jmx.ADMINISTRATION, "setUserPassword", username, PASSWORD);
            admin.invoke(Jmx.ADMINISTRATION, "importToken", "TOK-" + username, "totp", Base32.encode(seed), 6);
            admin.invoke(Jmx.ADMINISTRATION, "assignToken", username, "TOK-" + username);
        }
        return seed;
    }

    private static String trail(String username) throws Exception {
        try (Jmx admin = Jmx.admin()) {
            return String.join("\n", (String[]) admin.invoke(Jmx.HELPDESK, "recentAuthentications", username, 100));
        }
    }

    /** A CTAP2 platform authenticator with resident keys and user verification (a passkey), attached to the browser. */
    private static VirtualAuthenticator authenticator(Browser browser) {
        return ((HasVirtualAuthenticator) browser.driver).addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true)
                .setIsUserConsenting(true));
    }

    private void password(Browser browser, String username) {
        browser.driver.get(local());
        browser.type(By.id("login:username"), username);
        browser.type(By.id("login:password"), PASSWORD);
        browser.submit(By.id("login:submit"));
    }

    /** Password, then "Use a security key": the page asks the browser, which asks the authenticator, and posts its answer. */
    private void passwordAndKey(Browser browser, String username) {
        password(browser, username);
        browser.submit(By.id("prompt:securityKey"));
    }

    /** Logs in with password and TOTP code, adds a passkey named {@code name} in the portal, logs out. */
    private void registerPasskey(Browser browser, String username, byte[] seed, String name) {
        password(browser, username);
        browser.type(By.id("prompt:passcode"), codeNow(seed));
        browser.submit(By.id("prompt:verify"));
        browser.waitFor(By.id("success"));
        browser.driver.get(local() + "portal");
        browser.type(By.id("key:name"), name);
        browser.submit(By.id("key:begin"));
        assertEquals("Added " + name + ".", browser.waitForText(By.id("messages"), t -> !t.isBlank()));
        assertTrue(browser.textOf(By.cssSelector("tr.device[data-name='" + name + "'] .kind")).contains("Security key or passkey"));
        browser.submit(By.id("session:logout"));
    }

    @Test
    void registersAPasskeyInThePortalAndLogsInWithPasswordAndPasskey() throws Exception {
        String user = unique("wa");
        byte[] seed = provision(user);
        Browser browser = browser();
        VirtualAuthenticator passkey = authenticator(browser);
        registerPasskey(browser, user, seed, "Laptop passkey");
        assertEquals(1, passkey.getCredentials().size(), "the authenticator holds the new credential");
        assertEquals(RP_ID, passkey.getCredentials().get(0).getRpId());

        passwordAndKey(browser, user);
        browser.waitFor(By.id("success"));
        browser.driver.get(local() + "portal");
        assertTrue(browser.waitFor(By.id("logins")).getText().contains("auth.securityKey"), "the login shows in the person's own history");

        String trail = trail(user);
        assertTrue(trail.contains("device.enroll " + user + " → done"), trail);
        assertTrue(trail.contains("auth.securityKey " + user + " → allow"), trail);
        browser.submit(By.id("session:logout"));

        // The help desk lists the key as a device and disables it like any other: the prompt then offers it no more.
        String key;
        try (Jmx admin = Jmx.admin()) {
            key = List.of((String[]) admin.invoke(Jmx.HELPDESK, "listDevices", user)).stream()
                    .filter(d -> d.contains(" security_key 'Laptop passkey' active")).findFirst().orElseThrow(() -> new AssertionError("not listed"));
            admin.invoke(Jmx.HELPDESK, "disableDevice", user, Long.parseLong(key.split(" ")[0]));
        }
        password(browser, user);
        browser.waitFor(By.id("prompt:passcode"));
        assertTrue(browser.driver.findElements(By.id("prompt:securityKey")).isEmpty(), "a disabled key is not offered");

        // The person removes it in the portal, credential and all; the authenticator may then be added again.
        // (The token's code of the next step: the code of this step may already have been used to register.)
        browser.type(By.id("prompt:passcode"), Totp.generate(seed, Totp.step(Instant.now()) + 1, 6, OtpAlgorithm.SHA1));
        browser.submit(By.id("prompt:verify"));
        browser.waitFor(By.id("success"));
        browser.driver.get(local() + "portal");
        browser.submit(By.cssSelector("tr.device[data-name='Laptop passkey'] input.remove"));
        browser.awaitAbsent(By.cssSelector("tr.device[data-name='Laptop passkey']"));
        assertTrue(trail(user).contains("device.remove " + user + " → done"), "removal audited");
        browser.type(By.id("key:name"), "Laptop passkey again");
        browser.submit(By.id("key:begin"));
        assertEquals("Added Laptop passkey again.", browser.waitForText(By.id("messages"), t -> !t.isBlank()));
    }

    @Test
    void anotherKeyForTheSameCredentialIsRefusedAndAudited() throws Exception {
        String user = unique("wb");
        byte[] seed = provision(user);
        Browser browser = browser();
        VirtualAuthenticator registered = authenticator(browser);
        registerPasskey(browser, user, seed, "Key A");
        Credential original = registered.getCredentials().get(0);
        ((HasVirtualAuthenticator) browser.driver).removeVirtualAuthenticator(registered);

        // A second authenticator that answers for the registered credential id, with a key of its own.
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        PKCS8EncodedKeySpec otherKey = new PKCS8EncodedKeySpec(generator.generateKeyPair().getPrivate().getEncoded());
        VirtualAuthenticator impostor = authenticator(browser);
        impostor.addCredential(Credential.createResidentCredential(original.getId(), RP_ID, otherKey, original.getUserHandle(), 1000));

        passwordAndKey(browser, user);
        assertEquals(KEY_FAILED, browser.waitForText(By.id("messages"), t -> !t.isBlank()));
        assertFalse(browser.driver.findElements(By.id("prompt:securityKey")).isEmpty(), "still on the prompt, not logged in");
        assertTrue(browser.driver.findElements(By.id("success")).isEmpty());
        String trail = trail(user);
        assertTrue(trail.contains("auth.securityKey " + user + " → deny (bad_signature)"), trail);
    }

    @Test
    void clonedCredentialWhoseCounterWentBackIsRefusedAndAudited() throws Exception {
        String user = unique("wc");
        byte[] seed = provision(user);
        Browser browser = browser();
        VirtualAuthenticator registered = authenticator(browser);
        registerPasskey(browser, user, seed, "Key C");
        passwordAndKey(browser, user);
        browser.waitFor(By.id("success"));
        Credential used = registered.getCredentials().get(0);
        assertTrue(used.getSignCount() >= 1, "the authenticator counted its signatures: " + used.getSignCount());
        HasVirtualAuthenticator webauthn = (HasVirtualAuthenticator) browser.driver;
        webauthn.removeVirtualAuthenticator(registered);
        browser.driver.manage().deleteAllCookies();

        // The same private key copied into another authenticator whose counter is behind the original's.
        VirtualAuthenticator clone = authenticator(browser);
        clone.addCredential(Credential.createResidentCredential(used.getId(), RP_ID, used.getPrivateKey(), used.getUserHandle(), 0));
        passwordAndKey(browser, user);
        assertEquals(KEY_FAILED, browser.waitForText(By.id("messages"), t -> !t.isBlank()));
        assertTrue(browser.driver.findElements(By.id("success")).isEmpty(), "not logged in");
        String trail = trail(user);
        assertTrue(trail.contains("auth.securityKey " + user + " → deny (cloned_key)"), trail);
        assertTrue(trail.contains("did not move past " + used.getSignCount()), trail);

        // The original, with its own counter, still works: the refusal was the counter going back.
        webauthn.removeVirtualAuthenticator(clone);
        VirtualAuthenticator original = authenticator(browser);
        original.addCredential(Credential.createResidentCredential(used.getId(), RP_ID, used.getPrivateKey(), used.getUserHandle(), used.getSignCount()));
        browser.driver.manage().deleteAllCookies();
        passwordAndKey(browser, user);
        browser.waitFor(By.id("success"));
    }

    @Test
    void aNewUserAddsAPasskeyAsTheirFirstDeviceOnThePromptAndLogsInWithIt() throws Exception {
        String user = unique("wn");
        try (Jmx admin = Jmx.admin()) {
            admin.invoke(Jmx.ADMINISTRATION, "createUser", user, "Test " + user, "Central Administration");
            admin.invoke(Jmx.ADMINISTRATION, "setUserPassword", user, PASSWORD);
        }
        Browser browser = browser();
        VirtualAuthenticator passkey = authenticator(browser);
        password(browser, user);
        assertEquals("Add a device to log in", browser.waitFor(By.tagName("h1")).getText());
        new Select(browser.waitFor(By.id("enroll:kind"))).selectByVisibleText("Security key or passkey");
        browser.submit(By.id("enroll:begin"));
        browser.waitFor(By.id("success"));
        assertEquals(1, passkey.getCredentials().size(), "the authenticator holds the new credential");
        String trail = trail(user);
        assertTrue(trail.contains("auth.newUser " + user + " → enroll"), trail);
        assertTrue(trail.contains("device.enroll " + user + " → done"), trail);
        assertTrue(trail.contains("auth.newUser " + user + " → allow"), trail);
        browser.driver.get(local() + "portal");
        browser.submit(By.id("session:logout"));

        // the next login asks for the key as the second factor, and no first device any more
        passwordAndKey(browser, user);
        browser.waitFor(By.id("success"));
        assertTrue(trail(user).contains("auth.securityKey " + user + " → allow"), trail(user));
    }

    @Test
    void withPasswordlessOnAPasskeyLogsInWithoutUsernameOrPasswordAndOffIsNotOffered() throws Exception {
        String user = unique("wp");
        byte[] seed = provision(user);
        Browser browser = browser();
        VirtualAuthenticator passkey = authenticator(browser);
        registerPasskey(browser, user, seed, "Phone passkey");
        assertTrue(passkey.getCredentials().get(0).isResidentCredential(), "a discoverable credential");

        browser.driver.get(local());
        browser.waitFor(By.id("login:username"));
        assertTrue(browser.driver.findElements(By.id("passkey:begin")).isEmpty(), "off by default: not offered");
        try {
            try (Jmx admin = Jmx.admin()) {
                admin.set(Jmx.ADMINISTRATION, "Passwordless", true);
            }
            browser.driver.get(local());
            browser.submit(By.id("passkey:begin"));
            browser.waitFor(By.id("success"));
            assertTrue(browser.textOf(By.id("done")).contains("You are logged in as " + user + "."), browser.textOf(By.id("done")));
            String trail = trail(user);
            assertTrue(trail.contains("auth.securityKey " + user + " → allow"), trail);
            assertTrue(trail.contains("passwordless, device "), trail);
            browser.driver.get(local() + "portal");
            browser.submit(By.id("session:logout"));

            // the help desk disables the key: the passkey still answers, and is refused
            try (Jmx admin = Jmx.admin()) {
                String key = List.of((String[]) admin.invoke(Jmx.HELPDESK, "listDevices", user)).stream()
                        .filter(d -> d.contains(" security_key 'Phone passkey' active")).findFirst().orElseThrow(() -> new AssertionError("not listed"));
                admin.invoke(Jmx.HELPDESK, "disableDevice", user, Long.parseLong(key.split(" ")[0]));
            }
            browser.driver.get(local());
            browser.submit(By.id("passkey:begin"));
            assertEquals(KEY_FAILED, browser.waitForText(By.id("messages"), t -> !t.isBlank()));
            assertTrue(browser.driver.findElements(By.id("success")).isEmpty(), "not logged in");
            try (Jmx admin = Jmx.admin()) {
                String recent = String.join("\n", admin.recentAudit());
                assertTrue(recent.contains("auth.securityKey → refused (unknown_credential)") || recent.contains("(unknown_credential)"), recent);
            }
        } finally {
            try (Jmx admin = Jmx.admin()) {
                admin.set(Jmx.ADMINISTRATION, "Passwordless", false);
            }
        }
    }

    @Test
    void withAnAllowListOfAuthenticatorModelsAKeyOfAnotherModelIsRefusedAndAListedOneAdded() throws Exception {
        String user = unique("wm");
        byte[] seed = provision(user);
        Browser browser = browser();
        authenticator(browser);
        password(browser, user);
        browser.type(By.id("prompt:passcode"), codeNow(seed));
        browser.submit(By.id("prompt:verify"));
        browser.waitFor(By.id("success"));
        browser.driver.get(local() + "portal");
        try {
            try (Jmx admin = Jmx.admin()) {
                admin.set(Jmx.ADMINISTRATION, "SecurityKeyModels", "cb69481e-8ff7-4039-93ec-0a2729a154a8");
            }
            browser.type(By.id("key:name"), "Unlisted key");
            browser.submit(By.id("key:begin"));
            assertEquals("The security key or passkey could not be verified (or it is already added). Nothing was changed.",
                    browser.waitForText(By.id("messages"), t -> !t.isBlank()));
            assertTrue(browser.driver.findElements(By.cssSelector("tr.device[data-name='Unlisted key']")).isEmpty(), "not added");
            String trail = trail(user);
            java.util.regex.Matcher model = java.util.regex.Pattern.compile("\\(model_not_allowed\\).*authenticator ([0-9a-f-]{36}) is not in SecurityKeyModels")
                    .matcher(trail);
            assertTrue(model.find(), trail);

            // the model this authenticator reported, listed: the same key is added
            try (Jmx admin = Jmx.admin()) {
                admin.set(Jmx.ADMINISTRATION, "SecurityKeyModels", "cb69481e-8ff7-4039-93ec-0a2729a154a8, " + model.group(1));
            }
            browser.type(By.id("key:name"), "Listed key");
            browser.submit(By.id("key:begin"));
            assertEquals("Added Listed key.", browser.waitForText(By.id("messages"), t -> !t.isBlank()));
        } finally {
            try (Jmx admin = Jmx.admin()) {
                admin.set(Jmx.ADMINISTRATION, "SecurityKeyModels", "");
            }
        }
    }

    /** The activation link in what the help desk's operation answered. */
    private static String linkIn(String answer) {
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("(https?://\\S+/activate\\?code=[A-Za-z0-9_-]+)").matcher(answer);
        assertTrue(link.find(), answer);
        return link.group(1);
    }

    private static String devices(Jmx admin, String user) throws Exception {
        return String.join("\n", (String[]) admin.invoke(Jmx.HELPDESK, "listDevices", user));
    }

    private static String consoleMessage(Exception e) {
        return String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
    }

    /**
     * A Duo Auth API v2 {@code preauth} as Duo's clients sign it (signature version 2: HMAC-SHA1
     * over date, method, host, path and parameters), over the page port.
     */
    private String duoPreauth(String ikey, String skey, String username) throws Exception {
        String date = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC));
        String params = "username=" + java.net.URLEncoder.encode(username, java.nio.charset.StandardCharsets.UTF_8);
        String canonical = String.join("\n", date, "POST", "localhost", "/auth/v2/preauth", params);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
        mac.init(new javax.crypto.spec.SecretKeySpec(skey.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA1"));
        String signature = java.util.HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        String basic = java.util.Base64.getEncoder().encodeToString((ikey + ":" + signature).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                        .newBuilder(java.net.URI.create(local() + "auth/v2/preauth")).header("Date", date).header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded").POST(java.net.http.HttpRequest.BodyPublishers.ofString(params)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return answer.body();
    }

    /**
     * The help desk fulfils an approved hardware-token request with a security key: the link it
     * gets (refused before the approval) offers only a security key, whose registration in the
     * browser uses the approval up (a token can no longer be assigned against it) and spends the
     * link. That user, whose only device is the key, is then told by SOAP and the Duo API that
     * their key works only on the web login page (deny, no security-key capability), while the
     * pages offer "Use a security key" and log them in with it.
     */
    @Test
    void theHelpDeskFulfilsAnApprovedTokenRequestWithASecurityKeyThatWorksOnThePagesAndNotOverApiDoors() throws Exception {
        String department = unique("Library ");
        String approver = unique("wa");
        String user = unique("wt");
        byte[] approverSeed = newSeed();
        String[] integration;
        try (Jmx admin = Jmx.admin()) {
            admin.invoke(Jmx.ADMINISTRATION, "createUser", approver, "Test " + approver, department);
            admin.invoke(Jmx.ADMINISTRATION, "setUserPassword", approver, PASSWORD);
            admin.invoke(Jmx.ADMINISTRATION, "importToken", "TOK-" + approver, "totp", Base32.encode(approverSeed), 6);
            admin.invoke(Jmx.ADMINISTRATION, "assignToken", approver, "TOK-" + approver);
            admin.invoke(Jmx.ADMINISTRATION, "createDepartment", department, approver);
            admin.invoke(Jmx.ADMINISTRATION, "createUser", user, "Test " + user, department);
            admin.invoke(Jmx.ADMINISTRATION, "setUserPassword", user, PASSWORD);
            admin.invoke(Jmx.HELPDESK, "requestHardwareToken", user);
            Exception early = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> admin.invoke(Jmx.HELPDESK, "issueSecurityKeyLink", user));
            assertTrue(consoleMessage(early).contains("TOKEN_NOT_APPROVED"), consoleMessage(early));
            integration = admin.createIntegration(unique("Key VPN "));
        }
        Browser approving = browser();
        password(approving, approver);
        approving.type(By.id("prompt:passcode"), codeNow(approverSeed));
        approving.submit(By.id("prompt:verify"));
        approving.waitFor(By.id("success"));
        approving.driver.get(local() + "portal");
        approving.submit(By.cssSelector("li.approval[data-user='" + user + "'] input.approve"));
        assertEquals("Approved the request of " + user + ".", approving.waitForText(By.id("messages"), t -> !t.isBlank()));

        String link;
        try (Jmx admin = Jmx.admin()) {
            String issued = (String) admin.invoke(Jmx.HELPDESK, "issueSecurityKeyLink", user);
            assertTrue(issued.startsWith("Security-key link for " + user), issued);
            link = linkIn(issued);
            assertTrue(devices(admin, user).contains("security_key 'Security key' pending"), devices(admin, user));
        }
        Browser browser = browser();
        VirtualAuthenticator key = authenticator(browser);
        browser.driver.get(link);
        assertEquals("Add a device", browser.waitFor(By.tagName("h1")).getText());
        List<String> kinds = new Select(browser.waitFor(By.id("enroll:kind"))).getOptions().stream().map(o -> o.getText()).toList();
        assertEquals(List.of("Security key or passkey"), kinds, "a security-key link adds a security key only");
        assertTrue(browser.driver.findElements(By.id("enroll:number")).isEmpty(), "no number to type");
        browser.submit(By.id("enroll:begin"));
        assertEquals("Your device is activated. You can now log in with it.", browser.waitFor(By.id("activated")).getText());
        assertEquals(1, key.getCredentials().size());
        browser.driver.get(link);
        assertTrue(browser.waitFor(By.id("invalidText")).getText().startsWith("This activation link is not valid, already used or expired."));

        try (Jmx admin = Jmx.admin()) {
            String devices = devices(admin, user);
            assertTrue(devices.contains("security_key 'Security key' active"), devices);
            assertFalse(devices.contains("pending"), "the waiting device was replaced by the registered key: " + devices);
            String serial = unique("FOB-");
            admin.invoke(Jmx.ADMINISTRATION, "importToken", serial, "hotp", Base32.encode(newSeed()), 6);
            Exception used = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> admin.invoke(Jmx.HELPDESK, "assignHardwareToken", user, serial));
            assertTrue(consoleMessage(used).contains("TOKEN_NOT_APPROVED"), "the key used the approval up: " + used);
            String trail = String.join("\n", admin.auditFor(user));
            assertTrue(trail.contains("token.request " + user + " → done (fulfilled)") && trail.contains("security key, device"), trail);
            assertTrue(trail.contains("device.activationLink " + user + " → done (used)"), trail);
            assertTrue(trail.contains("token.assign " + user + " → refused (not_approved)"), trail);
        }

        // SOAP and the Duo API cannot run a security key: deny, and no device offered
        org.twofold.ws.contract.Preauth ask = new org.twofold.ws.contract.Preauth();
        ask.setUsername(user);
        org.twofold.ws.contract.PreauthResponse soap = SoapClient.as(base, integration[0], integration[1]).preauth(ask);
        String browserOnly = "This user's only devices are security keys or passkeys, which work only on the web login page. "
                + "Log in there, or add another device in My Settings & Devices.";
        assertEquals(org.twofold.ws.contract.PreauthResult.DENY, soap.getResult());
        assertEquals(browserOnly, soap.getStatusMessage());
        assertTrue(soap.getDevices() == null || soap.getDevices().getDevice().isEmpty(), "no device listed");
        String duo = duoPreauth(integration[0], integration[1], user);
        assertTrue(duo.contains("\"result\":\"deny\"") && duo.contains(browserOnly), duo);
        assertFalse(duo.contains("webauthn") || duo.contains("\"devices\""), duo);

        // the pages can: "Use a security key" is offered and logs the user in
        password(browser, user);
        assertTrue(browser.waitFor(By.id("prompt:securityKey")).isDisplayed(), "the prompt offers the key");
        browser.submit(By.id("prompt:securityKey"));
        browser.waitFor(By.id("success"));
        assertTrue(trail(user).contains("auth.securityKey " + user + " → allow"), trail(user));
    }

    /** The help desk's smartphone link serves first-login enrollment's chooser: a passkey instead of the app, and the link is spent. */
    @Test
    void aSmartphonesActivationLinkAddsAPasskeyInsteadThroughTheFirstLoginChooser() throws Exception {
        String user = unique("wl");
        String link;
        try (Jmx admin = Jmx.admin()) {
            admin.invoke(Jmx.ADMINISTRATION, "createUser", user, "Test " + user, "Central Administration");
            admin.invoke(Jmx.ADMINISTRATION, "setUserPassword", user, PASSWORD);
            link = linkIn((String) admin.invoke(Jmx.HELPDESK, "enrollSmartphone", user, "+1 555 010 " + Fixtures.lastFour(), "iPhone"));
        }
        Browser browser = browser();
        VirtualAuthenticator passkey = authenticator(browser);
        browser.driver.get(link);
        assertEquals("Activate your smartphone", browser.waitFor(By.tagName("h1")).getText());
        browser.submit(By.id("activate:choose"));
        new Select(browser.waitFor(By.id("enroll:kind"))).selectByVisibleText("Security key or passkey");
        browser.submit(By.id("enroll:begin"));
        assertEquals("Your device is activated. You can now log in with it.", browser.waitFor(By.id("activated")).getText());
        assertEquals(1, passkey.getCredentials().size());
        try (Jmx admin = Jmx.admin()) {
            String devices = devices(admin, user);
            assertTrue(devices.contains("security_key 'Security key' active"), devices);
            assertFalse(devices.contains("smartphone"), "the smartphone the link was issued with is gone: " + devices);
        }
        browser.driver.get(link);
        assertTrue(browser.waitFor(By.id("invalidText")).getText().startsWith("This activation link is not valid, already used or expired."));
        passwordAndKey(browser, user);
        browser.waitFor(By.id("success"));
    }
}
