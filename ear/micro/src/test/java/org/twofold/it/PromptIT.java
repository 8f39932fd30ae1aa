package org.twofold.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twofold.it.Fixtures.codeNow;
import static org.twofold.it.Fixtures.lastFour;
import static org.twofold.it.Fixtures.unique;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The login prompt in headless Chromium on the assembled WAR, driving the flows of the reference
 * help pages: a push approved on the virtual phone, a call answered with a key press, texted
 * passcodes with the next-code hint, an app passcode, remember-me, Cancel, factors offered by
 * device and policy, the hosted prompt with the demo application, /help, and the page security.
 * A second browser plays the user's phone at /phone while the prompt waits; the prompt's status
 * bar must follow without a reload. Users are made over JMX with unique names.
 */
@ExtendWith(ArquillianExtension.class)
class PromptIT {
    private static final String PASSWORD = "correct-horse-battery";
    // The server tries the HTTP carrier first (arquillian.xml): TwofoldIT's stub refuses these numbers,
    // and without it the connection is refused; either way texts and calls fail over to the virtual phones.

    @RegisterExtension
    final ScreenshotOnFailure screenshots = new ScreenshotOnFailure();

    @ArquillianResource
    private URL base;

    private Browser browser;
    private Browser phone;

    @Deployment(testable = false)
    static WebArchive twofold() {
        return Fixtures.war();
    }

    @BeforeEach
    void openBrowser() {
        browser = new Browser();
        screenshots.watch("prompt", browser.driver);
    }

    @AfterEach
    void closeBrowsers() {
        browser.close();
        if (phone != null) {
            phone.close();
        }
    }

    /** A second browser at /phone showing the virtual phone labelled {@code label}. */
    private Browser phone(String label) {
        phone = new Browser();
        screenshots.watch("phone", phone.driver);
        phone.openPhone(base, label);
        return phone;
    }

    /** A user with a password and nothing else. */
    private static void createUser(Jmx admin, String user) throws Exception {
        admin.invoke(Jmx.ADMINISTRATION, "createUser", user, "Test " + user, "Central Administration");
        admin.invoke(Jmx.ADMINISTRATION, "setUserPassword", user, PASSWORD);
    }

    /** Opens {@code url} and passes the primary login. */
    private void logIn(String url, String user) {
        browser.driver.get(url);
        browser.type(By.id("login:username"), user);
        browser.type(By.id("login:password"), PASSWORD);
        browser.submit(By.id("login:submit"));
    }

    private void logInToPrompt(String user) {
        logIn(base.toString(), user);
        assertEquals("Choose an authentication method", browser.waitFor(By.tagName("h1")).getText());
    }

    private String status() {
        return browser.textOf(By.id("prompt:status"));
    }

    private String awaitStatus(String expected) {
        return browser.waitForText(By.id("prompt:status"), expected::equals);
    }

    /** The success text, reached without the prompt page being reloaded ({@code page} is still the same document). */
    private void awaitSuccessWithoutReload(WebElement page) {
        assertEquals("Success. Logging you in...", browser.waitForText(By.id("success"), t -> !t.isEmpty()));
        page.isEnabled(); // throws StaleElementReferenceException if the page had been reloaded
    }

    private boolean present(String id) {
        return !browser.driver.findElements(By.id(id)).isEmpty();
    }

    @Test
    void aPushApprovedOnThePhoneLogsInWhileThePromptWaits() throws Exception {
        String user = unique("push");
        String four = lastFour();
        try (Jmx admin = Jmx.admin()) {
            createUser(admin, user);
            Smartphones.enrollAndActivate(admin, user, "+1 555 010 " + four, "ios");
        }
        logInToPrompt(user);
        assertEquals("ios (XXX-XXX-" + four + ")", new Select(browser.waitFor(By.id("prompt:device"))).getFirstSelectedOption().getText());
        assertEquals("Send me a Push", browser.waitFor(By.id("prompt:push")).getAttribute("value"));
        assertEquals("Call Me", browser.waitFor(By.id("prompt:call")).getAttribute("value"));
        assertEquals("Send codes", browser.waitFor(By.id("prompt:sendCodes")).getAttribute("value"));
        assertEquals("Remember me for 8 hours", browser.textOf(By.cssSelector("label[for='prompt:remember']")));

        browser.submit(By.id("prompt:push"));
        String pushed = status();
        assertTrue(pushed.matches("Pushed a login request to your device\\.\\.\\. Enter [0-9]{3} in the app\\."), pushed);
        String number = pushed.replaceAll(".*Enter ([0-9]{3}) in the app\\.", "$1");
        WebElement page = browser.driver.findElement(By.tagName("html"));

        Browser handset = phone(user + " — ios (XXX-XXX-" + four + ")");
        By line = By.cssSelector("div.line.push[data-state='pushed']");
        handset.await(line);
        handset.typeAndKeep(By.cssSelector("div.line.push[data-state='pushed'] input.number"), number);
        handset.clickWhenReady(By.cssSelector("div.line.push[data-state='pushed'] input.approve"));

        awaitSuccessWithoutReload(page);
        try (Jmx admin = Jmx.admin()) {
            String trail = String.join("\n", admin.auditFor(user));
            assertTrue(trail.contains("auth.push " + user + " → allow"), trail);
        }
    }

