package org.twofold.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twofold.it.Fixtures.codeNow;
import static org.twofold.it.Fixtures.newSeed;
import static org.twofold.it.Fixtures.unique;
import static org.twofold.it.SoapClient.passcode;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.twofold.passcode.Base32;
import org.twofold.ws.contract.AuthServicePortType;
import org.twofold.ws.contract.Result;

/**
 * Users from the campus directory, end to end: a real OpenLDAP {@code slapd} ({@link Slapd}) holding a
 * generated organisation, and Twofold started as an operator would start it against that directory
 * ({@code TWOFOLD_LDAP_*}: {@code ldap://} with StartTLS checked against the campus CA, the service
 * account's password in a file; the directory refuses any bind not protected by TLS). The sync creates, updates and
 * disables users; directory users log in with their directory password (a bind, checked at each login)
 * on the page and then over SOAP with a TOTP code; a directory that stops answering makes their logins
 * "try again later" while local users log in and nobody is disabled; and what attackers type as a
 * username binds nobody (slapd's own access log is the witness).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DirectoryIT {
    private static final String ADMIN = Jmx.ADMINISTRATION;
    private static final String HELPDESK = Jmx.HELPDESK;
    private static final String[] DEPARTMENTS = {"Law", "History", "Physics", "Medicine"};
    /** The organisation at the start: 12 people in four departments, one of them disabled in the directory, one with a non-ASCII name. */
    private static final List<Slapd.Person> PEOPLE = new ArrayList<>();

    static {
        for (int i = 0; i < 10; i++) {
            PEOPLE.add(new Slapd.Person("p" + i, "Person " + i, DEPARTMENTS[i % DEPARTMENTS.length], "Directory-pw-" + i, false));
        }
        PEOPLE.add(new Slapd.Person("zoe", "Zoë Ångström-Øre", "Physics", "Zoë-pässword-1", false));
        PEOPLE.add(new Slapd.Person("dora", "Dora Disabled", "Law", "Dora-password-1", true));
    }

    /** Groups mapped to departments (TWOFOLD_LDAP_DEPARTMENT_GROUPS): p0 is in the dean's office whatever its departmentNumber says. */
    private static final List<Slapd.Group> GROUPS = List.of(new Slapd.Group("deans-office", List.of("p0")),
            new Slapd.Group("physics", List.of("zoe", "p3", "p0")));
    private static final String DEPARTMENT_GROUPS = "Dean's Office: cn=deans-office," + Slapd.GROUPS + "; Physics: cn=physics," + Slapd.GROUPS;

    private static Slapd slapd;
    /** The RADIUS port of the directory's server (RADIUS is off in the other servers of the suite). */
    private static int radiusPort;
    private static MicroServer server;
    private static String firstSync;
    private static String[] integration;
    private static final String LOCAL = unique("local");
    private static final String LOCAL_PASSWORD = "Local-password-1";
    private static byte[] localSeed;

    @RegisterExtension
    final ScreenshotOnFailure screenshots = new ScreenshotOnFailure();

    @BeforeAll
    static void start() throws Exception {
        slapd = Slapd.start("directory", PEOPLE, GROUPS);
        Path passwordFile = slapd.dir.resolve("bind-password");
        Files.writeString(passwordFile, Slapd.SERVICE_PASSWORD + "\n");
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        server = MicroServer.fresh("directory", "-Dtwofold.ldap.url=" + slapd.url(), "-Dtwofold.ldap.ca.file=" + slapd.caFile(),
                "-Dtwofold.ldap.bind.dn=" + Slapd.SERVICE_DN, "-Dtwofold.ldap.bind.password.file=" + passwordFile,
                "-Dtwofold.ldap.user.base=" + Slapd.PEOPLE, "-Dtwofold.ldap.user.filter=(objectClass=inetOrgPerson)",
                "-Dtwofold.ldap.disabled.filter=(employeeType=disabled)", "-Dtwofold.ldap.department.groups=" + DEPARTMENT_GROUPS,
                "-Dtwofold.ldap.sync.minutes=0", "-Dtwofold.radius.port=" + (radiusPort = MicroServer.freePort())).start();
        try (Jmx admin = server.admin()) {
            firstSync = (String) admin.invoke(ADMIN, "syncDirectory");
            localSeed = newSeed();
            admin.provisionUserWithTotpToken(LOCAL, LOCAL_PASSWORD, Base32.encode(localSeed));
            integration = admin.createIntegration(unique("VPN "));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (slapd != null) {
            slapd.close();
        }
    }

    private static String sync() throws Exception {
        try (Jmx admin = server.admin()) {
            return (String) admin.invoke(ADMIN, "syncDirectory");
        }
    }

    private static String describe(String user) throws Exception {
        try (Jmx admin = server.admin()) {
            return (String) admin.invoke(HELPDESK, "describeUser", user);
        }
    }

    private static String trail(String user) throws Exception {
        try (Jmx admin = server.admin()) {
            return String.join("\n", admin.auditFor(user));
        }
    }

    /** The password step on the login page (raw posts): the page that follows it. */
    private static String passwordStep(String username, String password) throws Exception {
        PageClient page = new PageClient(URI.create(server.base().toString()), null);
        page.get("");
        return page.submit("login", Map.of("username", username, "password", password), "submit");
    }

    /**
     * Whether the password step passed: the prompt, or — for a person the directory brought in
     * without a device yet (NewUserPolicy enroll, the default) — the prompt's "Add a device to log in".
     */
    private static boolean atPrompt(String page) {
        return page.contains("id=\"prompt\"") || page.contains("id=\"enroll\"");
    }

    private static String consoleMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t instanceof javax.management.JMException || t instanceof javax.management.JMRuntimeException)) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** "created N, updated N, ..." → N of {@code what}. */
    private static int count(String report, String what) {
        Matcher m = Pattern.compile(what + " ([0-9]+)").matcher(report);
        assertTrue(m.find(), report);
        return Integer.parseInt(m.group(1));
    }

    /** A new person in the directory, synced into Twofold; returns the sync's report. */
    private static String newSyncedPerson(Slapd.Person p) throws Exception {
        slapd.add(p);
        String report = sync();
        assertEquals(1, count(report, "created"), report);
        return report;
    }

    @Test
    @Order(1)
    void theFirstSyncCreatesTheDirectorysPeopleWithTheirAttributesAndTheSecondChangesNothing() throws Exception {
        assertTrue(firstSync.startsWith("created 11, updated 0, disabled 0, unchanged 0, errors 0, "), firstSync);
        String zoe = describe("zoe");
        assertTrue(zoe.startsWith("zoe (Zoë Ångström-Øre, Physics) active"), zoe);
        assertTrue(zoe.contains(", source directory (last sync 20"), zoe);
        assertTrue(describe("p1").startsWith("p1 (Person 1, History) active"), describe("p1"));
        assertTrue(describe("p0").startsWith("p0 (Person 0, Dean's Office) active"), "the first mapped group wins over the attribute: " + describe("p0"));
        assertTrue(describe("p3").startsWith("p3 (Person 3, Physics) active"), "a group's department over the attribute (Medicine): " + describe("p3"));
        assertTrue(describe(LOCAL).contains(", source local, "), describe(LOCAL));
        try (Jmx admin = server.admin()) {
            Exception dora = assertThrows(Exception.class, () -> admin.invoke(HELPDESK, "describeUser", "dora"));
            assertTrue(consoleMessage(dora).startsWith("UNKNOWN_USER"), "disabled in the directory (the disabled filter): not created: " + consoleMessage(dora));
        }
        String trail = trail("zoe");
        assertTrue(trail.contains(" directory user.create zoe → done — from the directory, Physics"), trail);
        assertTrue(String.join("\n", recent()).contains("directory.sync → done from "), "the sync is audited with the operator who asked for it");

        String second = sync();
        assertTrue(second.startsWith("created 0, updated 0, disabled 0, unchanged 11, errors 0, "), second);
        try (Jmx admin = server.admin()) {
            String last = (String) admin.get("org.twofold:type=Statistics", "LastDirectorySync");
            assertTrue(last.contains(" directory.sync → done from ") && last.endsWith("— " + second), "Statistics shows the last sync's report: " + last);
        }
        System.out.println("DirectoryIT: first sync " + firstSync + "; second sync " + second);
    }

    private static List<String> recent() throws Exception {
        try (Jmx admin = server.admin()) {
            return List.of(admin.recentAudit());
        }
    }

    @Test
    @Order(2)
    void aDirectoryUserLogsInOnThePageWithTheDirectoryPasswordAndATotpCodeAndOverSoap() throws Exception {
        String uid = unique("pat");
        newSyncedPerson(new Slapd.Person(uid, "Pat Ïnstructor", "Law", "Pat-directory-pw", false));
        byte[] seed = newSeed();
        try (Jmx admin = server.admin()) {
            String serial = "TOK-" + uid;
            admin.invoke(ADMIN, "importToken", serial, "totp", Base32.encode(seed), 6);
            admin.invoke(ADMIN, "assignToken", uid, serial);
            Exception local = assertThrows(Exception.class, () -> admin.invoke(ADMIN, "setUserPassword", uid, "A-local-password"));
            assertTrue(consoleMessage(local).startsWith("DIRECTORY_USER"), "no local password for a directory user: " + consoleMessage(local));
        }
        try (Browser browser = new Browser()) {
            screenshots.watch("browser", browser.driver);
            browser.driver.get(server.base().toString());
            browser.type(By.id("login:username"), uid);
            browser.type(By.id("login:password"), "A-local-password");
            browser.submit(By.id("login:submit"));
            assertEquals("Incorrect username or password.", browser.waitFor(By.id("messages")).getText());

            browser.type(By.id("login:password"), "Pat-directory-pw");
            browser.submit(By.id("login:submit"));
            assertEquals("Choose an authentication method", browser.waitFor(By.tagName("h1")).getText());
            browser.type(By.id("prompt:passcode"), codeNow(seed));
            browser.submit(By.id("prompt:verify"));
            assertEquals("Success. Logging you in...", browser.waitFor(By.id("success")).getText());
        }
        AuthServicePortType soap = SoapClient.as(server.base(), integration[0], integration[1]);
        // the step after the one the page used: a code the server has not seen yet
        String next = org.twofold.passcode.Totp.generate(seed, org.twofold.passcode.Totp.step(java.time.Instant.now()) + 1, 6,
                org.twofold.passcode.OtpAlgorithm.SHA1);
        assertEquals(Result.ALLOW, soap.auth(passcode(uid, next)).getResult());
        String trail = trail(uid);
        assertTrue(trail.contains("user:" + uid + " login.password " + uid + " → deny (wrong_password)"), trail);
        assertTrue(trail.contains("user:" + uid + " login.password " + uid + " → allow"), trail);
        assertTrue(trail.contains("integration:" + integration[0] + " auth.passcode " + uid + " → allow"), trail);
        assertTrue(slapd.binds().contains("uid=" + uid + "," + Slapd.PEOPLE), "the password was checked by a bind as the user's entry");
    }

    @Test
    @Order(3)
    void aPasswordChangedInTheDirectoryCountsAtTheNextLoginWithoutASync() throws Exception {
        String uid = unique("chg");
        newSyncedPerson(new Slapd.Person(uid, "Chris Changer", "History", "Old-directory-pw", false));
        assertTrue(atPrompt(passwordStep(uid, "Old-directory-pw")));
        slapd.changePassword(uid, "New-directory-pw");
        assertFalse(atPrompt(passwordStep(uid, "Old-directory-pw")), "the old password no longer works");
        assertTrue(atPrompt(passwordStep(uid, "New-directory-pw")), "the new one does, with no sync in between");
    }

    @Test
    @Order(4)
    void usersGoneFromOrDisabledInTheDirectoryAreDisabledAtTheNextSyncKeepTheirDevicesAndCannotLogIn() throws Exception {
        String gone = unique("rita");
        String off = unique("sam");
        newSyncedPerson(new Slapd.Person(gone, "Rita Leaver", "Medicine", "Rita-directory-pw", false));
        newSyncedPerson(new Slapd.Person(off, "Sam Suspended", "Law", "Sam-directory-pw", false));
        try (Jmx admin = server.admin()) {
            admin.invoke(HELPDESK, "enrollLandline", gone, "+1 410 555 0199", "1234", "Desk");
        }
        assertTrue(atPrompt(passwordStep(gone, "Rita-directory-pw")));

        slapd.delete(gone);
        String refused = passwordStep(gone, "Rita-directory-pw");
        assertFalse(atPrompt(refused), "gone from the directory: no login, even before the sync");
        assertTrue(refused.contains("Incorrect username or password."), refused);
        assertTrue(trail(gone).lines().anyMatch(l -> l.contains("login.password " + gone + " → deny (disabled)") && l.endsWith("— not in the directory")), trail(gone));

        String report = sync();
        assertEquals(1, count(report, "disabled"), report);
        assertTrue(describe(gone).contains(") disabled"), describe(gone));
        assertTrue(describe(gone).contains("gone from the directory since"), describe(gone));
        assertTrue(trail(gone).contains(" directory user.status " + gone + " → done (gone_from_directory) — active → disabled"), trail(gone));

        slapd.replace(off, "employeeType", "disabled");
        String suspended = sync();
        assertEquals(1, count(suspended, "disabled"), suspended);
        assertTrue(describe(off).contains(") disabled"), describe(off));
        assertTrue(trail(off).contains(" directory user.status " + off + " → done (disabled_in_directory) — active → disabled"), trail(off));
        try (Jmx admin = server.admin()) {
            assertEquals(1, ((String[]) admin.invoke(HELPDESK, "listDevices", gone)).length, "its devices are kept");
        }
        assertFalse(atPrompt(passwordStep(off, "Sam-directory-pw")), "disabled in the directory: no login");

        // back in the directory: active again, with the device it had
        slapd.add(new Slapd.Person(gone, "Rita Leaver", "Medicine", "Rita-directory-pw", false));
        String back = sync();
        assertEquals(1, count(back, "updated"), back);
        assertTrue(describe(gone).contains(") active"), describe(gone));
        assertTrue(describe(gone).contains("1 device(s)"), describe(gone));
        assertTrue(atPrompt(passwordStep(gone, "Rita-directory-pw")));
    }

    @Test
    @Order(5)
    void aSyncThatWouldDisableTooManyDisablesNobodyAndSaysSo() throws Exception {
        List<Slapd.Person> leaving = PEOPLE.subList(7, 10);
        for (Slapd.Person p : leaving) {
            slapd.delete(p.uid());
        }
        try {
            String report = sync();
            assertEquals(0, count(report, "disabled"), report);
            assertTrue(report.contains("; refused to disable 3 of "), report);
            for (Slapd.Person p : leaving) {
                assertTrue(describe(p.uid()).contains(") active"), "nobody is disabled: " + describe(p.uid()));
            }
            assertTrue(String.join("\n", recent()).contains(" directory directory.sync → refused (mass_disable) — would disable 3 of "),
                    "the refusal is audited");
        } finally {
            for (Slapd.Person p : leaving) {
                slapd.add(p);
            }
        }
        String back = sync();
        assertEquals(0, count(back, "disabled"), back);
        assertFalse(back.contains("refused"), back);
    }

    @Test
    @Order(6)
    void whileTheDirectoryIsDownItsUsersAreToldToTryLaterLocalUsersLogInAndNobodyIsDisabled() throws Exception {
        String uid = unique("dana");
        newSyncedPerson(new Slapd.Person(uid, "Dana Waiting", "Physics", "Dana-directory-pw", false));
        slapd.stop();
        try {
            try (Browser browser = new Browser()) {
                screenshots.watch("browser", browser.driver);
                browser.driver.get(server.base().toString());
                browser.type(By.id("login:username"), uid);
                browser.type(By.id("login:password"), "Dana-directory-pw");
                browser.submit(By.id("login:submit"));
                assertEquals("Your password cannot be checked right now. Please try again later.", browser.waitFor(By.id("messages")).getText());
            }
            for (int i = 0; i < 3; i++) {
                assertFalse(atPrompt(passwordStep(uid, "Dana-directory-pw")));
            }
            assertTrue(trail(uid).contains("login.password " + uid + " → deny (directory_unavailable)"), trail(uid));
            assertTrue(describe(uid).contains(") active, 0 consecutive failures"), "no lockout count: " + describe(uid));

            assertTrue(atPrompt(passwordStep(LOCAL, LOCAL_PASSWORD)), "a local user still logs in");

            try (Jmx admin = server.admin()) {
                Exception down = assertThrows(Exception.class, () -> admin.invoke(ADMIN, "syncDirectory"));
                assertTrue(consoleMessage(down).startsWith("DIRECTORY_UNAVAILABLE"), consoleMessage(down));
            }
            for (String user : List.of(uid, "zoe", "p0", "p9")) {
                assertTrue(describe(user).contains(") active"), "nobody is disabled: " + describe(user));
            }
            assertTrue(String.join("\n", recent()).contains("directory.sync → refused (directory_unavailable)"), "the failed sync is audited");
        } finally {
            slapd.start();
        }
        assertTrue(atPrompt(passwordStep(uid, "Dana-directory-pw")), "back as soon as the directory answers");
    }

    @Test
    @Order(7)
    void whatAttackersTypeAsAUsernameBindsNobody() throws Exception {
        List<String> before = slapd.binds();
        for (String typed : List.of("*", "p*", ")(uid=*", "*)(uid=*))(|(uid=*", "p1)(|(uid=*", "*\u0000", "\u0000", "p1\\2a", "(uid=p1)", "zoe)(uid=p1")) {
            String page = passwordStep(typed, "Directory-pw-1");
            assertFalse(atPrompt(page), typed);
            assertTrue(page.contains("Incorrect username or password."), typed);
        }
        List<String> after = slapd.binds();
        assertEquals(List.of(), after.subList(before.size(), after.size()).stream().filter(dn -> !dn.equals(Slapd.SERVICE_DN)).toList(),
                "no person's entry was bound");
    }

    /**
     * The directory's certificate is checked: against the configured CA (a client trusting another CA
     * reaches nobody, and says the directory is unavailable rather than the password wrong), for the
     * host name; and without StartTLS the directory refuses the binds (no password in clear).
     */
    @Test
    @Order(8)
    void startTlsIsCheckedAgainstTheCampusCaAndNothingIsSentInClear() throws Exception {
        org.twofold.directory.DirectoryConfig.Attributes attributes = new org.twofold.directory.DirectoryConfig.Attributes("uid", "displayName",
                "departmentNumber", "mail", "mobile");
        java.util.function.BiFunction<Boolean, Path, org.twofold.directory.DirectoryClient> client = (startTls, ca) ->
                new org.twofold.directory.DirectoryClient(new org.twofold.directory.DirectoryConfig(
                        List.of(new org.twofold.directory.DirectoryConfig.Server("localhost", slapd.port, false)), startTls, ca, Slapd.SERVICE_DN,
                        Slapd.SERVICE_PASSWORD.toCharArray(), Slapd.PEOPLE, Slapd.FILTER, attributes, 0, 10));
        assertEquals(org.twofold.directory.DirectoryClient.Answer.BOUND, client.apply(true, slapd.caFile()).authenticate("p2", "Directory-pw-2".toCharArray()));

        Path otherCa = Slapd.makeCertificates(slapd.dir.resolve("other-ca"));
        List<String> before = slapd.binds();
        assertEquals(org.twofold.directory.DirectoryClient.Answer.UNAVAILABLE, client.apply(true, otherCa).authenticate("p2", "Directory-pw-2".toCharArray()),
                "a directory whose certificate another CA signed is not trusted");
        assertEquals(org.twofold.directory.DirectoryClient.Answer.UNAVAILABLE, client.apply(false, slapd.caFile()).authenticate("p2", "Directory-pw-2".toCharArray()),
                "without StartTLS the directory refuses the service account's bind");
        List<String> after = slapd.binds();
        assertFalse(after.subList(before.size(), after.size()).contains("uid=p2," + Slapd.PEOPLE), "p2's password was never sent");
        assertTrue(Files.readString(slapd.log(), java.nio.charset.StandardCharsets.ISO_8859_1).contains("STARTTLS"), "Twofold's connections use StartTLS");
    }

    /**
     * The directory's phone numbers are offered, not trusted: the help desk sees them as "from the
     * directory (not enrolled)", and the user's portal offers each as a device to add, which is then
     * enrolled as a number typed in would be — pending until the code texted to it comes back.
     */
    @Test
    @Order(9)
    void theDirectorysPhoneNumbersAreOfferedToEnrollAndVerifiedBeforeUse() throws Exception {
        String uid = unique("opal");
        newSyncedPerson(new Slapd.Person(uid, "Opal Offered", "Law", "Opal-directory-pw", false, "+1 410 555 0177", "+1 410 555 0188"));
        byte[] seed = newSeed();
        try (Jmx admin = server.admin()) {
            admin.invoke(ADMIN, "importToken", "TOK-" + uid, "totp", Base32.encode(seed), 6);
            admin.invoke(ADMIN, "assignToken", uid, "TOK-" + uid);
        }
        assertTrue(describe(uid).contains(", from the directory (not enrolled): mobile XXX-XXX-0177, telephone XXX-XXX-0188"), describe(uid));

        try (Browser browser = new Browser(); Browser phone = new Browser()) {
            screenshots.watch("browser", browser.driver);
            screenshots.watch("phone", phone.driver);
            browser.driver.get(server.base().toString());
            browser.type(By.id("login:username"), uid);
            browser.type(By.id("login:password"), "Opal-directory-pw");
            browser.submit(By.id("login:submit"));
            browser.type(By.id("prompt:passcode"), codeNow(seed));
            browser.submit(By.id("prompt:verify"));
            browser.waitFor(By.id("success"));
            browser.driver.get(server.base() + "portal");
            assertEquals("From the directory: Mobile phone (calls and text messages) XXX-XXX-0177. It is verified before it is used.",
                    browser.textOf(By.id("directory:offers:0:offer")));
            assertEquals("From the directory: Landline (calls) XXX-XXX-0188. It is verified before it is used.",
                    browser.textOf(By.id("directory:offers:1:offer")));
            browser.submit(By.id("directory:offers:0:add"));
            assertEquals("We texted a code to XXX-XXX-0177.", browser.textOf(By.id("texted")));
            try (Jmx admin = server.admin()) {
                String[] devices = (String[]) admin.invoke(HELPDESK, "listDevices", uid);
                assertTrue(java.util.Arrays.stream(devices).anyMatch(d -> d.contains("XXX-XXX-0177 pending")),
                        "not trusted: pending until its code comes back " + java.util.Arrays.toString(devices));
            }
            phone.openPhone(server.base(), uid + " — Mobile phone (calls and text messages) (XXX-XXX-0177)");
            By line = By.xpath("//div[contains(@class,'line') and contains(@class,'text')]/span[@class='body'][contains(., 'verification code')]");
            phone.await(line);
            Matcher code = Pattern.compile("verification code: ([0-9]{6})").matcher(phone.textOf(line));
            assertTrue(code.find(), phone.textOf(line));
            browser.type(By.id("confirm:code"), code.group(1));
            browser.submit(By.id("confirm:activate"));
            assertEquals("Your device is activated.", browser.textOf(By.id("messages")));
        }
        try (Jmx admin = server.admin()) {
            String[] devices = (String[]) admin.invoke(HELPDESK, "listDevices", uid);
            assertTrue(java.util.Arrays.stream(devices).anyMatch(d -> d.contains("mobile_phone") && d.contains("XXX-XXX-0177 active")),
                    java.util.Arrays.toString(devices));
        }
        assertTrue(describe(uid).contains(", from the directory (not enrolled): telephone XXX-XXX-0188,"), "only the telephone is still offered: " + describe(uid));
        assertTrue(trail(uid).contains("device.verifyNumber " + uid + " → done (texted)"), trail(uid));
    }

    /**
     * The schedule ({@code TWOFOLD_LDAP_SYNC_MINUTES}): a server started with a one-minute interval
     * on a fresh database syncs the directory by itself, with the actor {@code directory}, at its
     * first timer tick (the lease row's first due time is the start); nobody asks it to.
     */
    @Test
    @Order(10)
    void aServerWithAScheduleSyncsTheDirectoryByItself() throws Exception {
        Path passwordFile = slapd.dir.resolve("bind-password");
        try (MicroServer scheduled = MicroServer.fresh("directory-scheduled", "-Dtwofold.ldap.url=" + slapd.url(), "-Dtwofold.ldap.ca.file=" + slapd.caFile(),
                "-Dtwofold.ldap.bind.dn=" + Slapd.SERVICE_DN, "-Dtwofold.ldap.bind.password.file=" + passwordFile,
                "-Dtwofold.ldap.user.base=" + Slapd.PEOPLE, "-Dtwofold.ldap.user.filter=(objectClass=inetOrgPerson)",
                "-Dtwofold.ldap.disabled.filter=(employeeType=disabled)", "-Dtwofold.ldap.sync.minutes=1").start();
             Jmx admin = scheduled.admin()) {
            java.time.Instant deadline = java.time.Instant.now().plus(java.time.Duration.ofMinutes(3));
            String synced = null;
            while (synced == null) {
                synced = java.util.Arrays.stream(admin.recentAudit()).filter(l -> l.contains(" directory directory.sync → done")).findFirst().orElse(null);
                if (synced == null) {
                    assertTrue(java.time.Instant.now().isBefore(deadline), "no scheduled sync within 3 minutes of the start");
                    Thread.sleep(500); // between two checks of the condition
                }
            }
            assertTrue(synced.contains("— created "), synced);
            assertTrue(((String) admin.invoke(HELPDESK, "describeUser", "zoe")).startsWith("zoe (Zoë Ångström-Øre, Physics) active"));
            String last = (String) admin.get("org.twofold:type=Statistics", "LastDirectorySync");
            assertTrue(last.contains(" directory directory.sync → done"), "the scheduled sync's actor is the directory, not an operator: " + last);
        }
    }

    /**
     * The VPN: a directory user's password over RADIUS (append mode) is the directory's, checked by
     * a bind like the page's, then the passcode — the same facade as every door.
     */
    @Test
    @Order(11)
    void aDirectoryUserLogsInOverRadiusWithTheDirectoryPasswordAndAPasscode() throws Exception {
        String uid = unique("vic");
        newSyncedPerson(new Slapd.Person(uid, "Vic Vpn", "Law", "Vic-directory-pw", false));
        byte[] seed = newSeed();
        String secret;
        try (Jmx admin = server.admin()) {
            admin.invoke(ADMIN, "importToken", "TOK-" + uid, "totp", Base32.encode(seed), 6);
            admin.invoke(ADMIN, "assignToken", uid, "TOK-" + uid);
            javax.management.openmbean.CompositeData nas = (javax.management.openmbean.CompositeData) admin.invoke(ADMIN, "createRadiusClient",
                    unique("vpn"), "127.0.0.1", "password+mfa");
            secret = (String) nas.get("sharedSecret");
        }
        RadiusIT.radclient(radiusPort, secret, RadiusIT.attributes(uid, "Not-the-directory-pw," + codeNow(seed), true), 10).rejected("Login denied.");
        RadiusIT.radclient(radiusPort, secret, RadiusIT.attributes(uid, "Vic-directory-pw," + codeNow(seed), true), 10).accepted();
        assertTrue(slapd.binds().contains("uid=" + uid + "," + Slapd.PEOPLE), "the password was checked by a bind as the user's entry");
        String trail = trail(uid);
        assertTrue(trail.contains("login.password " + uid + " → deny (wrong_password)"), trail);
        assertTrue(trail.contains("auth.passcode " + uid + " → allow"), trail);
    }
}
