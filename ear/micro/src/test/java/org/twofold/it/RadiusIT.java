package org.twofold.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twofold.it.Fixtures.codeNow;
import static org.twofold.it.Fixtures.inBackground;
import static org.twofold.it.Fixtures.lastFour;
import static org.twofold.it.Fixtures.unique;
import static org.twofold.it.Fixtures.wrongCode;

import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.openmbean.CompositeData;
import org.aaa4j.radius.core.attribute.StringData;
import org.aaa4j.radius.core.attribute.TextData;
import org.aaa4j.radius.core.attribute.attributes.MessageAuthenticator;
import org.aaa4j.radius.core.attribute.attributes.UserName;
import org.aaa4j.radius.core.attribute.attributes.UserPassword;
import org.aaa4j.radius.core.dictionary.dictionaries.StandardDictionary;
import org.aaa4j.radius.core.packet.Packet;
import org.aaa4j.radius.core.packet.PacketCodec;
import org.aaa4j.radius.core.packet.packets.AccessAccept;
import org.aaa4j.radius.core.packet.packets.AccessRequest;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The RADIUS front end (RFC 2865, PAP) driven by FreeRADIUS's own client, Debian's {@code radclient}
 * (freeradius-utils), which hides the password, computes the Message-Authenticator (RFC 3579) when
 * asked to, and checks every answer's Response Authenticator and Message-Authenticator before it
 * reports it: an answer it prints is one Twofold signed with the shared secret. RADIUS clients are
 * registered over JMX as an administrator does; each test registers its own for 127.0.0.1 (where
 * radclient's packets come from) and disables it at its end, so at any time one client owns the
 * address. Pushes are approved and texts read on the virtual phones in headless Chromium.
 * A NAS's resends (the same datagram while a push waits) are sent by a plain UDP socket, the packet
 * made by the same RADIUS library as the server's. Refused packets are dropped without an answer — radclient times out — and are counted
 * ({@code radius.request refused} in the Statistics MBean) and audited with their reason.
 */
@ExtendWith(ArquillianExtension.class)
class RadiusIT {
    private static final String STATISTICS = "org.twofold:type=Statistics";
    private static final Pattern RECEIVED = Pattern.compile("Received (Access-[A-Za-z]+) Id");
    private static final Pattern REPLY_MESSAGE = Pattern.compile("Reply-Message = \"([^\"]*)\"");

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive twofold() {
        return Fixtures.war();
    }

    // ---------------------------------------------------------------- radclient and the NAS

    /** What radclient reported: the answer's code (null: no answer, it timed out), its Reply-Message, its whole output. */
    record Reply(String code, String message, String output) {
        void accepted() {
            assertEquals("Access-Accept", code, output);
        }

        void rejected(String expectedMessage) {
            assertEquals("Access-Reject", code, output);
            assertEquals(expectedMessage, message, output);
        }

        /** An Access-Challenge with this Reply-Message; returns its State as radclient writes it ({@code 0x...}). */
        String challenged(String expectedMessage) {
            assertEquals("Access-Challenge", code, output);
            assertEquals(expectedMessage, message, output);
            Matcher state = Pattern.compile("State = (0x[0-9a-fA-F]+)").matcher(output.substring(output.indexOf("Received ")));
            assertTrue(state.find(), "a State: " + output);
            return state.group(1);
        }

        void dropped() {
            assertNull(code, "no answer to a dropped packet: " + output);
            assertTrue(output.contains("No reply from server"), output);
        }
    }

    /** A RADIUS client registered for 127.0.0.1 for the length of one test, disabled when closed. */
    private static final class Nas implements AutoCloseable {
        final String name;
        final String secret;

        private Nas(String name, String secret) {
            this.name = name;
            this.secret = secret;
        }

        static Nas register(String mode) throws Exception {
            String name = unique("VPN ");
            try (Jmx admin = Jmx.admin()) {
                CompositeData c = (CompositeData) admin.invoke(Jmx.ADMINISTRATION, "createRadiusClient", name, "127.0.0.1", mode);
                assertEquals(name, c.get("name"));
                assertEquals("127.0.0.1", c.get("addressOrCidr"));
                assertEquals(mode, c.get("mode"));
                String secret = (String) c.get("sharedSecret");
                assertTrue(secret != null && secret.length() >= 32, "a long generated secret");
                return new Nas(name, secret);
            }
        }

        /** An Access-Request with User-Name and User-Password (and a Message-Authenticator), as a VPN sends it. */
        Reply login(String username, String userPassword) throws Exception {
            return radclient(secret, attributes(username, userPassword, true), 5);
        }

        @Override
        public void close() throws Exception {
            try (Jmx admin = Jmx.admin()) {
                admin.invoke(Jmx.ADMINISTRATION, "disableRadiusClient", name);
            }
        }
    }

    static String attributes(String username, String userPassword, boolean messageAuthenticator) {
        return "User-Name = \"" + username + "\", User-Password = \"" + userPassword + "\", NAS-Identifier = \"twofold-it\""
                + (messageAuthenticator ? ", Message-Authenticator = 0x00" : "");
    }

    /** Runs radclient once (one try, {@code timeoutSeconds} for the answer) against Twofold's RADIUS port. */
    static Reply radclient(String secret, String attributes, int timeoutSeconds) throws Exception {
        return radclient(Integer.parseInt(System.getProperty("it.radius.port")), secret, attributes, timeoutSeconds);
    }

    /** As {@link #radclient(String, String, int)}, against the RADIUS port of a server a test started itself. */
    static Reply radclient(int port, String secret, String attributes, int timeoutSeconds) throws Exception {
        Reply reply = run(List.of("radclient", "-x", "-r", "1", "-t", Integer.toString(timeoutSeconds),
                "127.0.0.1:" + port, "auth", secret), attributes + "\n", timeoutSeconds);
        if (reply.code() != null) {
            // Twofold's Message-Authenticator, which radclient verified before printing the answer
            String received = reply.output().substring(reply.output().indexOf("Received "));
            assertTrue(received.contains("Message-Authenticator = 0x"), "every answer is signed (BlastRADIUS): " + reply.output());
        }
        return reply;
    }

    /** Runs a FreeRADIUS client program, {@code stdin} as its input; what it reported receiving. */
    static Reply run(List<String> command, String stdin, int timeoutSeconds) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        CompletableFuture<String> out = inBackground(() -> new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertTrue(p.waitFor(timeoutSeconds + 30L, TimeUnit.SECONDS), "radclient finished");
        String output = out.get(10, TimeUnit.SECONDS);
        Matcher received = RECEIVED.matcher(output);
        if (!received.find()) {
            return new Reply(null, null, output);
        }
        Matcher message = REPLY_MESSAGE.matcher(output.substring(received.end()));
        return new Reply(received.group(1), message.find() ? message.group(1) : null, output);
    }

    private static String user(Jmx admin, String prefix, String password) throws Exception {
        String user = unique(prefix);
        admin.invoke(Jmx.ADMINISTRATION, "createUser", user, "Radius " + user, "Central Administration");
        admin.invoke(Jmx.ADMINISTRATION, "setUserPassword", user, password);
        return user;
    }

    // ---------------------------------------------------------------- password+mfa (append mode)

    @Test
    void appendModePasscodeLogsInAndWrongOnesAreRejectedWithTheSeedsWords() throws Exception {
        String user = unique("ra");
        byte[] seed = Jmx.userWithTotpToken(user, "correct horse 1");
        try (Nas nas = Nas.register("password+mfa")) {
            nas.login(user, "correct horse 1," + wrongCode(seed)).rejected("Incorrect passcode. Please try again.");
            nas.login(user, "wrong horse 1," + codeNow(seed)).rejected("Login denied.");
            nas.login(user, "correct horse 1," + codeNow(seed)).accepted();
            nas.login(unique("nobody"), "correct horse 1," + codeNow(seed)).rejected("Login denied.");
        }
        try (Jmx admin = Jmx.admin()) {
            String audit = String.join("\n", admin.auditFor(user));
            assertTrue(audit.contains("auth.passcode " + user + " → allow"), audit);
            assertTrue(audit.contains("login.password " + user + " → deny (wrong_password)"), audit);
        }
    }

    @Test
    void appendModePushIsApprovedOnThePhoneWhileOtherLoginsGoOn() throws Exception {
        String user;
        String mobile = lastFour();
        String other = unique("rq");
        byte[] otherSeed = Jmx.userWithTotpToken(other, "other password 1");
        try (Jmx admin = Jmx.admin()) {
            user = user(admin, "rp", "push password 1");
            Smartphones.enrollAndActivate(admin, user, "+1 555 016 " + mobile, "iPhone");
            admin.set(Jmx.ADMINISTRATION, "VerifiedPush", false);
        }
        try (Nas nas = Nas.register("password+mfa")) {
            CompletableFuture<Reply> waiting = inBackground(() -> radclient(nas.secret, attributes(user, "push password 1,push", true), 90));
            try (Browser browser = new Browser()) {
                browser.openPhone(base, user + " — iPhone (XXX-XXX-" + mobile + ")");
                By pushed = By.cssSelector("div.line.push[data-state='pushed']");
                browser.await(pushed);
                assertTrue(browser.textOf(pushed).contains(nas.name), "the push names the VPN: " + browser.textOf(pushed));
                // while this push waits, another user's passcode login is answered at once
                nas.login(other, "other password 1," + codeNow(otherSeed)).accepted();
                assertFalse(waiting.isDone(), "the push is still waiting");
                browser.clickWhenReady(By.cssSelector("div.line.push[data-state='pushed'] input.approve"));
                browser.await(By.cssSelector("div.line.push[data-state='allow']"));
            }
            waiting.get(60, TimeUnit.SECONDS).accepted();
        } finally {
            try (Jmx admin = Jmx.admin()) {
                admin.set(Jmx.ADMINISTRATION, "VerifiedPush", true);
            }
        }
    }

    /**
     * The NAS's wait ({@code RadiusWaitSeconds}, a policy setting): a push nobody answers is followed
     * only that long, then cancelled and answered Access-Reject "Login request timed out." — while the
     * NAS still listens, not after the push's own 60 s time-out.
     */
    @Test
    void aPushUnansweredWithinTheNasWaitIsCancelledAndRejectedAsTimedOut() throws Exception {
        String user;
        try (Jmx admin = Jmx.admin()) {
            user = user(admin, "rw", "wait password 1");
            Smartphones.enrollAndActivate(admin, user, "+1 555 027 " + lastFour(), "iPhone");
            admin.set(Jmx.ADMINISTRATION, "VerifiedPush", false);
            admin.set(Jmx.ADMINISTRATION, "RadiusWaitSeconds", 6);
        }
        try (Nas nas = Nas.register("password+mfa")) {
            java.time.Instant sent = java.time.Instant.now();
            Reply reply = radclient(nas.secret, attributes(user, "wait password 1,push", true), 50);
            java.time.Duration took = java.time.Duration.between(sent, java.time.Instant.now());
            reply.rejected("Login request timed out.");
            assertTrue(took.compareTo(java.time.Duration.ofSeconds(6)) >= 0 && took.compareTo(java.time.Duration.ofSeconds(40)) < 0,
                    "answered after the NAS wait of 6 s, well before the push's own 60 s: " + took);
        } finally {
            try (Jmx admin = Jmx.admin()) {
                admin.set(Jmx.ADMINISTRATION, "VerifiedPush", true);
                admin.set(Jmx.ADMINISTRATION, "RadiusWaitSeconds", 55);
            }
        }
        try (Jmx admin = Jmx.admin()) {
            String trail = String.join("\n", admin.auditFor(user));
            assertTrue(trail.contains("auth.push " + user + " → deny (cancelled)"), "the push was cancelled, not left pending: " + trail);
        }
    }

    @Test
    void aRequestResentThreeTimesDuringAPushStartsOnePushAndGetsThreeIdenticalAnswers() throws Exception {
        String user;
        String mobile = lastFour();
        try (Jmx admin = Jmx.admin()) {
            user = user(admin, "rr", "resend password 1");
            Smartphones.enrollAndActivate(admin, user, "+1 555 018 " + mobile, "iPhone");
            admin.set(Jmx.ADMINISTRATION, "VerifiedPush", false);
        }
        try (Nas nas = Nas.register("password+mfa");
             DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            // a NAS's resend is the same datagram: same Identifier and Request Authenticator (RFC 5080 §2.2.2)
            byte[] secret = nas.secret.getBytes(StandardCharsets.UTF_8);
            byte[] requestAuthenticator = new byte[16];
            byte[] request = new PacketCodec(new StandardDictionary()).encodeRequest(new AccessRequest(List.of(
                    new UserName(new TextData(user)), new UserPassword(new StringData("resend password 1,push".getBytes(StandardCharsets.UTF_8))),
                    new MessageAuthenticator())), secret, requestAuthenticator);
            DatagramPacket datagram = new DatagramPacket(request, request.length, InetAddress.getLoopbackAddress(),
                    Integer.parseInt(System.getProperty("it.radius.port")));
            socket.setSoTimeout(90_000);
            socket.send(datagram);
            try (Browser browser = new Browser()) {
                browser.openPhone(base, user + " — iPhone (XXX-XXX-" + mobile + ")");
                browser.await(By.cssSelector("div.line.push[data-state='pushed']"));
                socket.send(datagram);
                socket.send(datagram);
                browser.clickWhenReady(By.cssSelector("div.line.push[data-state='pushed'] input.approve"));
                browser.await(By.cssSelector("div.line.push[data-state='allow']"));
                assertEquals(1, browser.driver.findElements(By.cssSelector("div.line.push")).size(), "one push on the phone");
            }
            byte[][] answers = new byte[3][];
            for (int i = 0; i < 3; i++) {
                DatagramPacket in = new DatagramPacket(new byte[4096], 4096);
                socket.receive(in);
                answers[i] = Arrays.copyOf(in.getData(), in.getLength());
            }
            assertTrue(Arrays.equals(answers[0], answers[1]) && Arrays.equals(answers[0], answers[2]), "three identical answers");
            Packet answer = new PacketCodec(new StandardDictionary()).decodeResponse(answers[0], secret, requestAuthenticator);
            assertTrue(answer instanceof AccessAccept, String.valueOf(answer));
            assertTrue(answer.getAttribute(MessageAuthenticator.class).isPresent(), "signed");
        } finally {
            try (Jmx admin = Jmx.admin()) {
                admin.set(Jmx.ADMINISTRATION, "VerifiedPush", true);
            }
        }
        try (Jmx admin = Jmx.admin()) {
            List<String> pushes = Arrays.stream(admin.auditFor(user)).filter(l -> l.contains("auth.push " + user + " → pushed")).toList();
            assertEquals(1, pushes.size(), "one push started: " + pushes);
        }
    }

    @Test
    void appendModeSmsTextsABatchWhoseCodeThenLogsIn() throws Exception {
        String user;
        String mobile = lastFour();
        try (Jmx admin = Jmx.admin()) {
            user = user(admin, "rs", "sms password 1");
            admin.invoke(Jmx.HELPDESK, "enrollPhone", user, "+1 555 017 " + mobile, "Mobile");
        }
        try (Nas nas = Nas.register("password+mfa")) {
            nas.login(user, "sms password 1,sms").rejected("New SMS passcodes sent.");
            List<String> codes;
            try (Browser browser = new Browser()) {
                browser.openPhone(base, user + " — Mobile (XXX-XXX-" + mobile + ")");
                codes = browser.textedPasscodes();
                assertFalse(codes.isEmpty(), "a batch of passcodes was texted");
            }
            nas.login(user, "sms password 1," + codes.get(0)).accepted();
            nas.login(user, "sms password 1," + codes.get(0)).rejected("Incorrect passcode. Please try again.");
        }
    }

    // ---------------------------------------------------------------- behind a FreeRADIUS proxy

    @Test
    void aFreeRadiusProxyInFrontOfTwofoldPassesTheLoginThrough() throws Exception {
        String user = unique("rf");
        byte[] seed = Jmx.userWithTotpToken(user, "proxied password 1");
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("it.war")).getParent(), "freeradius-");
        int port;
        try (DatagramSocket free = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        try (Nas twofold = Nas.register("password+mfa")) {
            // FreeRADIUS as a campus runs it: its own NAS clients (here radtest, secret "campus-nas-secret"),
            // every request proxied to Twofold with Twofold's secret; it adds Proxy-State, keeps Message-Authenticator
            Files.writeString(dir.resolve("radiusd.conf"), freeRadiusProxy(dir, port, twofold.secret));
            Path log = dir.resolve("freeradius.log");
            Process freeradius = new ProcessBuilder("freeradius", "-X", "-d", dir.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
                while (!Files.readString(log).contains("Ready to process requests")) {
                    assertTrue(freeradius.isAlive() && Instant.now().isBefore(deadline), "FreeRADIUS started: " + Files.readString(log));
                    Thread.sleep(100); // between two reads of its log
                }
                Reply wrong = run(List.of("radtest", "-t", "pap", user, "proxied password 1," + wrongCode(seed), "127.0.0.1:" + port, "0",
                        "campus-nas-secret"), "", 10);
                wrong.rejected("Incorrect passcode. Please try again.");
                Reply right = run(List.of("radtest", "-t", "pap", user, "proxied password 1," + codeNow(seed), "127.0.0.1:" + port, "0",
                        "campus-nas-secret"), "", 10);
                right.accepted();
            } finally {
                freeradius.destroy();
                freeradius.waitFor(10, TimeUnit.SECONDS);
            }
            String proxied = Files.readString(log);
            assertTrue(proxied.lines().anyMatch(l -> l.contains("Received Access-Accept") && l.contains("from 127.0.0.1:" + System.getProperty("it.radius.port"))),
                    "the accept came from Twofold through FreeRADIUS: " + proxied);
        }
        try (Jmx admin = Jmx.admin()) {
            String audit = String.join("\n", admin.auditFor(user));
            assertTrue(audit.contains("auth.passcode " + user + " → allow"), audit);
        }
    }

    /** A minimal FreeRADIUS 3 configuration: radtest's client on {@code port}, everything proxied to Twofold. */
    private static String freeRadiusProxy(Path dir, int port, String twofoldSecret) {
        return String.join("\n",
                "prefix = /usr", "localstatedir = " + dir, "logdir = " + dir, "run_dir = " + dir, "raddbdir = " + dir,
                "libdir = /usr/lib/freeradius", "pidfile = " + dir.resolve("radiusd.pid"),
                "max_request_time = 90", "cleanup_delay = 5", "max_requests = 1024", "proxy_requests = yes",
                "log {", "  destination = stdout", "}",
                "security {", "  allow_core_dumps = no", "}",
                "client campus-nas {", "  ipaddr = 127.0.0.1", "  secret = campus-nas-secret", "  require_message_authenticator = yes", "}",
                "home_server twofold {", "  type = auth", "  ipaddr = 127.0.0.1", "  port = " + System.getProperty("it.radius.port"),
                "  secret = " + twofoldSecret, "  response_window = 60", "  status_check = none", "}",
                "home_server_pool twofold {", "  type = fail-over", "  home_server = twofold", "}",
                "realm DEFAULT {", "  auth_pool = twofold", "}",
                "modules {", "}",
                "server default {",
                "  listen {", "    type = auth", "    ipaddr = 127.0.0.1", "    port = " + port, "  }",
                "  authorize {", "    update control {", "      &Proxy-To-Realm := DEFAULT", "    }", "  }",
                "  authenticate {", "  }",
                "}", "");
    }

    // ---------------------------------------------------------------- password+challenge

    @Test
    void challengeModeOffersTheUsersFactorsAndTakesTheAnswerWithItsState() throws Exception {
        String user;
        String mobile = lastFour();
        Smartphones.App app;
        try (Jmx admin = Jmx.admin()) {
            user = user(admin, "rc", "challenge password 1");
            app = Smartphones.enrollActivatedApp(admin, user, "+1 555 019 " + mobile, "iPhone");
            admin.set(Jmx.ADMINISTRATION, "VerifiedPush", false);
        }
        String phone = "iPhone (XXX-XXX-" + mobile + ")";
        String menu = "Choose: 1. Push to " + phone + " 2. Call " + phone + " 3. SMS passcodes to " + phone + ", or enter a passcode";
        try (Nas nas = Nas.register("password+challenge")) {
            nas.login(user, "wrong password 1").rejected("Login denied.");
            String state = nas.login(user, "challenge password 1").challenged(menu);
            // the answer "1": the push, approved on the phone
            CompletableFuture<Reply> waiting = inBackground(() -> radclient(nas.secret, answer(user, "1", state), 90));
            try (Browser browser = new Browser()) {
                browser.openPhone(base, user + " — " + phone);
                browser.clickWhenReady(By.cssSelector("div.line.push[data-state='pushed'] input.approve"));
                browser.await(By.cssSelector("div.line.push[data-state='allow']"));
            }
            waiting.get(60, TimeUnit.SECONDS).accepted();
            // a State answers once: the same answer again is refused, and the passcode in it is never tried
            radclient(nas.secret, answer(user, app.nextCode(), state), 5).rejected("Login denied.");
            // a passcode typed as the answer to a new challenge
            String again = nas.login(user, "challenge password 1").challenged(menu);
            radclient(nas.secret, answer(user, app.nextCode(), again), 5).accepted();
            // append mode still works in this mode
            nas.login(user, "challenge password 1," + Fixtures.wrongCode(app.seed())).rejected("Incorrect passcode. Please try again.");
        } finally {
            try (Jmx admin = Jmx.admin()) {
                admin.set(Jmx.ADMINISTRATION, "VerifiedPush", true);
            }
        }
        try (Jmx admin = Jmx.admin()) {
            String audit = String.join("\n", admin.auditFor(user));
            assertTrue(audit.contains("auth.push " + user + " → allow"), audit);
            assertTrue(audit.contains("auth.passcode " + user + " → allow"), audit);
        }
    }

    @Test
    void challengeModeShowsAVerifiedPushsNumberAndTheNextAnswerWaitsForTheApproval() throws Exception {
        String user;
        String mobile = lastFour();
        try (Jmx admin = Jmx.admin()) {
            assertEquals(Boolean.TRUE, admin.get(Jmx.ADMINISTRATION, "VerifiedPush"), "the default policy");
            user = user(admin, "rv", "verified password 1");
            Smartphones.enrollAndActivate(admin, user, "+1 555 021 " + mobile, "iPhone");
        }
        String phone = "iPhone (XXX-XXX-" + mobile + ")";
        try (Nas nas = Nas.register("password+challenge")) {
            String menu = nas.login(user, "verified password 1").challenged(
                    "Choose: 1. Push to " + phone + " 2. Call " + phone + " 3. SMS passcodes to " + phone + ", or enter a passcode");
            Reply pushed = radclient(nas.secret, answer(user, "1", menu), 5);
            assertEquals("Access-Challenge", pushed.code(), pushed.output());
            Matcher number = Pattern.compile("Pushed a login request to your device\\.\\.\\. Enter ([0-9]{3}) in the app\\.").matcher(pushed.message());
            assertTrue(number.matches(), pushed.message());
            String state = pushed.challenged(pushed.message());
            // the user types the number in the app and approves, then answers the VPN's prompt (with anything)
            CompletableFuture<Reply> waiting = inBackground(() -> radclient(nas.secret, answer(user, "done", state), 90));
            try (Browser browser = new Browser()) {
                browser.openPhone(base, user + " — " + phone);
                browser.typeAndKeep(By.cssSelector("div.line.push[data-state='pushed'] input.number"), number.group(1));
                browser.clickWhenReady(By.cssSelector("div.line.push[data-state='pushed'] input.approve"));
                browser.await(By.cssSelector("div.line.push[data-state='allow']"));
            }
            waiting.get(60, TimeUnit.SECONDS).accepted();
        }
    }

    /** The second Access-Request of a challenge: the answer typed, and the challenge's State. */
    static String answer(String username, String typed, String state) {
        return "User-Name = \"" + username + "\", User-Password = \"" + typed + "\", State = " + state + ", Message-Authenticator = 0x00";
    }

    // ---------------------------------------------------------------- mfa-only

    /**
     * The phone's keywords in the second password: in mode {@code mfa-only}, {@code push} is approved
     * and {@code phone} answered (a key pressed) on the virtual phone; in mode {@code password+mfa} a
     * password without a comma uses the user's default factor (an automatic push to the smartphone).
     */
    @Test
    void mfaOnlyPushAndPhoneAndAPasswordAloneInAppendModeUseTheUsersPhone() throws Exception {
        String user;
        String mobile = lastFour();
        try (Jmx admin = Jmx.admin()) {
            user = user(admin, "rk", "keyword password 1");
            Smartphones.enrollAndActivate(admin, user, "+1 555 028 " + mobile, "iPhone");
            admin.set(Jmx.ADMINISTRATION, "VerifiedPush", false);
        }
        String phone = user + " — iPhone (XXX-XXX-" + mobile + ")";
        try (Browser browser = new Browser()) {
            try (Nas nas = Nas.register("mfa-only")) {
                CompletableFuture<Reply> pushed = inBackground(() -> radclient(nas.secret, attributes(user, "push", true), 60));
                browser.openPhone(base, phone);
                browser.clickWhenReady(By.cssSelector("div.line.push[data-state='pushed'] input.approve"));
                browser.await(By.cssSelector("div.line.push[data-state='allow']"));
                pushed.get(60, TimeUnit.SECONDS).accepted();

                CompletableFuture<Reply> called = inBackground(() -> radclient(nas.secret, attributes(user, "phone", true), 60));
                browser.openPhone(base, phone);
                browser.clickWhenReady(By.cssSelector("div.line.call[data-state='calling'] input.answer"));
                browser.await(By.cssSelector("div.line.call[data-state='answered']"));
                browser.clickWhenReady(By.cssSelector("div.line.call[data-state='answered'] input.key"));
                browser.await(By.cssSelector("div.line.call[data-state='allow']"));
                called.get(60, TimeUnit.SECONDS).accepted();
            }
            try (Nas nas = Nas.register("password+mfa")) {
                CompletableFuture<Reply> auto = inBackground(() -> radclient(nas.secret, attributes(user, "keyword password 1", true), 60));
                browser.openPhone(base, phone);
                By second = By.cssSelector("div.line.push[data-state='pushed']");
                browser.await(second);
                browser.clickWhenReady(By.cssSelector("div.line.push[data-state='pushed'] input.approve"));
                auto.get(60, TimeUnit.SECONDS).accepted();
            }
        } finally {
            try (Jmx admin = Jmx.admin()) {
                admin.set(Jmx.ADMINISTRATION, "VerifiedPush", true);
            }
        }
        try (Jmx admin = Jmx.admin()) {
            String trail = String.join("\n", admin.auditFor(user));
            assertEquals(2, trail.lines().filter(l -> l.contains("auth.push " + user + " → allow")).count(), trail);
            assertTrue(trail.contains("auth.phone " + user + " → allow"), trail);
        }
    }

    /**
     * Lockout as for SOAP: wrong passcodes over RADIUS count toward {@code LockoutThreshold}; once
     * locked out, even the right code is rejected with the seed's words, and the audit says why. The
     * NAS names the user's address in Calling-Station-Id, so the per-source throttle counts that
     * address, not the NAS's.
     */
    @Test
    void wrongPasscodesOverRadiusLockTheUserOutAsOverSoap() throws Exception {
        String user = unique("rl");
        byte[] seed = Jmx.userWithTotpToken(user, "lockout password 1");
        int threshold;
        try (Jmx admin = Jmx.admin()) {
            threshold = (Integer) admin.get(Jmx.ADMINISTRATION, "LockoutThreshold");
        }
        String from = ", Calling-Station-Id = \"198.51.100." + (1 + Math.floorMod(user.hashCode(), 250)) + "\"";
        try (Nas nas = Nas.register("mfa-only")) {
            for (int i = 0; i < threshold; i++) {
                radclient(nas.secret, attributes(user, wrongCode(seed), true) + from, 5).rejected("Incorrect passcode. Please try again.");
            }
            radclient(nas.secret, attributes(user, codeNow(seed), true) + from, 5).rejected("This account is locked out. Contact the help desk.");
        }
        try (Jmx admin = Jmx.admin()) {
            assertTrue(((String) admin.invoke(Jmx.HELPDESK, "describeUser", user)).contains(") locked_out"), "locked out, as the help desk sees it");
            String trail = String.join("\n", admin.auditFor(user));
            assertTrue(trail.contains("auth.passcode " + user + " → deny (locked_out)"), trail);
            admin.invoke(Jmx.HELPDESK, "unlockUser", user);
        }
    }

    @Test
    void mfaOnlyTakesTheSecondPasswordAlone() throws Exception {
        String user = unique("rm");
        byte[] seed = Jmx.userWithTotpToken(user, "mfa only password 1");
        try (Nas nas = Nas.register("mfa-only")) {
            nas.login(user, wrongCode(seed)).rejected("Incorrect passcode. Please try again.");
            nas.login(user, "mfa only password 1," + codeNow(seed)).rejected("Incorrect passcode. Please try again.");
            nas.login(user, codeNow(seed)).accepted();
        }
    }

    // ---------------------------------------------------------------- attacks: dropped, counted, audited

    @Test
    void wrongSharedSecretIsDroppedCountedAndAudited() throws Exception {
        String user = unique("rw");
        byte[] seed = Jmx.userWithTotpToken(user, "secret password 1");
        try (Nas nas = Nas.register("password+mfa")) {
            long before = refusedCount();
            radclient(nas.secret + "x", attributes(user, "secret password 1," + codeNow(seed), true), 2).dropped();
            awaitRefusal("radius:" + nas.name, "bad_message_authenticator", before);
            try (Jmx admin = Jmx.admin()) {
                String audit = String.join("\n", admin.auditFor(user));
                assertFalse(audit.contains("auth.passcode"), "the code was never tried: " + audit);
            }
            nas.login(user, "secret password 1," + codeNow(seed)).accepted();
        }
    }

    @Test
    void accessRequestWithoutMessageAuthenticatorIsDroppedCountedAndAudited() throws Exception {
        String user = unique("rb");
        byte[] seed = Jmx.userWithTotpToken(user, "blast password 1");
        try (Nas nas = Nas.register("password+mfa")) {
            long before = refusedCount();
            radclient(nas.secret, attributes(user, "blast password 1," + codeNow(seed), false), 2).dropped();
            awaitRefusal("radius:" + nas.name, "missing_message_authenticator", before);
            try (Jmx admin = Jmx.admin()) {
                String audit = String.join("\n", admin.auditFor(user));
                assertFalse(audit.contains("login.password") || audit.contains("auth.passcode"), "nothing was tried: " + audit);
            }
        }
    }

    @Test
    void unknownAndDisabledClientsAreDroppedCountedAndAudited() throws Exception {
        String user = unique("ru");
        byte[] seed = Jmx.userWithTotpToken(user, "unknown password 1");
        String secret;
        try (Nas nas = Nas.register("password+mfa")) {
            secret = nas.secret;
            nas.login(user, "unknown password 1," + codeNow(seed)).accepted();
        }
        // the client is disabled now: no client owns 127.0.0.1, its packets are an unknown client's
        long before = refusedCount();
        radclient(secret, attributes(user, "unknown password 1," + codeNow(seed), true), 2).dropped();
        awaitRefusal("radius:?", "unknown_client", before);
        try (Jmx admin = Jmx.admin()) {
            String audit = String.join("\n", admin.recentAudit());
            assertTrue(audit.contains("radius.clientDisable → done"), audit);
            assertTrue(audit.contains("radius.clientCreate → done"), audit);
        }
    }

    @Test
    void badRegistrationsAreRefusedWithTheirCodeAndTheHelpDeskCannotRegister() throws Exception {
        String taken = unique("VPN ");
        try (Jmx admin = Jmx.admin()) {
            admin.invoke(Jmx.ADMINISTRATION, "createRadiusClient", taken, "192.0.2.0/24", "mfa-only");
            for (String[] bad : List.of(new String[] {unique("VPN "), "vpn.example.edu", "password+mfa"},
                    new String[] {unique("VPN "), "10.0.0.0/33", "mfa-only"}, new String[] {unique("VPN "), "10.0.0.1", "password"},
                    new String[] {taken, "10.0.0.1", "mfa-only"},
                    // the same block as an enabled client: that one would be silently unheard
                    new String[] {unique("VPN "), "192.0.2.0/24", "password+mfa"})) {
                assertTrue(jmxError(() -> admin.invoke(Jmx.ADMINISTRATION, "createRadiusClient", (Object[]) bad)).startsWith("INVALID_VALUE:"),
                        String.join(" ", bad));
            }
            assertTrue(jmxError(() -> admin.invoke(Jmx.ADMINISTRATION, "createRadiusClient", " ", "10.0.0.1", "mfa-only")).startsWith("MISSING_FIELD:"));
            assertTrue(jmxError(() -> admin.invoke(Jmx.ADMINISTRATION, "disableRadiusClient", unique("no such VPN "))).startsWith("INVALID_VALUE:"));
            admin.invoke(Jmx.ADMINISTRATION, "disableRadiusClient", taken);
            String audit = String.join("\n", admin.recentAudit());
            assertTrue(audit.contains("radius.clientCreate → refused (invalid_value)"), audit);
        }
        // registering a NAS is an administrator's: a help-desk operator is refused, and it is audited
        String desk = unique("desk");
        try (Jmx admin = Jmx.admin()) {
            admin.invoke(Jmx.ADMINISTRATION, "createOperator", desk, "helpdesk-password-4", "helpdesk");
        }
        try (Jmx helpDesk = Jmx.login(desk, "helpdesk-password-4")) {
            org.junit.jupiter.api.Assertions.assertThrows(SecurityException.class,
                    () -> helpDesk.invoke(Jmx.ADMINISTRATION, "createRadiusClient", unique("VPN "), "10.9.9.9", "mfa-only"));
        }
        try (Jmx admin = Jmx.admin()) {
            String audit = String.join("\n", admin.recentAudit());
            assertTrue(audit.contains("operator:" + desk + " jmx.invoke → refused (not_permitted)") && audit.contains("Administration.createRadiusClient"), audit);
        }
    }

    private static String jmxError(org.junit.jupiter.api.function.Executable call) {
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, call);
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return String.valueOf(cause.getMessage());
    }

    // ---------------------------------------------------------------- helpers

    private static long refusedCount() throws Exception {
        try (Jmx admin = Jmx.admin()) {
            return Arrays.stream((String[]) admin.get(STATISTICS, "Authentications")).filter(l -> l.startsWith("radius.request refused "))
                    .mapToLong(l -> Long.parseLong(l.substring("radius.request refused ".length()))).sum();
        }
    }

    /** Waits (at most 20 s) until the refusal is counted and its audit row names the actor and reason. */
    private static void awaitRefusal(String actor, String reason, long countBefore) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        String row = actor + " radius.request → refused (" + reason + ") from 127.0.0.1";
        while (true) {
            String audit;
            try (Jmx admin = Jmx.admin()) {
                audit = String.join("\n", admin.recentAudit());
            }
            long count = refusedCount();
            if (audit.contains(row) && count > countBefore) {
                return;
            }
            assertTrue(Instant.now().isBefore(deadline), "not counted (" + count + " after " + countBefore + ") or not audited as " + row + ":\n" + audit);
            Thread.sleep(250); // between two checks of the condition
        }
    }
}
