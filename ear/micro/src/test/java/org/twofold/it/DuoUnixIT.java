package org.twofold.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twofold.it.Fixtures.inBackground;
import static org.twofold.it.Fixtures.lastFour;
import static org.twofold.it.Fixtures.unique;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Debian 12's own Duo Unix software logging users in against Twofold: {@code pam_duo.so} (package
 * libpam-duo 1.11.3) driven by {@code pamtester} through a PAM service file, and {@code login_duo}
 * (package login-duo). They speak Duo's legacy REST v1 ({@code /rest/v1/*.bson}), not Auth API v2:
 * Twofold answers it ({@code DuoUnixApi}) over its own HTTPS with the test certificate, which the
 * clients' {@code cafile} names (they verify it, and its name, themselves). Every configuration says
 * {@code failmode = secure}: duo_unix's default ({@code safe}) lets a user in when the server cannot be
 * reached or refuses the keys, which would let a broken server pass these tests.
 *
 * <p>pam_duo looks the user up in {@code /etc/passwd}, so its users are the system accounts of every
 * Debian machine ({@code daemon}, {@code bin}, {@code sys}, {@code games}), created in Twofold under
 * the same names on this class's own server. The tests run as root (as here and in CI): they write
 * {@code /etc/pam.d/twofold-it-*} and remove it after.
 */
class DuoUnixIT {
    private static final String PAMTESTER = "/usr/bin/pamtester";
    private static final String LOGIN_DUO = "/usr/sbin/login_duo";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The end of pam_duo's menu, where it waits for the user's answer. */
    private static final String MENU = "Passcode or option (1-";
    private static MicroServer server;
    private static Path work;
    private static Path cafile;