    @Test
    void aCallIsFollowedInTheStatusBarUntilTheKeyPress() throws Exception {
        String user = unique("call");
        String four = lastFour();
        try (Jmx admin = Jmx.admin()) {
            createUser(admin, user);
            Smartphones.enrollAndActivate(admin, user, "+1 555 013 " + lastFour(), "ios");
            admin.invoke(Jmx.HELPDESK, "enrollLandline", user, "+1 410 555 " + four, "", "Desk");
        }
        logInToPrompt(user);
        assertTrue(present("prompt:push"), "the first device, a smartphone, takes pushes");
        WebElement callButton = browser.driver.findElement(By.id("prompt:call"));
        new Select(browser.waitFor(By.id("prompt:device"))).selectByVisibleText("Desk (XXX-XXX-" + four + ")");
        browser.awaitReplaced(callButton); // the buttons were drawn anew for the landline
        assertTrue(present("prompt:call"), "a landline takes calls");
        assertFalse(present("prompt:push"), "a landline cannot take a push");
        assertFalse(present("prompt:sendCodes"), "a landline cannot take texts");
        browser.submit(By.id("prompt:call"));
        assertEquals("Dialing XXX-XXX-" + four + "...", status());
        WebElement page = browser.driver.findElement(By.tagName("html"));

        Browser handset = phone(user + " — Desk (XXX-XXX-" + four + ")");
        handset.clickWhenReady(By.cssSelector("div.line.call[data-state='calling'] input.answer"));
        awaitStatus("Answered. Press any key on your phone to log in.");
        handset.clickWhenReady(By.cssSelector("div.line.call[data-state='answered'] input.key"));
        awaitSuccessWithoutReload(page);
    }

    /**
     * Issue 15, finding 11 (one rule for every door): a blank passcode is no attempt. The page says
     * what is missing, and however often it is posted it counts toward no lockout — as over SOAP,
     * where it is refused as a missing field. The audit records each as a refusal, not a denial.
     */
    @Test
    void aBlankPasscodeIsNoAttemptAndCountsTowardNoLockout() throws Exception {
        String user = unique("blank");
        byte[] seed = Jmx.userWithTotpToken(user, PASSWORD);
        int threshold;
        try (Jmx admin = Jmx.admin()) {
            threshold = (Integer) admin.get(Jmx.ADMINISTRATION, "LockoutThreshold");
        }
        logInToPrompt(user);
        for (int i = 0; i < threshold + 1; i++) {
            browser.type(By.id("prompt:passcode"), " ");
            browser.submit(By.id("prompt:verify"));
            assertEquals("Enter a passcode.", browser.waitFor(By.id("messages")).getText());
        }
        try (Jmx admin = Jmx.admin()) {
            String described = (String) admin.invoke(Jmx.HELPDESK, "describeUser", user);
            assertTrue(described.contains(") active, 0 consecutive failures"), described);
        }
        browser.type(By.id("prompt:passcode"), codeNow(seed));
        browser.submit(By.id("prompt:verify"));
        assertEquals("Success. Logging you in...", browser.waitForText(By.id("success"), t -> !t.isEmpty()), "not locked out");
        try (Jmx admin = Jmx.admin()) {
            List<String> trail = Arrays.asList((String[]) admin.invoke(Jmx.AUDIT, "forUser", user, 40));
            assertTrue(trail.stream().noneMatch(l -> l.contains("auth.passcode " + user + " → deny")), "no blank post was a denial: " + trail);
            assertTrue(trail.stream().anyMatch(l -> l.contains("auth.passcode " + user + " → allow")), trail.toString());
        }
    }

