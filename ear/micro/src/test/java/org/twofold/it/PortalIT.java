package org.twofold.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twofold.it.Fixtures.codeNow;
import static org.twofold.it.Fixtures.newSeed;
import static org.twofold.it.Fixtures.unique;
import static org.twofold.it.Fixtures.wrongCode;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.twofold.passcode.Base32;
import org.twofold.ws.contract.Auth;
import org.twofold.ws.contract.AuthResponse;
import org.twofold.ws.contract.Factor;
import org.twofold.ws.contract.Preauth;
import org.twofold.ws.contract.PreauthResult;
import org.twofold.ws.contract.Status;

/**
 * The self-service pages end to end on the assembled WAR, in headless Chromium: "My Settings &amp;
 * Devices" at {@code /portal}, "I don't have my phone" at {@code /bypass}, and the activation link
 * of a smartphone the help desk enrolled; the help desk and the administrator act over the real
 * JMX connector, texts are read off the virtual phones at {@code /phone}. Each test makes its own
 * users. A failing test leaves screenshots of its browsers under {@code target/screenshots/}.
 */
@ExtendWith(ArquillianExtension.class)
class PortalIT {
    private static final String PASSWORD = "portal-password-1";
    private static final String TITLE = "My Settings & Devices";
    private static final String REDUNDANCY = "We suggest that you enroll more than one device for redundancy in the event that a device is lost or unavailable.";

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

    /** A user with a password and a TOTP hardware token (seed returned), in {@code department}. */
    private static byte[] provision(Jmx admin, String username, String department) throws Exception {
        byte[] seed = newSeed();
        admin.invoke(Jmx.ADMINISTRATION, "createUser", username, "Test " + username, department);
        admin.invoke(Jmx.ADMINISTRATION, "setUserPassword", username, PASSWORD);
        admin.invoke(Jmx.ADMINISTRATION, "importToken", "TOK-" + username, "totp", Base32.encode(seed), 6);
        admin.invoke(Jmx.ADMINISTRATION, "assignToken", username, "TOK-" + username);
        return seed;
    }

    /** Logs in at {@code /} with the password and {@code passcode}, then opens the portal. */
    private void logInToPortal(Browser browser, String username, String passcode) {
        browser.driver.get(base.toString());
        browser.type(By.id("login:username"), username);
        browser.type(By.id("login:password"), PASSWORD);
        browser.submit(By.id("login:submit"));
        browser.type(By.id("prompt:passcode"), passcode);
        browser.submit(By.id("prompt:verify"));
        browser.waitFor(By.id("success"));
        browser.driver.get(base + "portal");
        assertEquals(TITLE, browser.waitFor(By.tagName("h1")).getText());
    }

    private static By device(String name) {
        return By.cssSelector("tr.device[data-name='" + name + "']");
    }

    private static By inDevice(String name, String css) {
        return By.cssSelector("tr.device[data-name='" + name + "'] " + css);
    }

    private static String messages(Browser browser) {
        return browser.textOf(By.id("messages"));
    }

    private static boolean present(Browser browser, By locator) {
        return !browser.driver.findElements(locator).isEmpty();
    }

    /** The newest text on the virtual phone labelled {@code label} that contains {@code marker}. */
    private String textOnPhone(Browser phone, String label, String marker) {
        phone.openPhone(base, label);
        By line = By.xpath("//div[contains(@class,'line') and contains(@class,'text')]/span[@class='body'][contains(., '" + marker + "')]");
        phone.await(line);
        return phone.textOf(line);
    }

    /** The code a call to the virtual phone labelled {@code label} read out ("... verification code is 1 2 3 4 5 6. ..."). */
    private String codeReadByCall(Browser phone, String label) {
        phone.openPhone(base, label);
        By line = By.xpath("//div[contains(@class,'line') and contains(@class,'call')]/span[@class='body'][contains(., 'verification code is')]");
        phone.await(line);
        Matcher m = Pattern.compile("verification code is ((?:[0-9] ){5}[0-9])").matcher(phone.textOf(line));
        assertTrue(m.find(), phone.textOf(line));
        return m.group(1).replace(" ", "");
    }

    /** The 6-digit code texted to the virtual phone labelled {@code label} to verify its number. */
    private String codeTextedTo(Browser phone, String label) {
        String text = textOnPhone(phone, label, "verification code");
        Matcher m = Pattern.compile("verification code: ([0-9]{6})").matcher(text);
        assertTrue(m.find(), text);
        return m.group(1);
    }

    private static String otherThan(String code) {
        return code.equals("000000") ? "000001" : "000000";
    }

    /** The id of the user's device named {@code name}, as the help desk's listDevices shows it. */
    private static long deviceId(Jmx admin, String user, String name) throws Exception {
        for (String line : (String[]) admin.invoke(Jmx.HELPDESK, "listDevices", user)) {
            Matcher m = Pattern.compile("^([0-9]+) [a-z_]+ '" + Pattern.quote(name) + "'").matcher(line);
            if (m.find()) {
                return Long.parseLong(m.group(1));
            }
        }
        throw new AssertionError("no device " + name + " of " + user);
    }

    /** A help-desk temporary passcode for {@code user} (1 hour, {@code uses} uses). */
    private static String temporaryPasscode(Jmx admin, String user, int uses) throws Exception {
        String issued = (String) admin.invoke(Jmx.HELPDESK, "issueTemporaryPasscode", user, 1, uses);
        Matcher m = Pattern.compile(": ([0-9]{9}) ").matcher(issued);
        assertTrue(m.find(), issued);
        return m.group(1);
    }

    /** A SOAP call to the user's device {@code deviceId}, asynchronous. */
    private AuthResponse callDevice(String[] integration, String user, long deviceId) throws Exception {
        Auth call = new Auth();
        call.setUsername(user);
        call.setFactor(Factor.PHONE);
        call.setDevice(Long.toString(deviceId));
        call.setAsync(true);
        return SoapClient.as(base, integration[0], integration[1]).auth(call);
    }