    @BeforeAll
    static void startWithHttps() throws Exception {
        Path keystore = Path.of(DuoUnixIT.class.getResource("/tls/test-https.p12").toURI());
        server = MicroServer.freshWithHttps("duounix", keystore, HttpsIT.KEYSTORE_PASSWORD, "-Dtwofold.duo.rest.v1=true").start();
        work = Files.createTempDirectory("duo-unix-it", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        cafile = work.resolve("twofold-test-ca.pem");
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            p12.load(in, HttpsIT.KEYSTORE_PASSWORD.toCharArray());
        }
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(p12.getCertificate("twofold").getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        Files.writeString(cafile, pem);
        try (Jmx admin = server.admin()) {
            // a push the user approves with one tap (the number-matching push is SoapIT's and PromptIT's)
            admin.set(Jmx.ADMINISTRATION, "VerifiedPush", false);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (work != null) {
            try (Stream<Path> files = Files.list(work)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(work);
        }
    }

    // ---------------------------------------------------------------- the clients

    /** A duo_unix configuration file (mode 0600, as both programs demand) for the integration, with {@code extra} lines. */
    private static Path config(String[] integration, String... extra) throws IOException {
        Path file = Files.createTempFile(work, "duo", ".conf", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        List<String> lines = new ArrayList<>(List.of("[duo]", "ikey = " + integration[0], "skey = " + integration[1],
                "host = localhost:" + server.httpsPort, "cafile = " + cafile, "failmode = secure"));
        lines.addAll(List.of(extra));
        Files.write(file, lines);
        return file;
    }

    /** A PAM service {@code /etc/pam.d/twofold-it-…} whose only auth module is pam_duo with {@code config}; removed on close. */
    private static final class PamService implements AutoCloseable {
        final String name = "twofold-it-" + HexFormat.of().formatHex(RANDOM.generateSeed(6));
        final Path file = Path.of("/etc/pam.d", name);

        PamService(Path config) throws IOException {
            Files.writeString(file, "auth required pam_duo.so conf=" + config + "\n");
        }

        @Override
        public void close() throws IOException {
            Files.deleteIfExists(file);
        }
    }

    /** What a program printed (stdout and stderr) and its exit status. */
    record Run(int exit, String output) {
    }

    /** Runs {@code command} with {@code input} on its standard input (a pipe, not a terminal) and {@code env} added. */
    private static Run run(String input, Map<String, String> env, String... command) throws Exception {
        Process p = start(env, command);
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        try (OutputStream in = p.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        return ended(p, output.get(120, TimeUnit.SECONDS), command);
    }

    /**
     * Runs {@code command} typing each of {@code answers} once the program has shown {@code prompt}
     * once more (a pipe is read in one go, so typing ahead would hand every answer to the first
     * prompt); standard input is closed after the last answer (at once if there is none).
     */
    private static Run converse(String prompt, List<String> answers, String... command) throws Exception {
        Process p = start(Map.of(), command);
        CompletableFuture<String> conversation = CompletableFuture.supplyAsync(() -> {
            StringBuilder out = new StringBuilder();
            try (OutputStream in = p.getOutputStream(); InputStreamReader reader = new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)) {
                int given = 0;
                if (answers.isEmpty()) {
                    in.close();
                }
                for (int c = reader.read(); c != -1; c = reader.read()) {
                    out.append((char) c);
                    if (given < answers.size() && out.toString().split(java.util.regex.Pattern.quote(prompt), -1).length - 1 > given) {
                        in.write((answers.get(given++) + "\n").getBytes(StandardCharsets.UTF_8));
                        in.flush();
                        if (given == answers.size()) {
                            in.close();
                        }
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return out.toString();
        });
        return ended(p, conversation.get(120, TimeUnit.SECONDS), command);
    }

    private static Process start(Map<String, String> env, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // login_duo takes the user's address from SSH_CONNECTION before -h, and a command from SSH_ORIGINAL_COMMAND
        builder.environment().keySet().removeAll(List.of("DUO_PASSCODE", "SSH_CONNECTION", "SSH_ORIGINAL_COMMAND"));
        builder.environment().putAll(env);
        return builder.start();
    }

    private static Run ended(Process p, String output, String... command) throws InterruptedException {
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", command) + " finished");
        Run run = new Run(p.exitValue(), output);
        System.out.println("$ " + String.join(" ", command) + "  (exit " + run.exit() + ")\n" + run.output());
        return run;
    }

    /** {@code pamtester} authenticating {@code user} through the service, the user at {@code rhost}, typing {@code typed} at pam_duo's menu. */
    private static Run pamtester(PamService service, String user, String rhost, String... typed) throws Exception {
        return converse(MENU, List.of(typed), PAMTESTER, "-v", "-I", "rhost=" + rhost, service.name, user, "authenticate");
    }

    private static String readAll(InputStream in) {
        try (in; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String auditOf(String user) throws Exception {
        try (Jmx admin = server.admin()) {
            return String.join("\n", admin.auditFor(user));
        }
    }

    private static URL https() throws IOException {
        return server.httpsBase().toURL();
    }

    /** Approves, on the user's virtual phone, the push waiting there. */
    private static void approvePush(String phoneLabel) throws IOException {
        try (Browser browser = new Browser()) {
            browser.openPhone(https(), phoneLabel);
            By pushed = By.cssSelector("div.line.push[data-state='pushed']");
            browser.await(pushed);
            browser.clickWhenReady(By.cssSelector("div.line.push[data-state='pushed'] input.approve"));
            browser.await(By.cssSelector("div.line.push[data-state='allow']"));
        }
    }

    /** A Twofold user with an activated smartphone (its app's codes, its virtual phone) and a new integration. */
    private record Account(String user, String mobile, Smartphones.App app, String[] integration) {
        String phone() {
            return user + " — iPhone (XXX-XXX-" + mobile + ")";
        }
    }

    private static Account account(String user, String integrationName) throws Exception {
        String mobile = lastFour();
        try (Jmx admin = server.admin()) {
            admin.invoke(Jmx.ADMINISTRATION, "createUser", user, "Duo Unix " + user, "IT");
            Smartphones.App app = Smartphones.enrollActivatedApp(admin, user, "+1 555 020 " + mobile, "iPhone");
            return new Account(user, mobile, app, admin.createIntegration(unique(integrationName)));
        }
    }

    // ---------------------------------------------------------------- pam_duo

    @Test
    void pamDuoLogsInWithATotpPasscodeTypedAtItsMenuOnceOnly() throws Exception {
        Account a = account("daemon", "SSH bastion ");
        String user = a.user();
        String code = a.app().nextCode();
        try (PamService ssh = new PamService(config(a.integration()))) {
            Run in = pamtester(ssh, user, "198.51.100.40", code);
            assertEquals(0, in.exit(), in.output());
            assertTrue(in.output().contains("Duo two-factor login for daemon"), in.output());
            assertTrue(in.output().contains("Enter a passcode or select one of the following options:"), in.output());
            assertTrue(in.output().contains(" 1. Duo Push to XXX-XXX-"), in.output());
            assertTrue(in.output().contains(MENU), in.output());
            assertTrue(in.output().contains("Success. Logging you in..."), in.output());
            assertTrue(in.output().contains("successfully authenticated"), in.output());

            Run again = pamtester(ssh, user, "198.51.100.40", code);
            assertNotEquals(0, again.exit(), "a code is accepted once: " + again.output());
            assertTrue(again.output().contains("Incorrect passcode. Please try again."), again.output());
        }
        String trail = auditOf(user);
        String by = "integration:" + a.integration()[0] + " auth.passcode " + user;
        assertTrue(trail.contains(by + " → allow from 198.51.100.40"), trail);
        assertTrue(trail.contains(by + " → deny (replayed_passcode) from 198.51.100.40"), trail);
        assertTrue(trail.contains("preauth " + user + " → auth from 198.51.100.40"), trail);
        assertFalse(trail.contains(code), "codes are never written to the audit trail");
    }

    @Test
    void pamDuoRefusesAWrongPasscodeAtEachOfItsThreePrompts() throws Exception {
        Account a = account("bin", "Sudo ");
        String user = a.user();
        String wrong = Fixtures.wrongCode(a.app().seed());
        try (PamService sudo = new PamService(config(a.integration()))) {
            Run out = pamtester(sudo, user, "198.51.100.41", wrong, wrong, wrong);
            assertNotEquals(0, out.exit(), out.output());
            assertEquals(3, out.output().split("Incorrect passcode\\. Please try again\\.", -1).length - 1, out.output());
            assertFalse(out.output().contains("successfully authenticated"), out.output());
        }
        String trail = auditOf(user);
        assertEquals(3, trail.lines().filter(l -> l.contains("integration:" + a.integration()[0] + " auth.passcode " + user + " → deny (invalid_passcode)"))
                .count(), trail);
    }

    @Test
    void pamDuoWithAutopushLogsInOnceThePushIsApprovedOnThePhone() throws Exception {
        Account a = account("sys", "Console ");
        String user = a.user();
        try (PamService console = new PamService(config(a.integration(), "autopush = yes", "pushinfo = yes"))) {
            CompletableFuture<Run> login = inBackground(() -> pamtester(console, user, "198.51.100.42"));
            approvePush(a.phone());
            Run in = login.get(120, TimeUnit.SECONDS);
            assertEquals(0, in.exit(), in.output());
            assertTrue(in.output().contains("Autopushing login request to phone..."), in.output());
            assertTrue(in.output().contains("Success. Logging you in..."), in.output());
            assertFalse(in.output().contains(MENU), "autopush asks nothing: " + in.output());
        }
        String trail = auditOf(user);
        assertTrue(trail.contains("integration:" + a.integration()[0]), trail);
        assertTrue(trail.contains("198.51.100.42"), trail);
    }

    @Test
    void pamDuoWithAWrongSecretIsRefusedAndAuditedAndItsUserIsNotLetIn() throws Exception {
        Account a = account("games", "Wrong skey ");
        String user = a.user();
        try (PamService service = new PamService(config(new String[] {a.integration()[0], a.integration()[1] + "x"}))) {
            Run out = pamtester(service, user, "198.51.100.43", a.app().nextCode());
            assertNotEquals(0, out.exit(), out.output());
            assertFalse(out.output().contains(MENU), "no menu without the right secret: " + out.output());
        }
        try (Jmx admin = server.admin()) {
            String trail = String.join("\n", admin.recentAudit());
            assertTrue(trail.contains("integration:" + a.integration()[0] + " integration.authenticate → refused (wrong_signature)"), trail);
            assertFalse(String.join("\n", admin.auditFor(user)).contains("auth.passcode"), "nothing reached the user");
        }
    }

    // ---------------------------------------------------------------- login_duo

    @Test
    void loginDuoRunsItsCommandAfterAPasscodeFromTheEnvironmentAndNotAfterAWrongOne() throws Exception {
        Account a = account(unique("ld"), "Login ");
        String user = a.user();
        Path conf = config(a.integration(), "accept_env_factor = yes");
        String marker = "logged-in-" + HexFormat.of().formatHex(RANDOM.generateSeed(4));
        Run wrong = run("", Map.of("DUO_PASSCODE", Fixtures.wrongCode(a.app().seed())), LOGIN_DUO, "-c", conf.toString(), "-f", user, "-h", "198.51.100.44",
                "echo " + marker);
        assertNotEquals(0, wrong.exit(), wrong.output());
        assertFalse(wrong.output().contains(marker), "the command did not run: " + wrong.output());

        Run in = run("", Map.of("DUO_PASSCODE", a.app().nextCode()), LOGIN_DUO, "-c", conf.toString(), "-f", user, "-h", "198.51.100.44", "echo " + marker);
        assertEquals(0, in.exit(), in.output());
        assertTrue(in.output().contains(marker), "the command ran: " + in.output());

        String trail = auditOf(user);
        String by = "integration:" + a.integration()[0] + " auth.passcode " + user;
        assertTrue(trail.contains(by + " → deny (invalid_passcode) from 198.51.100.44"), trail);
        assertTrue(trail.contains(by + " → allow from 198.51.100.44"), trail);
    }

    @Test
    void loginDuoWithoutATerminalPushesAndRunsItsCommandOnceThePushIsApproved() throws Exception {
        Account a = account(unique("lp"), "Login push ");
        String user = a.user();
        Path conf = config(a.integration());
        String marker = "pushed-in-" + HexFormat.of().formatHex(RANDOM.generateSeed(4));
        CompletableFuture<Run> login = inBackground(() -> run("", Map.of(), LOGIN_DUO, "-c", conf.toString(), "-f", user, "-h", "198.51.100.45", "echo " + marker));
        approvePush(a.phone());
        Run in = login.get(120, TimeUnit.SECONDS);
        assertEquals(0, in.exit(), in.output());
        assertTrue(in.output().contains(marker), "the command ran: " + in.output());
        assertTrue(auditOf(user).contains("198.51.100.45"), auditOf(user));
    }
}