    /**
     * Attack (issue 15, finding 7): a request started by a user's login page — its txid can be
     * seen, e.g. on the virtual phone — cannot be followed over SOAP by an integration: the same
     * fault as an id that does not exist.
     */
    @Test
    void aPageLoginsRequestCannotBeFollowedOverSoap() throws Exception {
        String user = unique("pagetx");
        String four = lastFour();
        String[] integration;
        try (Jmx admin = Jmx.admin()) {
            createUser(admin, user);
            admin.invoke(Jmx.HELPDESK, "enrollLandline", user, "+1 410 555 " + four, "", "Desk");
            integration = admin.createIntegration(unique("Curious "));
        }
        logInToPrompt(user);
        browser.submit(By.id("prompt:call"));
        assertEquals("Dialing XXX-XXX-" + four + "...", status());
        Browser handset = phone(user + " — Desk (XXX-XXX-" + four + ")");
        String txid = handset.waitFor(By.cssSelector("div.line.call[data-state='calling']")).getAttribute("data-txid");
        org.twofold.ws.contract.AuthServicePortType soap = SoapClient.as(base, integration[0], integration[1]);
        org.twofold.ws.contract.AuthFault fault = assertThrows(org.twofold.ws.contract.AuthFault.class,
                () -> soap.authStatus(SoapClient.status(txid, null)));
        assertEquals(340, fault.getFaultInfo().getCode());
        browser.submit(By.id("prompt:cancel"));
        assertEquals("Login request cancelled.", status(), "the page that started it still follows and ends it");
    }

    @Test
    void cancelStopsTheCall() throws Exception {
        String user = unique("cancel");
        String four = lastFour();
        try (Jmx admin = Jmx.admin()) {
            createUser(admin, user);
            admin.invoke(Jmx.HELPDESK, "enrollLandline", user, "+1 410 555 " + four, "", "Desk");
        }
        logInToPrompt(user);
        browser.submit(By.id("prompt:call"));
        assertEquals("Dialing XXX-XXX-" + four + "...", status());
        browser.submit(By.id("prompt:cancel"));
        assertEquals("Login request cancelled.", status());
        assertEquals("Choose an authentication method", browser.waitFor(By.tagName("h1")).getText(), "the prompt stays for another method");

        Browser handset = phone(user + " — Desk (XXX-XXX-" + four + ")");
        handset.await(By.cssSelector("div.line.call[data-state='cancelled']"));
        assertTrue(handset.driver.findElements(By.cssSelector("div.line.call input.answer")).isEmpty(), "the phone no longer rings");
    }

    /**
     * Push fatigue through the page and SOAP at once: "Send me a Push" cancels the pending push
     * before sending the next, and Cancel ends it; neither frees a place. Pushes left unanswered
     * (here cancelled, or pending) count toward {@code PushUnansweredMax} (3) whichever door sent
     * them, and the refusal reaches both doors.
     */
    @Test
    void pushCancelPushOnThePageIsRefusedBeyondTheLimitSharedWithSoap() throws Exception {
        String user = unique("fatigue");
        String four = lastFour();
        String[] integration;
        try (Jmx admin = Jmx.admin()) {
            createUser(admin, user);
            Smartphones.enrollAndActivate(admin, user, "+1 555 016 " + four, "ios");
            integration = admin.createIntegration(unique("Fatigue VPN "));
            assertEquals(3, admin.get(Jmx.ADMINISTRATION, "PushUnansweredMax"), "the documented default this test counts with");
        }
        org.twofold.ws.contract.AuthServicePortType soap = SoapClient.as(base, integration[0], integration[1]);
        logInToPrompt(user);
        browser.submit(By.id("prompt:push"));
        assertTrue(status().startsWith("Pushed a login request to your device..."), status());
        browser.submit(By.id("prompt:cancel"));
        assertEquals("Login request cancelled.", status());
        browser.submit(By.id("prompt:push"));
        assertTrue(status().startsWith("Pushed a login request to your device..."), "the second push: " + status());

        org.twofold.ws.contract.AuthResponse third = soap.auth(SoapClient.auth(user, org.twofold.ws.contract.Factor.PUSH, true));
        assertEquals(org.twofold.ws.contract.Status.PUSHED, third.getStatus(), "the third, over SOAP");

        browser.submit(By.id("prompt:push")); // cancels the page's pending push, then asks for a fourth
        assertEquals("Too many login requests. Try again later.", status());
        assertTrue(browser.driver.findElement(By.id("prompt:status")).getAttribute("class").contains("error"),
                "shown as an error: " + browser.driver.findElement(By.id("prompt:status")).getAttribute("class"));
        org.twofold.ws.contract.AuthResponse fifth = soap.auth(SoapClient.auth(user, org.twofold.ws.contract.Factor.PUSH, true));
        assertEquals(org.twofold.ws.contract.Result.DENY, fifth.getResult());
        assertEquals(org.twofold.ws.contract.Status.DENY, fifth.getStatus());
        assertEquals("Too many login requests. Try again later.", fifth.getStatusMessage());
        assertEquals(null, fifth.getTxid(), "nothing was pushed");

        Browser handset = phone(user + " — ios (XXX-XXX-" + four + ")");
        handset.await(By.cssSelector("div.line.push[data-txid='" + third.getTxid() + "'][data-state='pushed']"));
        assertEquals(3, handset.driver.findElements(By.cssSelector("div.line.push")).size(), "three pushes reached the phone, no more");
        try (Jmx admin = Jmx.admin()) {
            String trail = String.join("\n", admin.auditFor(user));
            assertTrue(trail.contains("user:" + user + " auth.push " + user + " → refused (too_many_unanswered_pushes)"), trail);
            assertTrue(trail.contains("integration:" + integration[0] + " auth.push " + user + " → refused (too_many_unanswered_pushes)"), trail);
        }
    }