    @Test
    void portalSendsAVisitorWithoutALoginToTheLoginPageAndBypassCodePagesAreNeverCached() throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(URI.create(base + "portal")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, response.statusCode());
        assertTrue(response.headers().firstValue("Location").orElse("").endsWith("/?next=portal"), response.headers().toString());
        assertFalse(response.body().contains(TITLE));
        HttpResponse<String> bypass = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(base + "bypass")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, bypass.statusCode());
        assertEquals("no-store", bypass.headers().firstValue("Cache-Control").orElse(""), "a page that shows bypass codes is never cached");
        assertTrue(bypass.body().contains("<label for=\"login:username\">Username</label>"), "every field has a label");
    }

    @Test
    void withoutHerPhoneAUserProvesHerIdentityAndLogsInWithABypassCode() throws Exception {
        String user = unique("np");
        byte[] seed;
        try (Jmx admin = Jmx.admin()) {
            seed = provision(admin, user, "Central Administration");
        }
        Browser browser = browser();
        logInToPortal(browser, user, codeNow(seed));
        assertTrue(browser.textOf(By.id("pinState")).startsWith("You have no PIN yet."));
        browser.type(By.id("pin:dob"), "1990-02-03");
        browser.type(By.id("pin:value"), "4711");
        browser.submit(By.id("pin:save"));
        assertEquals("Your PIN is saved.", messages(browser));
        assertTrue(browser.textOf(By.id("pinState")).startsWith("You have a PIN."));
        browser.submit(By.id("session:logout"));

        browser.driver.get(base + "bypass");
        assertEquals("I don't have my phone", browser.waitFor(By.tagName("h1")).getText());
        browser.type(By.id("login:username"), user);
        browser.type(By.id("login:password"), PASSWORD);
        browser.submit(By.id("login:submit"));
        assertEquals("Identify yourself by entering your date of birth and your PIN.", browser.waitFor(By.cssSelector("#proof p")).getText(),
                "the SSN's last 4 digits are off by default");
        browser.type(By.id("proof:dob"), "1990-02-03");
        new Select(browser.waitFor(By.id("proof:kind"))).selectByVisibleText("PIN");
        browser.type(By.id("proof:value"), "4712");
        browser.submit(By.id("proof:submit"));
        assertEquals("We could not verify your identity.", messages(browser));
        browser.type(By.id("proof:dob"), "1990-02-04");
        browser.type(By.id("proof:value"), "4711");
        browser.submit(By.id("proof:submit"));
        assertEquals("We could not verify your identity.", messages(browser), "a wrong date of birth says no more than a wrong PIN");

        browser.type(By.id("proof:dob"), "1990-02-03");
        browser.type(By.id("proof:value"), "4711");
        browser.submit(By.id("proof:submit"));
        String code = browser.textOf(By.id("code"));
        assertTrue(code.matches("[0-9]{9}"), code);
        assertEquals("It will be valid for 10 minutes. Either write the code down or copy it.", browser.textOf(By.id("validity")));

        browser.submit(By.id("logIn"));
        browser.type(By.id("login:username"), user);
        browser.type(By.id("login:password"), PASSWORD);
        browser.submit(By.id("login:submit"));
        browser.type(By.id("prompt:passcode"), code);
        browser.submit(By.id("prompt:verify"));
        // seed 000: a login with a bypass code lands on the portal, to enroll a new device
        browser.waitForUrl(u -> u.endsWith("/portal"));
        assertEquals(TITLE, browser.waitFor(By.tagName("h1")).getText());
        assertTrue(browser.textOf(By.id("session:user")).contains(user));

        try (Jmx admin = Jmx.admin()) {
            String trail = String.join("\n", admin.auditFor(user));
            assertTrue(trail.contains("bypass.selfService " + user + " → deny (proof_mismatch)"), trail);
            assertTrue(trail.contains("bypass.selfService " + user + " → allow"), trail);
            assertTrue(trail.contains("user.identityProof " + user + " → done"), trail);
        }
    }

    @Test
    void userEnrollsASmartphoneFromTheSecretBesideItsQrCodeThenRenamesMakesDefaultAndRemovesIt() throws Exception {
        String user = unique("sp");
        byte[] seed;
        try (Jmx admin = Jmx.admin()) {
            seed = provision(admin, user, "Central Administration");
        }
        Browser browser = browser();
        logInToPortal(browser, user, codeNow(seed));
        assertEquals(REDUNDANCY, browser.textOf(By.id("redundancy")));
        assertTrue(present(browser, device("Token TOK-" + user)));

        new Select(browser.waitFor(By.id("add:kind"))).selectByVisibleText("Smartphone (authenticator app)");
        browser.type(By.id("add:name"), "My iPhone");
        browser.type(By.id("add:number"), "+1 555 010 2222");
        browser.submit(By.id("add:submit"));
        assertTrue(present(browser, By.cssSelector("#confirm .qr svg[role='img']")), "the QR code is drawn in the page");
        byte[] phoneSeed = Base32.decode(browser.textOf(By.id("secret")));
        assertEquals("pending", browser.waitFor(device("My iPhone")).getAttribute("data-state"));
        // its number is verified too: a code is texted to it, and the phone is neither used nor offered until it comes back
        assertEquals("Enter the code we texted to XXX-XXX-2222", browser.textOf(By.cssSelector("label[for='confirm:numberCode']")));
        String numberCode = codeTextedTo(browser(), user + " — My iPhone (XXX-XXX-2222)");
        String[] integration;
        long phoneId;
        try (Jmx admin = Jmx.admin()) {
            integration = admin.createIntegration(unique("Portal SP "));
            phoneId = deviceId(admin, user, "My iPhone");
        }
        AuthResponse early = callDevice(integration, user, phoneId);
        assertEquals(Status.NO_DEVICE, early.getStatus(), "an unverified number is never called: " + early.getStatusMessage());

        browser.type(By.id("confirm:code"), wrongCode(phoneSeed));
        browser.type(By.id("confirm:numberCode"), numberCode);
        browser.submit(By.id("confirm:activate"));
        assertEquals("One of the codes is not right, or it has expired. Try again.", messages(browser));
        browser.type(By.id("confirm:code"), codeNow(phoneSeed));
        browser.type(By.id("confirm:numberCode"), otherThan(numberCode));
        browser.submit(By.id("confirm:activate"));
        assertEquals("One of the codes is not right, or it has expired. Try again.", messages(browser), "the app's code alone is not enough");
        assertEquals("pending", browser.waitFor(device("My iPhone")).getAttribute("data-state"));
        browser.type(By.id("confirm:code"), codeNow(phoneSeed));
        browser.type(By.id("confirm:numberCode"), numberCode);
        browser.submit(By.id("confirm:activate"));
        assertEquals("Your device is activated.", messages(browser));
        assertEquals("active", browser.waitFor(device("My iPhone")).getAttribute("data-state"));
        assertTrue(browser.textOf(device("My iPhone")).contains("XXX-XXX-2222"));
        assertFalse(present(browser, By.id("redundancy")), "two devices: no redundancy notice");

        browser.type(inDevice("My iPhone", "input.rename"), "Work iPhone");
        browser.submit(inDevice("My iPhone", "input.renameButton"));
        assertEquals("Device renamed.", messages(browser));
        assertTrue(present(browser, device("Work iPhone")));

        new Select(browser.waitFor(By.id("defaults:device"))).selectByVisibleText("Work iPhone");
        new Select(browser.waitFor(By.id("defaults:factor"))).selectByVisibleText("Send me a Push");
        browser.submit(By.id("defaults:save"));
        assertEquals("Your defaults are saved.", messages(browser));
        assertTrue(browser.textOf(device("Work iPhone")).contains("(default)"));

        browser.submit(inDevice("Work iPhone", "input.remove"));
        assertEquals("Device removed.", messages(browser));
        assertFalse(present(browser, device("Work iPhone")));
        assertEquals(REDUNDANCY, browser.textOf(By.id("redundancy")));

        try (Jmx admin = Jmx.admin()) {
            String devices = String.join("\n", (String[]) admin.invoke(Jmx.HELPDESK, "listDevices", user));
            assertFalse(devices.contains("iPhone"), devices);
            String trail = String.join("\n", admin.auditFor(user));
            assertTrue(trail.contains("device.verifyNumber " + user + " → done (texted)"), trail);
            assertTrue(trail.contains("device.activate " + user + " → deny (wrong_code)"), trail);
            assertTrue(trail.contains("device.activate " + user + " → done"), trail);
            assertTrue(trail.contains("number verified by text"), trail);
            assertTrue(trail.contains("device.rename " + user + " → done"), trail);
            assertTrue(trail.contains("device.preferences " + user + " → done"), trail);
            assertTrue(trail.contains("device.remove " + user + " → done"), trail);
        }
    }

    @Test
    void userAddsAMobilePhoneVerifiedByTheTextedCodeAndALandlineChoosesItAsDefaultAndForgetsRememberedBrowsers() throws Exception {
        String user = unique("mp");
        byte[] seed;
        try (Jmx admin = Jmx.admin()) {
            seed = provision(admin, user, "Central Administration");
        }
        Browser browser = browser();
        logInToPortal(browser, user, codeNow(seed));

        new Select(browser.waitFor(By.id("add:kind"))).selectByVisibleText("Mobile phone (calls and text messages)");
        browser.type(By.id("add:name"), "Spare phone");
        browser.type(By.id("add:number"), "+1 555 010 3333");
        browser.submit(By.id("add:submit"));
        assertEquals("We texted a code to XXX-XXX-3333.", browser.textOf(By.id("texted")));

        String text = textOnPhone(browser(), user + " — Spare phone (XXX-XXX-3333)", "verification code");
        Matcher m = Pattern.compile("verification code: ([0-9]{6})").matcher(text);
        assertTrue(m.find(), text);
        String wrong = m.group(1).equals("000000") ? "000001" : "000000";
        browser.type(By.id("confirm:code"), wrong);
        browser.submit(By.id("confirm:activate"));
        assertEquals("That code is not the one we texted, or it has expired. Try again.", messages(browser));
        browser.type(By.id("confirm:code"), m.group(1));
        browser.submit(By.id("confirm:activate"));
        assertEquals("Your device is activated.", messages(browser));
        assertEquals("active", browser.waitFor(device("Spare phone")).getAttribute("data-state"));

        new Select(browser.waitFor(By.id("add:kind"))).selectByVisibleText("Landline (calls)");
        browser.type(By.id("add:name"), "Desk");
        browser.type(By.id("add:number"), "+1 555 010 4444");
        browser.type(By.id("add:extension"), "77");
        browser.submit(By.id("add:submit"));
        // a landline takes no texts: the call reads a code, and the landline waits for it
        assertEquals("We are calling XXX-XXX-4444. The call reads a code.", browser.textOf(By.id("called")));
        assertTrue(browser.textOf(device("Desk")).contains("XXX-XXX-4444"));
        assertTrue(browser.textOf(device("Desk")).contains("ext. 77"));
        assertEquals("pending", browser.waitFor(device("Desk")).getAttribute("data-state"));
        String[] integration;
        long deskId;
        try (Jmx admin = Jmx.admin()) {
            integration = admin.createIntegration(unique("Portal VPN "));
            deskId = deviceId(admin, user, "Desk");
        }
        AuthResponse early = callDevice(integration, user, deskId);
        assertEquals(Status.NO_DEVICE, early.getStatus(), "an unverified landline is never called for a login: " + early.getStatusMessage());
        String spoken = codeReadByCall(browser(), user + " — Desk (XXX-XXX-4444)");
        browser.type(By.id("confirm:code"), otherThan(spoken));
        browser.submit(By.id("confirm:activate"));
        assertEquals("That code is not the one the call read, or it has expired. Try again.", messages(browser));
        browser.type(By.id("confirm:code"), spoken);
        browser.submit(By.id("confirm:activate"));
        assertEquals("Your device is activated.", messages(browser));
        assertEquals("active", browser.waitFor(device("Desk")).getAttribute("data-state"));

        // The default device and factor decide what "auto" does: a call to the desk phone, not the spare phone.
        new Select(browser.waitFor(By.id("defaults:device"))).selectByVisibleText("Desk");
        new Select(browser.waitFor(By.id("defaults:factor"))).selectByVisibleText("Call Me");
        browser.submit(By.id("defaults:save"));
        assertEquals("Your defaults are saved.", messages(browser));
        Auth auto = new Auth();
        auto.setUsername(user);
        auto.setFactor(Factor.AUTO);
        auto.setAsync(true);
        AuthResponse started = SoapClient.as(base, integration[0], integration[1]).auth(auto);
        assertEquals(Status.CALLING, started.getStatus());
        assertEquals("Dialing XXX-XXX-4444...", started.getStatusMessage());

        browser.submit(By.id("browsers:forget"));
        assertEquals("Forgot 0 remembered browser(s).", messages(browser));
        assertTrue(browser.textOf(By.id("logins")).contains("auth.passcode — allow"), browser.textOf(By.id("logins")));

        try (Jmx admin = Jmx.admin()) {
            String devices = String.join("\n", (String[]) admin.invoke(Jmx.HELPDESK, "listDevices", user));
            assertTrue(devices.contains("mobile_phone 'Spare phone' XXX-XXX-3333 active [phone,sms]"), devices);
            assertTrue(devices.contains("landline 'Desk' XXX-XXX-4444 ext. 77 active [phone]"), devices);
            String trail = String.join("\n", admin.auditFor(user));
            assertTrue(trail.contains("device.verifyNumber " + user + " → done (called)"), trail);
            assertTrue(trail.contains("number verified by call"), trail);
            // the help desk's enrolment is trusted: active at once, no code
            admin.invoke(Jmx.HELPDESK, "enrollLandline", user, "+1 555 010 4445", "", "Lab");
            devices = String.join("\n", (String[]) admin.invoke(Jmx.HELPDESK, "listDevices", user));
            assertTrue(devices.contains("landline 'Lab' XXX-XXX-4445 active [phone]"), devices);
        }
    }

    @Test
    void helpDeskAssignsAHardwareTokenOnlyAfterTheDepartmentApproverApprovedTheRequest() throws Exception {
        String department = unique("School of Law ");
        String approver = unique("ap");
        String user = unique("hw");
        String serial = unique("FOB-");
        byte[] approverSeed;
        byte[] userSeed;
        try (Jmx admin = Jmx.admin()) {
            approverSeed = provision(admin, approver, department);
            admin.invoke(Jmx.ADMINISTRATION, "createDepartment", department, approver);
            userSeed = provision(admin, user, department);
            admin.invoke(Jmx.ADMINISTRATION, "importToken", serial, "hotp", Base32.encode(newSeed()), 6);
        }
        Browser browser = browser();
        logInToPortal(browser, user, codeNow(userSeed));
        assertFalse(present(browser, By.id("approvalsTitle")), "only approvers see requests to approve");
        browser.submit(By.id("token:request"));
        assertEquals("Your request was sent to " + approver + " (" + department + ") for approval.", messages(browser));
        assertEquals("Your hardware-token request is waiting for your department's approval.", browser.textOf(By.id("tokenStatus")));

        try (Jmx admin = Jmx.admin()) {
            Exception refused = assertThrows(Exception.class, () -> admin.invoke(Jmx.HELPDESK, "assignHardwareToken", user, serial));
            assertTrue(String.valueOf(refused.getCause() == null ? refused.getMessage() : refused.getCause().getMessage()).contains("TOKEN_NOT_APPROVED"),
                    refused.toString());
        }

        Browser approving = browser();
        logInToPortal(approving, approver, codeNow(approverSeed));
        assertEquals("Hardware-token requests to approve", approving.textOf(By.id("approvalsTitle")));
        By request = By.cssSelector("li.approval[data-user='" + user + "']");
        assertTrue(approving.textOf(request).contains(department), approving.textOf(request));
        approving.submit(By.cssSelector("li.approval[data-user='" + user + "'] input.approve"));
        assertEquals("Approved the request of " + user + ".", messages(approving));
        assertFalse(present(approving, request));

        try (Jmx admin = Jmx.admin()) {
            String assigned = (String) admin.invoke(Jmx.HELPDESK, "assignHardwareToken", user, serial);
            assertTrue(assigned.startsWith("Assigned hardware token " + serial + " to " + user), assigned);
            String devices = String.join("\n", (String[]) admin.invoke(Jmx.HELPDESK, "listDevices", user));
            assertTrue(devices.contains("hardware_token 'Token " + serial + "' active"), devices);

            String another = unique("FOB-");
            admin.invoke(Jmx.ADMINISTRATION, "importToken", another, "hotp", Base32.encode(newSeed()), 6);
            Exception used = assertThrows(Exception.class, () -> admin.invoke(Jmx.HELPDESK, "assignHardwareToken", user, another));
            assertTrue(String.valueOf(used.getCause() == null ? used.getMessage() : used.getCause().getMessage()).contains("TOKEN_NOT_APPROVED"),
                    "the approval is used up: " + used);

            String requested = (String) admin.invoke(Jmx.HELPDESK, "requestHardwareToken", user);
            assertTrue(requested.contains("is pending; approver: " + approver), requested);

            String trail = String.join("\n", admin.auditFor(user));
            assertTrue(trail.contains("token.assign " + user + " → refused (not_approved)"), trail);
            assertTrue(trail.contains("user:" + approver + " token.approve " + user + " → done"), trail);
            assertTrue(trail.contains("token.assign " + user + " → done"), trail);
        }
        browser.driver.navigate().refresh();
        assertEquals("Your hardware-token request is waiting for your department's approval.", browser.textOf(By.id("tokenStatus")));
    }

    /**
     * The activation link serves first-login enrollment's chooser: instead of the link's app the
     * person adds a mobile phone, verified by the code texted to it (a wrong one counts and changes
     * nothing); that spends the link, and the smartphone it was issued with goes.
     */
    @Test
    void anActivationLinkAddsAnotherKindOfDeviceThroughTheFirstLoginChooserVerifiedBeforeUse() throws Exception {
        String user = unique("lc");
        String enrolled;
        try (Jmx admin = Jmx.admin()) {
            admin.invoke(Jmx.ADMINISTRATION, "createUser", user, "Link Chooser", "Central Administration");
            enrolled = (String) admin.invoke(Jmx.HELPDESK, "enrollSmartphone", user, "+1 555 010 " + Fixtures.lastFour(), "iPhone");
        }
        Matcher link = Pattern.compile("(https?://\\S+/activate\\?code=[A-Za-z0-9_-]+)").matcher(enrolled);
        assertTrue(link.find(), enrolled);
        Browser browser = browser();
        browser.driver.get(link.group(1));
        browser.submit(By.id("activate:choose"));
        assertEquals("Add a device", browser.waitFor(By.tagName("h1")).getText());
        List<String> kinds = new Select(browser.waitFor(By.id("enroll:kind"))).getOptions().stream().map(o -> o.getText()).toList();
        assertEquals(List.of("Authenticator app on a smartphone or tablet", "Twofold approval app on a smartphone (push)", "Security key or passkey", "Mobile phone (text messages)",
                "Landline (a call reads a code)"), kinds, "the first-login chooser's kinds");
        String four = Fixtures.lastFour();
        new Select(browser.waitFor(By.id("enroll:kind"))).selectByVisibleText("Mobile phone (text messages)");
        browser.type(By.id("enroll:number"), "+1 555 023 " + four);
        browser.submit(By.id("enroll:begin"));
        assertEquals("We texted a code to XXX-XXX-" + four + ".", browser.textOf(By.id("texted")));
        try (Jmx admin = Jmx.admin()) {
            String devices = String.join("\n", (String[]) admin.invoke(Jmx.HELPDESK, "listDevices", user));
            assertTrue(devices.contains("mobile_phone 'Mobile phone' XXX-XXX-" + four + " pending"), "not used before its code: " + devices);
        }
        String texted = codeTextedTo(browser(), user + " — Mobile phone (XXX-XXX-" + four + ")");
        browser.type(By.id("enroll:code"), otherThan(texted));
        browser.submit(By.id("enroll:confirm"));
        assertEquals("That code is not the one we texted, or it has expired. Try again.", messages(browser));
        assertFalse(present(browser, By.id("activated")));
        browser.type(By.id("enroll:code"), texted);
        browser.submit(By.id("enroll:confirm"));
        assertEquals("Your device is activated. You can now log in with it.", browser.textOf(By.id("activated")));
        assertFalse(loggedIn(browser), "a link logs nobody in");

        browser.driver.get(link.group(1));
        assertTrue(browser.textOf(By.id("invalidText")).startsWith("This activation link is not valid, already used or expired."), "the link is spent");
        try (Jmx admin = Jmx.admin()) {
            String devices = String.join("\n", (String[]) admin.invoke(Jmx.HELPDESK, "listDevices", user));
            assertTrue(devices.contains("mobile_phone 'Mobile phone' XXX-XXX-" + four + " active"), devices);
            assertFalse(devices.contains("smartphone"), "the smartphone the link was issued with is gone: " + devices);
            String trail = String.join("\n", admin.auditFor(user));
            assertTrue(trail.contains("device.activate " + user + " → deny (wrong_code)"), trail);
            assertTrue(trail.contains("device.activationLink " + user + " → done (used)"), trail);
            assertTrue(trail.contains("device.remove " + user + " → done"), trail);
        }
    }

    @Test
    void helpDeskEnrollsASmartphoneAndThePersonActivatesItFromTheTextedLink() throws Exception {
        String user = unique("al");
        String enrolled;
        try (Jmx admin = Jmx.admin()) {
            admin.invoke(Jmx.ADMINISTRATION, "createUser", user, "Link User", "Central Administration");
            enrolled = (String) admin.invoke(Jmx.HELPDESK, "enrollSmartphone", user, "+1 555 010 5555", "iPhone");
            String devices = String.join("\n", (String[]) admin.invoke(Jmx.HELPDESK, "listDevices", user));
            assertTrue(devices.contains("smartphone 'iPhone' XXX-XXX-5555 pending"), devices);
        }
        assertTrue(enrolled.contains("otpauth://totp/"), enrolled);
        Matcher link = Pattern.compile("activation link, texted to XXX-XXX-5555: (http://localhost:" + System.getProperty("it.http.port")
                + "/activate\\?code=[A-Za-z0-9_-]+)").matcher(enrolled);
        assertTrue(link.find(), enrolled);

        String text = textOnPhone(browser(), user + " — iPhone (XXX-XXX-5555)", "/activate?code=");
        assertTrue(text.contains(link.group(1)), "the texted link is the one the help desk saw: " + text);

        Browser browser = browser();
        browser.driver.get(link.group(1));
        assertEquals("Activate your smartphone", browser.waitFor(By.tagName("h1")).getText());
        assertTrue(present(browser, By.cssSelector("#activate .qr svg[role='img']")));
        byte[] seed = Base32.decode(browser.textOf(By.id("secret")));
        browser.type(By.id("activate:code"), wrongCode(seed));
        browser.submit(By.id("activate:submit"));
        assertEquals("That code is not the one the app shows now. Check the app and try again.", messages(browser));
        browser.type(By.id("activate:code"), codeNow(seed));
        browser.submit(By.id("activate:submit"));
        assertEquals("Your smartphone is activated. You can now log in with it.", browser.textOf(By.id("activated")));

        browser.driver.get(link.group(1));
        assertTrue(browser.textOf(By.id("invalidText")).startsWith("This activation link is not valid, already used or expired."));
        try (Jmx admin = Jmx.admin()) {
            String devices = String.join("\n", (String[]) admin.invoke(Jmx.HELPDESK, "listDevices", user));
            assertTrue(devices.contains("smartphone 'iPhone' XXX-XXX-5555 active"), devices);
        }
    }

    @Test
    void aRememberedBrowserOpensThePortalButChangesNothingUntilTheUserProvesASecondFactorAgain() throws Exception {
        String user = unique("rb");
        byte[] seed;
        try (Jmx admin = Jmx.admin()) {
            seed = provision(admin, user, "Central Administration");
        }
        Browser browser = browser();
        browser.driver.get(base.toString());
        browser.type(By.id("login:username"), user);
        browser.type(By.id("login:password"), PASSWORD);
        browser.submit(By.id("login:submit"));
        browser.waitFor(By.id("prompt:remember")).click();
        browser.type(By.id("prompt:passcode"), codeNow(seed));
        browser.submit(By.id("prompt:verify"));
        browser.waitFor(By.id("success"));
        browser.driver.get(base + "portal");
        assertFalse(present(browser, By.id("stepUp")), "a factor was just proven: no step-up asked");
        browser.submit(By.id("session:logout"));

        // Someone at this browser later: the password and the remembered browser let them in, with no factor.
        browser.type(By.id("login:username"), user);
        browser.type(By.id("login:password"), PASSWORD);
        browser.submit(By.id("login:submit"));
        browser.waitFor(By.id("success"));
        browser.driver.get(base + "portal");
        assertEquals(TITLE, browser.waitFor(By.tagName("h1")).getText());
        assertTrue(browser.textOf(By.id("stepUp")).startsWith("To add, change or remove a device, or to set your PIN, confirm it's you"),
                browser.textOf(By.id("stepUp")));
        List<String> devicesBefore;
        try (Jmx admin = Jmx.admin()) {
            devicesBefore = List.of((String[]) admin.invoke(Jmx.HELPDESK, "listDevices", user));
        }
        String refused = "To change your settings, first confirm it's you with a second factor. Nothing was changed.";
        new Select(browser.waitFor(By.id("add:kind"))).selectByVisibleText("Smartphone (authenticator app)");
        browser.type(By.id("add:name"), "Attacker phone");
        browser.type(By.id("add:number"), "+1 555 010 6666");
        browser.submit(By.id("add:submit"));
        assertEquals(refused, messages(browser));
        assertFalse(present(browser, By.id("secret")), "no seed shown");
        browser.type(By.id("pin:dob"), "1970-01-01");
        browser.type(By.id("pin:value"), "0000");
        browser.submit(By.id("pin:save"));
        assertEquals(refused, messages(browser));
        assertTrue(browser.textOf(By.id("pinState")).startsWith("You have no PIN yet."));
        browser.type(inDevice("Token TOK-" + user, "input.rename"), "Gone");
        browser.submit(inDevice("Token TOK-" + user, "input.renameButton"));
        assertEquals(refused, messages(browser));
        browser.submit(inDevice("Token TOK-" + user, "input.remove"));
        assertEquals(refused, messages(browser));
        try (Jmx admin = Jmx.admin()) {
            assertEquals(devicesBefore, List.of((String[]) admin.invoke(Jmx.HELPDESK, "listDevices", user)), "nothing changed");
            assertTrue(((String) admin.invoke(Jmx.HELPDESK, "describeUser", user)).contains("no identity proof"));
            String trail = String.join("\n", admin.auditFor(user));
            for (String action : List.of("device.enroll", "user.identityProof", "device.rename", "device.remove")) {
                assertTrue(trail.contains(action + " " + user + " → refused (step_up_required)"), action + ": " + trail);
            }
            assertTrue(trail.contains("remembered login, no factor proven in this session"), trail);
        }

        // The step-up: the prompt asks the logged-in user for a factor (no password, no remembered browser) and comes back.
        String temporary;
        try (Jmx admin = Jmx.admin()) {
            temporary = temporaryPasscode(admin, user, 1);
        }
        browser.submit(By.id("stepUpLink"));
        assertTrue(browser.textOf(By.id("prompt:status")).startsWith("To change your settings, confirm it's you with a second factor."),
                browser.textOf(By.id("prompt:status")));
        assertFalse(present(browser, By.id("login:password")), "the password was checked in this session");
        assertFalse(present(browser, By.id("prompt:remember")), "a step-up is not remembered");
        browser.type(By.id("prompt:passcode"), temporary);
        browser.submit(By.id("prompt:verify"));
        browser.waitForUrl(u -> u.endsWith("/portal"));
        assertEquals(TITLE, browser.waitFor(By.tagName("h1")).getText());
        assertFalse(present(browser, By.id("stepUp")));
        browser.type(By.id("pin:dob"), "1970-01-01");
        browser.type(By.id("pin:value"), "2580");
        browser.submit(By.id("pin:save"));
        assertEquals("Your PIN is saved.", messages(browser));
        try (Jmx admin = Jmx.admin()) {
            assertTrue(((String) admin.invoke(Jmx.HELPDESK, "describeUser", user)).contains("identity proof set"));
        }
    }

    @Test
    void bypassRefusesTheSsnByDefaultTakesTheProofTheHelpDeskSetAndTellsTheUsersPhones() throws Exception {
        String user = unique("hp");
        try (Jmx admin = Jmx.admin()) {
            provision(admin, user, "Central Administration");
            admin.invoke(Jmx.HELPDESK, "enrollPhone", user, "+1 555 010 7777", "Spare phone");
            String set = (String) admin.invoke(Jmx.HELPDESK, "setIdentityProof", user, "1985-06-07", "2468", "1357");
            assertEquals("Identity proof of " + user + " set", set);
            Exception badDate = assertThrows(Exception.class, () -> admin.invoke(Jmx.HELPDESK, "setIdentityProof", user, "07/06/1985", "2468", ""));
            assertTrue(String.valueOf(badDate.getCause() == null ? badDate.getMessage() : badDate.getCause().getMessage()).contains("INVALID_DATE"), badDate.toString());
            String trail = String.join("\n", admin.auditFor(user));
            assertTrue(trail.contains("user.identityProof " + user + " → done"), trail);
            assertTrue(trail.contains("pin+ssn"), trail);
            assertFalse(trail.contains("2468") || trail.contains("1357") || trail.contains("1985-06-07"), "no proof in the audit: " + trail);
        }

        // The SSN's last 4 digits are not offered, and a forged post naming them gets no code.
        PageClient client = new PageClient();
        Map<String, String> login = PageClient.form(client.fetch(base.toURI().resolve("bypass")).body(), "login");
        login.put("login:username", user);
        login.put("login:password", PASSWORD);
        login.put("login:submit", "Submit");
        String proofPage = client.post(base.toURI().resolve("bypass"), login).body();
        assertTrue(proofPage.contains("Identify yourself by entering your date of birth and your PIN."), proofPage);
        assertFalse(proofPage.contains("value=\"SSN_LAST4\""), "the SSN is not offered");
        Map<String, String> ssn = PageClient.form(proofPage, "proof");
        ssn.put("proof:dob", "1985-06-07");
        ssn.put("proof:kind", "SSN_LAST4");
        ssn.put("proof:value", "1357");
        ssn.put("proof:submit", "Submit");
        String refused = client.post(base.toURI().resolve("bypass"), ssn).body();
        assertFalse(refused.contains("id=\"code\""), "no code for the SSN under the default policy");

        Browser browser = browser();
        browser.driver.get(base + "bypass");
        browser.type(By.id("login:username"), user);
        browser.type(By.id("login:password"), PASSWORD);
        browser.submit(By.id("login:submit"));
        assertEquals(List.of("PIN"), new Select(browser.waitFor(By.id("proof:kind"))).getOptions().stream().map(o -> o.getText()).toList());
        browser.type(By.id("proof:dob"), "1985-06-07");
        browser.type(By.id("proof:value"), "2468");
        browser.submit(By.id("proof:submit"));
        assertTrue(browser.textOf(By.id("code")).matches("[0-9]{9}"));

        String notice = textOnPhone(browser(), user + " — Spare phone (XXX-XXX-7777)", "bypass code");
        assertTrue(notice.contains("A bypass code was created for your account. If this was not you, contact"), notice);
        assertFalse(notice.matches(".*[0-9]{9}.*"), "the notice carries no code: " + notice);
        try (Jmx admin = Jmx.admin()) {
            String trail = String.join("\n", admin.auditFor(user));
            assertTrue(trail.contains("bypass.selfService " + user + " → allow"), trail);
            assertTrue(trail.contains("notice.bypassCode " + user + " → done"), trail);
            assertTrue(trail.contains("texted 1 of 1 phone(s)"), trail);
        }
    }

    // ---------------------------------------------------------------- first-login enrollment (NewUserPolicy)

    private static final String ENROLL_TITLE = "Add a device to log in";

    /** A user with a password and no device at all: a new user. */
    private static void newUser(String username) throws Exception {
        try (Jmx admin = Jmx.admin()) {
            admin.invoke(Jmx.ADMINISTRATION, "createUser", username, "Test " + username, "Central Administration");
            admin.invoke(Jmx.ADMINISTRATION, "setUserPassword", username, PASSWORD);
        }
    }

    /** The password at {@code /}; returns the browser on the page that follows. */
    private void password(Browser browser, String username) {
        browser.driver.get(base.toString());
        browser.type(By.id("login:username"), username);
        browser.type(By.id("login:password"), PASSWORD);
        browser.submit(By.id("login:submit"));
    }

    /** Whether this browser's session is logged in: the portal, opened in another tab, shows instead of the login page. */
    private boolean loggedIn(Browser browser) {
        String prompt = browser.driver.getWindowHandle();
        browser.driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        try {
            browser.driver.get(base + "portal");
            return TITLE.equals(browser.waitFor(By.tagName("h1")).getText());
        } finally {
            browser.driver.close();
            browser.driver.switchTo().window(prompt);
        }
    }

    private PreauthResult soapPreauth(String[] integration, String user) throws Exception {
        Preauth p = new Preauth();
        p.setUsername(user);
        return SoapClient.as(base, integration[0], integration[1]).preauth(p).getResult();
    }

    private static String trailOf(String user) throws Exception {
        try (Jmx admin = Jmx.admin()) {
            return String.join("\n", (String[]) admin.invoke(Jmx.HELPDESK, "recentAuthentications", user, 100));
        }
    }

    @Test
    void aNewUserAddsAnAuthenticatorAppOnThePromptAndIsLoggedInOnlyOnceAFirstCodeFromItIsConfirmed() throws Exception {
        String user = unique("nua");
        newUser(user);
        String[] integration;
        try (Jmx admin = Jmx.admin()) {
            integration = admin.createIntegration(unique("First login VPN "));
        }
        assertEquals(PreauthResult.ENROLL, soapPreauth(integration, user), "SOAP preauth says the same as the prompt: enroll");

        Browser browser = browser();
        password(browser, user);
        assertEquals(ENROLL_TITLE, browser.waitFor(By.tagName("h1")).getText());
        assertTrue(browser.driver.findElements(By.id("prompt:passcode")).isEmpty(), "no second factor to choose: there is none");
        new Select(browser.waitFor(By.id("enroll:kind"))).selectByVisibleText("Authenticator app on a smartphone or tablet");
        browser.submit(By.id("enroll:begin"));
        assertTrue(present(browser, By.cssSelector(".qr svg")), "the QR code of the app's secret");
        byte[] seed = Base32.decode(browser.textOf(By.id("secret")));

        // a code the app does not show: refused, counted, and the person is not logged in
        browser.type(By.id("enroll:code"), wrongCode(seed));
        browser.submit(By.id("enroll:confirm"));
        assertEquals("That code is not the one the app shows now. Check the app and try again.", messages(browser));
        assertTrue(browser.driver.findElements(By.id("success")).isEmpty());
        assertFalse(loggedIn(browser), "a device not confirmed logs nobody in");
        try (Jmx admin = Jmx.admin()) {
            String devices = String.join("\n", (String[]) admin.invoke(Jmx.HELPDESK, "listDevices", user));
            assertTrue(devices.contains("smartphone 'Smartphone' pending"), devices);
            assertTrue(((String) admin.invoke(Jmx.HELPDESK, "describeUser", user)).contains("1 consecutive failures"), "the wrong code counted");
        }

        browser.type(By.id("enroll:code"), codeNow(seed));
        browser.submit(By.id("enroll:confirm"));
        browser.waitFor(By.id("success"));
        assertTrue(loggedIn(browser));
        String trail = trailOf(user);
        assertTrue(trail.contains("auth.newUser " + user + " → enroll"), trail);
        assertTrue(trail.contains("device.activate " + user + " → deny (wrong_code)"), trail);
        assertTrue(trail.contains("device.activate " + user + " → done"), trail);
        assertTrue(trail.contains("auth.newUser " + user + " → allow"), trail);
        assertEquals(PreauthResult.AUTH, soapPreauth(integration, user), "now a user with a device");

        // the next login is the usual prompt; no second first device
        browser.driver.get(base + "portal");
        browser.submit(By.id("session:logout"));
        password(browser, user);
        browser.waitFor(By.id("prompt:passcode"));
        assertTrue(browser.driver.findElements(By.id("enroll:kind")).isEmpty());
    }

    @Test
    void aNewUserAddsAMobilePhoneVerifiedByTheTextedCodeAndALandlineByTheCodeACallReads() throws Exception {
        String mobileUser = unique("num");
        newUser(mobileUser);
        String four = Fixtures.lastFour();
        Browser browser = browser();
        password(browser, mobileUser);
        new Select(browser.waitFor(By.id("enroll:kind"))).selectByVisibleText("Mobile phone (text messages)");
        browser.type(By.id("enroll:number"), "+1 555 021 " + four);
        browser.submit(By.id("enroll:begin"));
        assertEquals("We texted a code to XXX-XXX-" + four + ".", browser.textOf(By.id("texted")));
        String texted = codeTextedTo(browser(), mobileUser + " — Mobile phone (XXX-XXX-" + four + ")");
        browser.type(By.id("enroll:code"), otherThan(texted));
        browser.submit(By.id("enroll:confirm"));
        assertEquals("That code is not the one we texted, or it has expired. Try again.", messages(browser));
        assertFalse(loggedIn(browser), "a wrong texted code logs nobody in");
        browser.type(By.id("enroll:code"), texted);
        browser.submit(By.id("enroll:confirm"));
        browser.waitFor(By.id("success"));
        assertTrue(loggedIn(browser));
        try (Jmx admin = Jmx.admin()) {
            String devices = String.join("\n", (String[]) admin.invoke(Jmx.HELPDESK, "listDevices", mobileUser));
            assertTrue(devices.contains("mobile_phone 'Mobile phone' XXX-XXX-" + four + " active"), devices);
        }

        String landlineUser = unique("nul");
        newUser(landlineUser);
        String desk = Fixtures.lastFour();
        Browser other = browser();
        password(other, landlineUser);
        new Select(other.waitFor(By.id("enroll:kind"))).selectByVisibleText("Landline (a call reads a code)");
        other.type(By.id("enroll:number"), "+1 410 555 " + desk);
        other.type(By.id("enroll:extension"), "12");
        other.submit(By.id("enroll:begin"));
        assertEquals("We are calling XXX-XXX-" + desk + ". The call reads a code.", other.textOf(By.id("called")));
        String read = codeReadByCall(browser(), landlineUser + " — Landline (XXX-XXX-" + desk + ")");
        other.type(By.id("enroll:code"), otherThan(read));
        other.submit(By.id("enroll:confirm"));
        assertEquals("That code is not the one the call read, or it has expired. Try again.", messages(other));
        assertFalse(loggedIn(other), "a wrong code read by the call logs nobody in");
        other.type(By.id("enroll:code"), read);
        other.submit(By.id("enroll:confirm"));
        other.waitFor(By.id("success"));
        assertTrue(loggedIn(other));
        String trail = trailOf(landlineUser);
        assertTrue(trail.contains("device.verifyNumber " + landlineUser + " → done (called)"), trail);
        assertTrue(trail.contains("auth.newUser " + landlineUser + " → allow"), trail);
    }

    @Test
    void newUserPolicyDenyRefusesANewUserAndAllowLetsThemInWithoutAFactorBothAuditedAndAnsweredSoByPreauth() throws Exception {
        String user = unique("nup");
        newUser(user);
        String[] integration;
        try (Jmx admin = Jmx.admin()) {
            integration = admin.createIntegration(unique("Policy VPN "));
        }
        try {
            try (Jmx admin = Jmx.admin()) {
                admin.set(Jmx.ADMINISTRATION, "NewUserPolicy", "deny");
                assertEquals("deny", admin.get(Jmx.ADMINISTRATION, "NewUserPolicy"));
            }
            Browser browser = browser();
            password(browser, user);
            assertEquals("Your account has no device for the second step of logging in, and you cannot add one here. Contact your help desk.",
                    messages(browser));
            assertTrue(present(browser, By.id("login:username")), "back at the password");
            assertFalse(present(browser, By.id("enroll:kind")), "nothing to enroll");
            assertFalse(loggedIn(browser));
            assertEquals(PreauthResult.DENY, soapPreauth(integration, user));
            assertTrue(trailOf(user).contains("auth.newUser " + user + " → deny (new_user_denied)"), trailOf(user));

            try (Jmx admin = Jmx.admin()) {
                admin.set(Jmx.ADMINISTRATION, "NewUserPolicy", "allow");
            }
            password(browser, user);
            browser.waitFor(By.id("success"));
            assertTrue(loggedIn(browser), "let in without a second factor, as the policy says");
            assertEquals(PreauthResult.ALLOW, soapPreauth(integration, user));
            String trail = trailOf(user);
            assertTrue(trail.contains("auth.newUser " + user + " → allow (new_user_allowed)"), trail);
            // ... which proves no factor: the portal changes nothing without one
            browser.driver.get(base + "portal");
            assertTrue(browser.waitFor(By.tagName("body")).getText().contains("confirm it's you with a second factor"), "step-up asked");
        } finally {
            try (Jmx admin = Jmx.admin()) {
                admin.set(Jmx.ADMINISTRATION, "NewUserPolicy", "enroll");
            }
        }
    }
}