    @Test
    void textedCodesLogInAndTheStatusBarSaysWhichComesNext() throws Exception {
        String user = unique("sms");
        String four = lastFour();
        try (Jmx admin = Jmx.admin()) {
            createUser(admin, user);
            admin.invoke(Jmx.HELPDESK, "enrollPhone", user, "+1 555 011 " + four, "Mobile");
        }
        logInToPrompt(user);
        assertFalse(present("prompt:push"), "a phone without the app cannot take a push");
        browser.submit(By.id("prompt:sendCodes"));
        String sent = status();
        assertTrue(sent.matches("New SMS passcodes sent\\. Next SMS passcode starts with [0-9]\\."), sent);

        Browser handset = phone(user + " — Mobile (XXX-XXX-" + four + ")");
        List<String> codes = handset.textedPasscodes();
        assertEquals(10, codes.size(), codes.toString());
        assertTrue(sent.endsWith("starts with " + codes.get(0).charAt(0) + "."), sent + " / " + codes);

        browser.type(By.id("prompt:passcode"), codes.get(0));
        // Enter in the field means "Log In", although "Call Me" is the form's first button.
        browser.driver.findElement(By.id("prompt:passcode")).sendKeys(Keys.ENTER);
        assertEquals("Success. Logging you in...", browser.waitFor(By.id("success")).getText());

        logInToPrompt(user);
        assertEquals("Next SMS passcode starts with " + codes.get(1).charAt(0) + ".", status());
        browser.type(By.id("prompt:passcode"), codes.get(0));
        browser.submit(By.id("prompt:verify"));
        assertEquals("Incorrect passcode. Please try again.", browser.waitFor(By.id("messages")).getText(), "each code works once");
        browser.type(By.id("prompt:passcode"), codes.get(1));
        browser.submit(By.id("prompt:verify"));
        assertEquals("Success. Logging you in...", browser.waitFor(By.id("success")).getText());
    }

    @Test
    void anAppPasscodeWithRememberMeSkipsThePromptNextTime() throws Exception {
        String user = unique("totp");
        byte[] seed = Jmx.userWithTotpToken(user, PASSWORD);
        logInToPrompt(user);
        assertFalse(present("prompt:device"), "a token makes codes; there is nothing to push or call");
        assertFalse(present("prompt:push"));
        assertFalse(present("prompt:call"));
        assertEquals("ex. 867539", browser.waitFor(By.id("prompt:passcode")).getAttribute("placeholder"));
        String sessionBefore = browser.driver.manage().getCookieNamed("JSESSIONID").getValue();

        browser.driver.findElement(By.id("prompt:remember")).click();
        browser.type(By.id("prompt:passcode"), codeNow(seed));
        browser.submit(By.id("prompt:verify"));
        assertEquals("Success. Logging you in...", browser.waitFor(By.id("success")).getText());
        assertNotEquals(sessionBefore, browser.driver.manage().getCookieNamed("JSESSIONID").getValue(), "a new session id after the login");
        Cookie remembered = browser.driver.manage().getCookieNamed("twofold-remember-twofold");
        assertNotNull(remembered, "remember-me cookie");
        assertTrue(remembered.isHttpOnly());
        assertEquals("Lax", remembered.getSameSite());
        assertEquals("/", remembered.getPath());

        logIn(base.toString(), user);
        assertEquals("Success. Logging you in...", browser.waitFor(By.id("success")).getText(), "the remembered browser skips the prompt");
        try (Jmx admin = Jmx.admin()) {
            assertTrue(String.join("\n", admin.auditFor(user)).contains("auth.remembered " + user + " → allow"));
            admin.invoke(Jmx.HELPDESK, "forgetRememberedBrowsers", user);
        }
        logInToPrompt(user);
    }

    @Test
    void onlyFactorsThePolicyAllowsAreOffered() throws Exception {
        String user = unique("policy");
        try (Jmx admin = Jmx.admin()) {
            createUser(admin, user);
            Smartphones.enrollAndActivate(admin, user, "+1 555 012 " + lastFour(), "ios");
            String before = (String) admin.get(Jmx.ADMINISTRATION, "AllowedFactors");
            admin.set(Jmx.ADMINISTRATION, "AllowedFactors", "phone,passcode");
            try {
                logInToPrompt(user);
                assertTrue(present("prompt:call"));
                assertFalse(present("prompt:push"), "push is off by policy");
                assertFalse(present("prompt:sendCodes"), "texts are off by policy");
                assertTrue(present("prompt:passcode"));
            } finally {
                admin.set(Jmx.ADMINISTRATION, "AllowedFactors", before);
            }
        }
    }

    @Test
    void nextPortalAndTheSettingsLinksLeadToThePortalAfterTheSecondFactor() throws Exception {
        String user = unique("next");
        byte[] seed = Jmx.userWithTotpToken(user, PASSWORD);
        logIn(base + "?next=portal", user);
        browser.type(By.id("prompt:passcode"), codeNow(seed));
        browser.submit(By.id("prompt:verify"));
        browser.waitForUrl(u -> u.endsWith("/portal"));

        String other = unique("links");
        byte[] otherSeed = Jmx.userWithTotpToken(other, PASSWORD);
        logInToPrompt(other);
        browser.submit(By.id("prompt:settings"));
        assertEquals("After this login you will go to My Settings & Devices.", status());
        browser.type(By.id("prompt:passcode"), codeNow(otherSeed));
        browser.submit(By.id("prompt:verify"));
        browser.waitForUrl(u -> u.endsWith("/portal"));

        logIn(base + "?next=https://evil.example/", user);
        assertEquals("Choose an authentication method", browser.waitFor(By.tagName("h1")).getText());
        assertTrue(browser.driver.getCurrentUrl().startsWith(base.toString()), "no open redirect");
    }

    @Test
    void aUserWithoutAPhoneLogsInWithATemporaryPasscodeAndLandsOnThePortal() throws Exception {
        String user = unique("nophone");
        String issued;
        try (Jmx admin = Jmx.admin()) {
            createUser(admin, user);
            issued = (String) admin.invoke(Jmx.HELPDESK, "issueTemporaryPasscode", user, 1, 1);
        }
        String code = issued.replaceAll(".*: ([0-9]+) .*", "$1");
        logInToPrompt(user);
        assertFalse(present("prompt:device"));
        browser.type(By.id("prompt:passcode"), code);
        browser.submit(By.id("prompt:verify"));
        browser.waitForUrl(u -> u.endsWith("/portal"));
    }

    @Test
    void theDemoApplicationIsProtectedByTheHostedPrompt() throws Exception {
        String user = unique("hosted");
        byte[] seed = Jmx.userWithTotpToken(user, PASSWORD);
        try (Jmx admin = Jmx.admin()) {
            admin.createIntegration("Demo web app");
            Exception bad = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                    () -> admin.invoke(Jmx.ADMINISTRATION, "setIntegrationReturnUrl", "Demo web app", "javascript:alert(1)"));
            Throwable cause = bad;
            while (cause.getCause() != null && (cause instanceof javax.management.JMException || cause instanceof javax.management.JMRuntimeException)) {
                cause = cause.getCause();
            }
            assertTrue(String.valueOf(cause.getMessage()).startsWith("INVALID_VALUE"), cause.toString());
            admin.invoke(Jmx.ADMINISTRATION, "setIntegrationReturnUrl", "Demo web app", base + "demo/app");
        }
        browser.driver.get(base + "demo/app");
        String promptUrl = browser.waitForUrl(u -> u.contains("app=DI"));
        assertTrue(promptUrl.matches(".*[?&]state=[0-9a-f]{32}.*"), promptUrl);
        assertEquals("Logging in to Demo web app", browser.textOf(By.id("app")));
        browser.type(By.id("login:username"), user);
        browser.type(By.id("login:password"), PASSWORD);
        browser.submit(By.id("login:submit"));
        browser.type(By.id("prompt:passcode"), codeNow(seed));
        browser.submit(By.id("prompt:verify"));
        assertEquals("Welcome, " + user, browser.waitForText(By.id("welcome"), t -> !t.isEmpty()));
        assertEquals(base + "demo/app", browser.driver.getCurrentUrl(), "the result never shows in an address");

        HttpResponse<String> forged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "demo/app"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("state=abc&result=eyJ1c2VyIjoiYm9iIn0.AAAA")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, forged.statusCode(), forged.body());
        try (Jmx admin = Jmx.admin()) {
            assertTrue(String.join("\n", admin.auditFor(user)).contains("hosted.result " + user + " → done"));
        }

        browser.driver.get(base + "?app=DINOSUCHAPP&state=abc");
        assertEquals("This application is not registered with the login service. Go back to the application and try again.",
                browser.textOf(By.id("unknownApp")));
        assertFalse(present("login:username"));

        String[] remote;
        try (Jmx admin = Jmx.admin()) {
            assertTrue(String.join("\n", admin.recentAudit()).contains("hosted.prompt → refused (unknown_application)"), "a wrong key is audited");
            String name = unique("Remote app ");
            remote = admin.createIntegration(name);
            admin.invoke(Jmx.ADMINISTRATION, "setIntegrationReturnUrl", name, "https://app.example.edu:8443/mfa/return");
        }
        HttpResponse<String> remotePrompt = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "?app=" + remote[0] + "&state=s1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(remotePrompt.headers().firstValue("Content-Security-Policy").orElse("").endsWith("form-action 'self' https://app.example.edu:8443"),
                "the prompt may post its result to the registered origin only: " + remotePrompt.headers().firstValue("Content-Security-Policy"));
    }

    @Test
    void theHelpPageExplainsTheMethodsAndWhatToDoWithoutAPhone() throws Exception {
        browser.driver.get(base.toString());
        browser.clickWhenReady(By.id("needHelp"));
        browser.waitForUrl(u -> u.endsWith("/help"));
        assertEquals("Need help?", browser.waitFor(By.tagName("h1")).getText());
        String methods = browser.textOf(By.id("methods"));
        assertTrue(methods.contains("Send me a Push") && methods.contains("Call Me") && methods.contains("Enter a Passcode")
                && methods.contains("Next SMS passcode starts with 1."), methods);
        assertTrue(browser.textOf(By.id("noPhone")).contains("bypass code"));
        assertTrue(browser.textOf(By.id("lost")).contains("Contact your help desk immediately"), "help-desk contact from configuration");
        assertTrue(browser.textOf(By.id("token")).contains("approver must approve"));
    }

    @Test
    void pagesSendSecurityHeadersUseNoThirdPartyAssetsAndRefusePostsWithoutViewState() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.startsWith("default-src 'self'") && csp.contains("frame-ancestors 'none'") && csp.contains("form-action 'self'"), csp);
        assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(""));
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElse(""));
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(""));
        assertFalse(page.body().matches("(?s).*(src|href)=\"(https?:)?//.*"), "every asset is served by Twofold");

        String user = unique("csrf");
        try (Jmx admin = Jmx.admin()) {
            createUser(admin, user);
        }
        String form = "login=login&login%3Ausername=" + user + "&login%3Apassword=" + PASSWORD + "&login%3Asubmit=Log+in";
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(base.toString()))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertFalse(forged.body().contains("Choose an authentication method"), "a post without view state logs no one in");
        try (Jmx admin = Jmx.admin()) {
            assertFalse(String.join("\n", admin.auditFor(user)).contains("login.password"), "the forged post was not even evaluated");
        }
    }
}
