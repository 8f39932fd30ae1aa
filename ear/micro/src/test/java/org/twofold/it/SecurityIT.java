package org.twofold.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twofold.it.Fixtures.wrongHotpCode;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.twofold.passcode.Base32;
import org.twofold.passcode.Hotp;
import org.twofold.passcode.OtpAlgorithm;
import org.twofold.passcode.Totp;

/**
 * The attack side (issue 10): brute force over SOAP and the pages at once, the hourly cap, the
 * identity proof of {@code /bypass}, the per-source throttle (SOAP and pages), secrets that
 * must never leak — into the server log, the audit trail, any HTTP, SOAP or JMX answer, or the
 * database files — and a flood of refused requests that must not flood the audit trail. Each test
 * prints its figures.
 *
 * <p>Its own server process (not Arquillian's): the test reads the server's log file and its
 * database files. The tests share it and run in order, because the pages all come from one client
 * address, which the last test gets blocked. It is started as for production (issue 15): no demo,
 * no simulator, the HTTP carrier (a {@link CarrierStub}), a generated administrator password, and
 * Payara's log in its own file — so the tests also show that no virtual phone and no push is
 * offered there and that first-start secrets reach the console only. One test starts a demo server
 * of its own (the README's run command).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityIT {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ADMIN = "org.twofold:type=Administration";
    private static final String HELPDESK = "org.twofold:type=HelpDesk";
    private static final String AUDIT = "org.twofold:type=Audit";
    /** The per-source limit the server runs with here (failures per window, then refused). */
    private static final int SOURCE_MAX = 50;
    private static final int THRESHOLD = 10;
    /** Rows per source and window for refused requests nobody vouches for (TWOFOLD_AUDIT_REFUSALS_MAX, its default). */
    private static final int AUDIT_LIMIT = 20;
    /** The window of that limit here (60 s by default): shorter, so that the flood test waits less for its summaries. */
    private static final int AUDIT_WINDOW_SECONDS = 20;
    /** How often the server writes the summaries of closed windows. */
    private static final int SUMMARY_SWEEP_SECONDS = 10;
    private static final Pattern FAULT_CODE = Pattern.compile("<(?:\\w+:)?code>([0-9]+)</(?:\\w+:)?code>");

    private static MicroServer server;
    private static CarrierStub carrier;
    private static String[] integration;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        int carrierPort = MicroServer.freePort();
        carrier = CarrierStub.start(carrierPort);
        server = MicroServer.production("security", "-Dtwofold.ws.rate.per.minute=100000000",
                "-Dtwofold.source.failures.max=" + SOURCE_MAX, "-Dtwofold.audit.refusals.window.seconds=" + AUDIT_WINDOW_SECONDS,
                "-Dtwofold.carrier=http",
                "-Dtwofold.carrier.http.url=http://127.0.0.1:" + carrierPort, "-Dtwofold.carrier.http.account=AC0123456789abcdef",
                "-Dtwofold.carrier.http.token=security-carrier-token", "-Dtwofold.carrier.http.from=+15550100000",
                "-Dtwofold.carrier.http.callback=http://localhost/carrier/callback").start();
        try (Jmx admin = server.admin()) {
            CompositeData created = (CompositeData) admin.invoke(ADMIN, "createIntegration", "Attack VPN");
            integration = new String[] {(String) created.get("integrationKey"), (String) created.get("secret")};
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (carrier != null) {
            carrier.stop();
        }
    }

    /** A user with a password and an HOTP token; returns the token's seed. */
    private static byte[] userWithToken(Jmx admin, String username, String password) throws Exception {
        byte[] seed = new byte[20];
        RANDOM.nextBytes(seed);
        admin.invoke(ADMIN, "createUser", username, "Test " + username, "Central Administration");
        admin.invoke(ADMIN, "setUserPassword", username, password);
        admin.invoke(ADMIN, "importToken", "SEC-" + username, "hotp", Base32.encode(seed), 6);
        admin.invoke(ADMIN, "assignToken", username, "SEC-" + username);
        return seed;
    }

    private static List<String> trail(Jmx admin, String username) throws Exception {
        return Arrays.asList((String[]) admin.invoke(AUDIT, "forUser", username, 5000));
    }

    /** Reads the database as it is now, from an online backup ({@code Administration.backup}): the JMX audit views show at most 1,000 rows. */
    private static <T> T fromBackup(SqlReader<T> reader) throws Exception {
        Path dir = Files.createTempDirectory(server.dataDir.getParent(), "security-backup-");
        try (Jmx admin = server.admin()) {
            admin.invoke(ADMIN, "backup", dir.toString());
        }
        Path db;
        try (Stream<Path> found = Files.list(dir)) {
            db = found.filter(p -> p.getFileName().toString().startsWith("twofold-backup-")).findFirst().orElseThrow().resolve("db");
        }
        try (Connection c = DriverManager.getConnection("jdbc:derby:" + db.toAbsolutePath())) {
            return reader.read(c);
        } finally {
            try {
                DriverManager.getConnection("jdbc:derby:" + db.toAbsolutePath() + ";shutdown=true").close();
            } catch (SQLException shutDown) {
                // Derby reports a clean shutdown as an SQLException (08006)
            }
        }
    }

    /** A read of the database. */
    private interface SqlReader<T> {
        T read(Connection c) throws SQLException;
    }

    /** Audit rows of {@code subject} for {@code action} with {@code reason} (any outcome). */
    private static Map<String, Long> auditedReasons(String subject, String action) throws Exception {
        return fromBackup(c -> {
            Map<String, Long> counts = new java.util.TreeMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT OUTCOME, REASON, COUNT(*) FROM TF_AUDIT WHERE SUBJECT = ? AND ACTION_NAME = ? GROUP BY OUTCOME, REASON")) {
                s.setString(1, subject);
                s.setString(2, action);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        counts.put(rs.getString(1) + (rs.getString(2) == null ? "" : " " + rs.getString(2)), rs.getLong(3));
                    }
                }
            }
            return counts;
        });
    }

    /** The count a {@code SELECT COUNT(*)} with one parameter answers. */
    private static long count(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, parameter);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long rows(List<String> trail, String action, String contains) {
        return trail.stream().filter(l -> l.contains(" " + action + " ") && l.contains(contains)).count();
    }

    /** A raw SOAP request with the integration's PasswordText token; returns the answer's body. */
    private static String soap(String key, String secret, String body) throws IOException, InterruptedException {
        String envelope = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:t=\"urn:twofold:auth:1\">"
                + "<soapenv:Header><wsse:Security xmlns:wsse=\"" + SoapClient.WSSE + "\"><wsse:UsernameToken><wsse:Username>" + key
                + "</wsse:Username><wsse:Password>" + secret + "</wsse:Password></wsse:UsernameToken></wsse:Security></soapenv:Header>"
                + "<soapenv:Body>" + body + "</soapenv:Body></soapenv:Envelope>";
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.base() + "ws/AuthService")).header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"\"").POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String passcode(String username, String code, String ipaddr) {
        return "<t:auth><t:username>" + username + "</t:username><t:factor>passcode</t:factor><t:passcode>" + code + "</t:passcode>"
                + (ipaddr == null ? "" : "<t:ipaddr>" + ipaddr + "</t:ipaddr>") + "</t:auth>";
    }

    private static String status(String answer) {
        Matcher m = Pattern.compile("<(?:\\w+:)?status>([a-z_]+)</").matcher(answer);
        if (m.find()) {
            return m.group(1);
        }
        Matcher fault = FAULT_CODE.matcher(answer);
        return fault.find() ? "fault " + fault.group(1) : "? " + answer;
    }

    /** Sends {@code count} wrong passcodes for {@code username} from 4 threads, each from its own {@code ipaddr}; counts the answers. */
    private static Map<String, Integer> soapBruteForce(String username, byte[] seed, int count) throws Exception {
        Map<String, Integer> answers = Collections.synchronizedMap(new LinkedHashMap<>());
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    String ip = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
                    answers.merge(status(soap(integration[0], integration[1], passcode(username, wrongHotpCode(seed, 50), ip))), 1, Integer::sum);
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        pool.shutdown();
        return answers;
    }

    /** Logs in at {@code /} with the password; the session is then at the second factor. */
    private static PageClient loggedInAtPrompt(String username, String password, java.util.function.Consumer<String> observer) throws Exception {
        PageClient page = new PageClient(URI.create(server.base().toString()), observer);
        page.get("");
        page.submit("login", Map.of("username", username, "password", password), "submit");
        assertTrue(page.page().contains("id=\"prompt\""), "the password is accepted and the prompt shown for " + username);
        return page;
    }

    @Test
    @Order(1)
    void bruteForceOverSoapAndPagesAtOnceLocksTheUserAtTheThreshold() throws Exception {
        String user = "brute" + Integer.toString(RANDOM.nextInt(1 << 20), 36);
        String password = "Brute-" + Long.toHexString(RANDOM.nextLong());
        byte[] seed;
        try (Jmx admin = server.admin()) {
            seed = userWithToken(admin, user, password);
            assertEquals(THRESHOLD, admin.get(ADMIN, "LockoutThreshold"));
        }
        PageClient page = loggedInAtPrompt(user, password, null);
        int pageAttempts = 50;
        AtomicInteger pageDenied = new AtomicInteger();
        ExecutorService pages = Executors.newSingleThreadExecutor();
        Future<?> pageAttack = pages.submit(() -> {
            for (int i = 0; i < pageAttempts; i++) {
                String answer = page.submit("prompt", Map.of("passcode", wrongHotpCode(seed, 50)), "verify");
                if (!answer.contains("id=\"success\"")) {
                    pageDenied.incrementAndGet();
                }
            }
            return null;
        });
        Map<String, Integer> soapAnswers = soapBruteForce(user, seed, 1000 - pageAttempts);
        pageAttack.get();
        pages.shutdown();

        // Even the right code is refused now.
        String right = status(soap(integration[0], integration[1], passcode(user, Hotp.generate(seed, 0, 6), "192.0.2.1")));
        Map<String, Long> reasons = auditedReasons(user, "auth.passcode");
        long evaluated = reasons.getOrDefault("deny invalid_passcode", 0L);
        long audited = reasons.values().stream().mapToLong(Long::longValue).sum();
        long lockouts = auditedReasons(user, "user.lockout").getOrDefault("done", 0L);
        try (Jmx admin = server.admin()) {
            System.out.printf("Brute force: %d wrong passcodes (%d over SOAP from %d addresses, %d on the login page, concurrently): "
                    + "SOAP answers %s, page failures %d; audited %s: evaluated %d, locked out once after them (LockoutThreshold %d), %d attempts audited "
                    + "(+1: the right code after, answered %s)%n",
                    1000, 1000 - pageAttempts, 1000 - pageAttempts, pageAttempts, soapAnswers, pageDenied.get(), reasons, evaluated, THRESHOLD, audited, right);
            assertEquals(THRESHOLD, evaluated, "exactly the threshold of failures is evaluated");
            assertEquals(1, lockouts, "the user is locked out once");
            assertEquals(1001, audited, "every attempt is audited, one row each");
            assertTrue(String.valueOf(admin.invoke(HELPDESK, "describeUser", user)).contains("locked_out"), "the user is locked out");
            assertEquals(pageAttempts, pageDenied.get(), "no page attempt logs in");
            assertEquals(1000 - pageAttempts, soapAnswers.getOrDefault("invalid_passcode", 0) + soapAnswers.getOrDefault("locked_out", 0),
                    "every SOAP attempt is denied as a wrong passcode or as locked out: " + soapAnswers);
            assertEquals("locked_out", right, "a locked-out user's right code is refused");
        }
    }

    @Test
    @Order(2)
    void noMoreThan100FailuresAnHourAreEvaluated() throws Exception {
        String user = "capped" + Integer.toString(RANDOM.nextInt(1 << 20), 36);
        byte[] seed;
        try (Jmx admin = server.admin()) {
            seed = userWithToken(admin, user, "Capped-" + Long.toHexString(RANDOM.nextLong()));
            admin.set(ADMIN, "LockoutThreshold", 1000);
        }
        try {
            Map<String, Integer> answers = soapBruteForce(user, seed, 1000);
            String right = status(soap(integration[0], integration[1], passcode(user, Hotp.generate(seed, 0, 6), "192.0.2.2")));
            Map<String, Long> reasons = auditedReasons(user, "auth.passcode");
            long evaluated = reasons.getOrDefault("deny invalid_passcode", 0L);
            long throttled = reasons.getOrDefault("deny throttled", 0L);
            System.out.printf("Hourly cap: 1000 wrong passcodes over SOAP with LockoutThreshold 1000: answers %s; audited %s: evaluated %d, "
                    + "refused unevaluated %d (+1: the right code after, answered %s)%n", answers, reasons, evaluated, throttled, right);
            assertEquals(100, evaluated, "no more than 100 failures an hour are evaluated");
            assertEquals(901, throttled, "every later attempt, even the right code, is refused unevaluated");
            assertEquals("deny", right, "the right code is not even checked");
        } finally {
            try (Jmx admin = server.admin()) {
                admin.set(ADMIN, "LockoutThreshold", THRESHOLD);
            }
        }
    }

    @Test
    @Order(3)
    void bypassIdentityProofIsThrottledTheSameWay() throws Exception {
        String user = "proof" + Integer.toString(RANDOM.nextInt(1 << 20), 36);
        String password = "Proof-" + Long.toHexString(RANDOM.nextLong());
        byte[] seed;
        try (Jmx admin = server.admin()) {
            seed = userWithToken(admin, user, password);
        }
        String pin = String.format("%06d", RANDOM.nextInt(1_000_000));
        setPin(user, password, Hotp.generate(seed, 0, 6), "1991-04-05", pin);

        PageClient bypass = new PageClient(URI.create(server.base().toString()), null);
        bypass.get("bypass");
        bypass.submit("login", Map.of("username", user, "password", password), "submit");
        int attempts = 15;
        int codes = 0;
        for (int i = 0; i < attempts; i++) {
            String wrong = String.format("%06d", (Integer.parseInt(pin) + 1 + i) % 1_000_000);
            String answer = bypass.submit("proof", Map.of("dob", "1991-04-05", "kind", "PIN", "value", wrong), "submit");
            codes += answer.contains("id=\"code\"") ? 1 : 0;
        }
        // The right proof, now that the user is locked out: no code.
        String answer = bypass.submit("proof", Map.of("dob", "1991-04-05", "kind", "PIN", "value", pin), "submit");
        try (Jmx admin = server.admin()) {
            List<String> trail = trail(admin, user);
            long evaluated = rows(trail, "bypass.selfService", "proof_mismatch");
            long refused = rows(trail, "bypass.selfService", "not_allowed");
            System.out.printf("Bypass identity proof: %d wrong proofs on /bypass: evaluated %d, refused unevaluated %d; right proof after: %s%n",
                    attempts, evaluated, refused, answer.contains("id=\"code\"") ? "a code" : "no code");
            assertEquals(0, codes, "no wrong proof yields a code");
            assertEquals(THRESHOLD, evaluated, "the identity proof counts toward lockout like any failure");
            assertEquals(attempts - THRESHOLD + 1, refused, "after the lockout no proof is evaluated, not even the right one");
            assertFalse(answer.contains("id=\"code\""), "a locked-out user gets no bypass code");
            assertTrue(String.valueOf(admin.invoke(HELPDESK, "describeUser", user)).contains("locked_out"));
        }
    }

    /** Logs in at {@code /?next=portal} and sets the identity-proof PIN in My Settings & Devices. */
    private static void setPin(String user, String password, String code, String dob, String pin) throws Exception {
        PageClient portal = new PageClient(URI.create(server.base().toString()), null);
        portal.get("?next=portal");
        portal.submit("login", Map.of("username", user, "password", password), "submit");
        portal.submit("prompt", Map.of("passcode", code), "verify");
        if (!portal.page().contains("id=\"pin\"")) {
            portal.get("portal");
        }
        String saved = portal.submit("pin", Map.of("dob", dob, "value", pin), "save");
        assertTrue(saved.contains("You have a PIN."), "the PIN is set in the portal");
    }

    @Test
    @Order(4)
    void oneSoapSourceCannotLockOutManyUsers() throws Exception {
        String tag = Integer.toString(RANDOM.nextInt(1 << 20), 36);
        int users = SOURCE_MAX + 20;
        try (Jmx admin = server.admin()) {
            for (int i = 0; i < users; i++) {
                userWithToken(admin, "spray" + tag + "u" + i, "Spray-" + Long.toHexString(RANDOM.nextLong()));
            }
        }
        Map<String, Integer> answers = new LinkedHashMap<>();
        List<String> statuses = new ArrayList<>();
        for (int round = 0; round < THRESHOLD; round++) {
            for (int i = 0; i < users; i++) {
                String s = status(soap(integration[0], integration[1], passcode("spray" + tag + "u" + i, "000000", "203.0.113.66")));
                answers.merge(s, 1, Integer::sum);
                statuses.add(s);
            }
        }
        try (Jmx admin = server.admin()) {
            long locked = 0;
            long evaluated = 0;
            for (int i = 0; i < users; i++) {
                List<String> trail = trail(admin, "spray" + tag + "u" + i);
                evaluated += rows(trail, "auth.passcode", "invalid_passcode");
                locked += String.valueOf(admin.invoke(HELPDESK, "describeUser", "spray" + tag + "u" + i)).contains("locked_out") ? 1 : 0;
            }
            long audited = Arrays.stream((String[]) admin.invoke(AUDIT, "recent", 5000))
                    .filter(l -> l.contains("too_many_requests") && l.contains("203.0.113.66")).count();
            // Another end user behind the same integration is not affected.
            String other = status(soap(integration[0], integration[1], passcode("spray" + tag + "u0", "000000", "203.0.113.67")));
            System.out.printf("Per-source throttle (SOAP): %d wrong passcodes over %d users from one integration + ipaddr: answers %s; "
                    + "evaluated %d (limit %d), users locked out %d; refusal audited %d time(s); another ipaddr: %s%n",
                    statuses.size(), users, answers, evaluated, SOURCE_MAX, locked, audited, other);
            assertEquals(SOURCE_MAX, evaluated, "the source's failures stop being evaluated at the limit");
            assertEquals(0, locked, "not one user is locked out by a sprayer");
            assertEquals("fault 429", statuses.get(statuses.size() - 1), "the source is refused with TOO_MANY_REQUESTS");
            assertEquals(SOURCE_MAX, statuses.indexOf("fault 429"), "refused from the first attempt past the limit");
            assertEquals(1, audited, "the refusal is audited (once per block)");
            assertEquals("invalid_passcode", other, "another end user of the integration is still served");
        }
    }

    @Test
    @Order(4)
    void aSourcesFailuresFarFromItsLimitAreWrittenBehindNotLost() throws Exception {
        String user = "behind" + Integer.toString(RANDOM.nextInt(1 << 20), 36);
        try (Jmx admin = server.admin()) {
            userWithToken(admin, user, "Behind-" + Long.toHexString(RANDOM.nextLong()));
        }
        int failures = 3; // far below the limit (SOURCE_MAX): none waits for its write
        for (int i = 0; i < failures; i++) {
            assertEquals("invalid_passcode", status(soap(integration[0], integration[1], passcode(user, "000000", "203.0.113.68"))));
        }
        // none of these answers waited for its failure's write: the write behind brings them to the
        // ledger within a tenth of a second (the deadline leaves room for a slow machine)
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        int ledger;
        do {
            ledger = fromBackup(c -> {
                try (PreparedStatement q = c.prepareStatement("SELECT FAILURES FROM TF_SOURCE_FAILURE WHERE SOURCEKEY LIKE ?")) {
                    q.setString(1, "% 203.0.113.68 via %");
                    try (ResultSet rs = q.executeQuery()) {
                        return rs.next() ? rs.getInt(1) : -1;
                    }
                }
            });
            if (ledger != failures) {
                Thread.sleep(100); // before the next online backup
            }
        } while (ledger != failures && Instant.now().isBefore(deadline));
        System.out.printf("Per-source throttle: %d wrong passcodes from 203.0.113.68, written behind: the ledger counts %d%n", failures, ledger);
        assertEquals(failures, ledger, "every failure written behind is in the source's ledger row");
    }

    /**
     * Passcodes that arrive together are decided in one transaction (the group commit). Here a
     * sprayer's source reaches its limit while its attempts wait in the same batches as other users'
     * logins: its attempts from then on are refused (a block learnt while an attempt waited refuses it
     * inside the batch), the other users' logins stand, each allowed and audited once, and the
     * source is blocked after exactly the limit's worth of evaluated failures — none counted twice by
     * a batch undone and decided again.
     */
    @Test
    @Order(4)
    void aSourceBlockedWhileItsAttemptsShareBatchesWithOtherLoginsUndoesNoneAndCountsEachFailureOnce() throws Exception {
        String tag = Integer.toString(RANDOM.nextInt(1 << 20), 36);
        String sprayer = "203.0.113.70";
        int sprayed = SOURCE_MAX + 10;
        int attempts = 2 * SOURCE_MAX;
        int sprayers = 8;
        int loggers = 4;
        int usersEach = 3;
        int codesEach = 3;
        List<String> sprayUsers = new ArrayList<>();
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        try (Jmx admin = server.admin()) {
            for (int i = 0; i < sprayed; i++) {
                sprayUsers.add("batch" + tag + "s" + i);
                userWithToken(admin, sprayUsers.get(i), "Batch-" + Long.toHexString(RANDOM.nextLong()));
            }
            for (int i = 0; i < loggers * usersEach; i++) {
                String user = "batch" + tag + "g" + i;
                seeds.put(user, userWithToken(admin, user, "Batch-" + Long.toHexString(RANDOM.nextLong())));
            }
        }
        List<String> good = new ArrayList<>(seeds.keySet());
        Map<String, Integer> sprayAnswers = new ConcurrentHashMap<>();
        Map<String, Integer> loginAnswers = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(sprayers + loggers);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < sprayers; t++) {
            workers.add(pool.submit(() -> {
                go.await();
                for (int i = next.getAndIncrement(); i < attempts; i = next.getAndIncrement()) {
                    String user = sprayUsers.get(i % sprayed);
                    sprayAnswers.merge(status(soap(integration[0], integration[1], passcode(user, "000000", sprayer))), 1, Integer::sum);
                }
                return null;
            }));
        }
        for (int t = 0; t < loggers; t++) {
            List<String> mine = good.subList(t * usersEach, (t + 1) * usersEach);
            String ip = "192.0.2." + (110 + t);
            workers.add(pool.submit(() -> {
                go.await();
                for (int c = 0; c < codesEach; c++) {
                    for (String user : mine) {
                        loginAnswers.merge(status(soap(integration[0], integration[1], passcode(user, Hotp.generate(seeds.get(user), c, 6), ip))), 1, Integer::sum);
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> w : workers) {
            w.get();
        }
        pool.shutdown();
        // every answer is given after its decision committed, and the block after the write that set it
        long[] counted = fromBackup(c -> new long[] {
            count(c, "SELECT COUNT(*) FROM TF_SOURCE_FAILURE WHERE SOURCEKEY LIKE ? AND BLOCKEDUNTIL IS NOT NULL", "% " + sprayer + " via %"),
            count(c, "SELECT COUNT(*) FROM TF_AUDIT WHERE ACTION_NAME = 'auth.passcode' AND REASON = 'invalid_passcode' AND ORIGIN LIKE ?", sprayer + " via %"),
            count(c, "SELECT COUNT(*) FROM TF_AUDIT WHERE ACTION_NAME = 'auth.passcode' AND OUTCOME = 'allow' AND SUBJECT LIKE ?", "batch" + tag + "g%"),
            count(c, "SELECT COUNT(*) FROM TF_AUDIT WHERE REASON = 'too_many_requests' AND ORIGIN LIKE ?", sprayer + " via %")});
        long evaluated = counted[1];
        System.out.printf("Per-source throttle in shared batches: %d wrong passcodes from %s over %d users (answers %s) beside %d right codes "
                + "of %d users from %d other addresses (answers %s); failures evaluated and audited %d (limit %d), blocked in the ledger %s; "
                + "logins audited as allowed %d; refusal audited %d time(s)%n", attempts, sprayer, sprayed, sprayAnswers, loggers * usersEach * codesEach,
                loggers * usersEach, loggers, loginAnswers, evaluated, SOURCE_MAX, counted[0] == 1, counted[2], counted[3]);
        assertEquals(Map.of("allow", loggers * usersEach * codesEach), loginAnswers, "every right code of the other users is allowed");
        assertEquals(loggers * usersEach * codesEach, counted[2], "each allowed login is audited once: none undone, none decided twice");
        assertEquals(Set.of("invalid_passcode", "fault 429"), sprayAnswers.keySet(), "the sprayer is told its codes are wrong, then refused");
        assertEquals(evaluated, (long) sprayAnswers.get("invalid_passcode"), "each evaluated failure is answered and audited once");
        // Not fewer than the limit: the ledger blocks the source when it has counted the limit's worth of
        // failures, so a failure counted twice (a batch undone and decided again) would have blocked it
        // before that many were evaluated. Not many more: each lane of decisions (at most 8) may
        // evaluate one failure while another writes the one that reaches the limit.
        assertTrue(evaluated >= SOURCE_MAX && evaluated < SOURCE_MAX + 8, "the source is blocked after the limit's worth of evaluated failures (fewer: some counted twice) and few more: " + evaluated);
        assertEquals(1, counted[0], "the ledger holds the source's block");
        assertEquals(1, counted[3], "the refusal is audited once per block");
    }

    @Test
    @Order(5)
    void secretsNeverLeak() throws Exception {
        String user = "leak" + Integer.toString(RANDOM.nextInt(1 << 20), 36);
        String password = "Leak-pass-" + Long.toHexString(RANDOM.nextLong());
        String pin = String.format("%08d", RANDOM.nextInt(100_000_000));
        String dob = "1987-06-05";
        String phone = "410555" + String.format("%04d", RANDOM.nextInt(10_000));
        List<String> answers = Collections.synchronizedList(new ArrayList<>());
        Map<String, String> secrets = new LinkedHashMap<>();
        byte[] seed;
        String[] leakIntegration;
        try (Jmx admin = server.admin()) {
            CompositeData created = (CompositeData) admin.invoke(ADMIN, "createIntegration", "Leak VPN");
            leakIntegration = new String[] {(String) created.get("integrationKey"), (String) created.get("secret")};
            seed = userWithToken(admin, user, password);
            answers.add(String.valueOf(admin.invoke(HELPDESK, "enrollLandline", user, "+1" + phone, "77", "Desk")));
        }
        secrets.put("password", password);
        secrets.put("seed (Base32)", Base32.encode(seed));
        secrets.put("seed (hex)", HexFormat.of().formatHex(seed));
        secrets.put("integration secret", leakIntegration[1]);
        secrets.put("PIN", pin);
        secrets.put("date of birth", dob);
        secrets.put("phone number", phone);

        // SOAP: check, preauth, a passcode login, a wrong one, the second-password form.
        String[] codes = {Hotp.generate(seed, 0, 6), Hotp.generate(seed, 1, 6), Hotp.generate(seed, 2, 6)};
        answers.add(soap(leakIntegration[0], leakIntegration[1], "<t:check/>"));
        answers.add(soap(leakIntegration[0], leakIntegration[1], "<t:preauth><t:username>" + user + "</t:username></t:preauth>"));
        String allowed = soap(leakIntegration[0], leakIntegration[1], passcode(user, codes[0], "192.0.2.10"));
        assertEquals("allow", status(allowed));
        answers.add(allowed);
        answers.add(soap(leakIntegration[0], leakIntegration[1], passcode(user, codes[0], "192.0.2.10")));
        answers.add(soap(leakIntegration[0], leakIntegration[1], "<t:secondPassword><t:username>" + user + "</t:username><t:secondPassword>"
                + codes[1] + "</t:secondPassword></t:secondPassword>"));
        answers.add(soap(leakIntegration[0], leakIntegration[1] + "x", "<t:check/>"));

        // Pages: log in with the third code, set the PIN; /bypass with the identity proof; log in with the bypass code.
        PageClient portal = new PageClient(URI.create(server.base().toString()), answers::add);
        portal.get("?next=portal");
        portal.submit("login", Map.of("username", user, "password", password), "submit");
        portal.submit("prompt", Map.of("passcode", codes[2]), "verify");
        if (!portal.page().contains("id=\"pin\"")) {
            portal.get("portal");
        }
        assertTrue(portal.submit("pin", Map.of("dob", dob, "value", pin), "save").contains("You have a PIN."));
        List<String> delivered = new ArrayList<>();
        PageClient bypass = new PageClient(URI.create(server.base().toString()), answers::add);
        bypass.get("bypass");
        bypass.submit("login", Map.of("username", user, "password", password), "submit");
        bypass.submit("proof", Map.of("dob", "1911-11-11", "kind", "PIN", "value", pin), "submit");
        String codePage = bypass.submit("proof", Map.of("dob", dob, "kind", "PIN", "value", pin), "submit");
        Matcher code = Pattern.compile("id=\"code\"[^>]*>\\s*([0-9 ]{9,12})\\s*<").matcher(codePage);
        assertTrue(code.find(), "the bypass code is shown to its owner");
        String bypassCode = code.group(1).replace(" ", "");
        delivered.add(answers.remove(answers.size() - 1)); // the one answer meant to show it
        secrets.put("bypass code", bypassCode);
        PageClient login = loggedInAtPrompt(user, password, answers::add);
        String in = login.submit("prompt", Map.of("passcode", bypassCode), "verify");
        assertTrue(in.contains("id=\"success\"") || in.contains("id=\"pinTitle\""), "the bypass code logs in (to My Settings & Devices)");

        // Help desk: a temporary passcode (shown once, to the operator), used over SOAP.
        String temporary;
        try (Jmx admin = server.admin()) {
            String issued = String.valueOf(admin.invoke(HELPDESK, "issueTemporaryPasscode", user, 1, 1));
            Matcher t = Pattern.compile("([0-9]{9})").matcher(issued);
            assertTrue(t.find(), issued);
            temporary = t.group(1);
            delivered.add(issued);
        }
        secrets.put("temporary passcode", temporary);
        assertEquals("allow", status(soap(leakIntegration[0], leakIntegration[1], passcode(user, temporary, "192.0.2.11"))));
        for (int i = 0; i < codes.length; i++) {
            secrets.put("passcode " + i, codes[i]);
        }

        // Every JMX answer about the user, the whole audit trail.
        List<String> auditTrail = new ArrayList<>();
        try (Jmx admin = server.admin()) {
            answers.add(String.valueOf(admin.invoke(HELPDESK, "describeUser", user)));
            answers.add(String.join("\n", (String[]) admin.invoke(HELPDESK, "listDevices", user)));
            answers.add(String.join("\n", (String[]) admin.invoke(HELPDESK, "recentAuthentications", user, 100)));
            answers.add(String.valueOf(admin.get("org.twofold:type=Statistics", "Authentications")));
            answers.add(String.join("\n", (String[]) admin.invoke(AUDIT, "forUser", user, 1000)));
        }
        // The whole audit trail, every column of every row.
        auditTrail.addAll(fromBackup(c -> {
            List<String> rows = new ArrayList<>();
            try (java.sql.Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM TF_AUDIT")) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= columns; i++) {
                        row.append(rs.getString(i)).append(" | ");
                    }
                    rows.add(row.toString());
                }
            }
            return rows;
        }));
        String log = server.allOutput(); // the console and Payara's own log file

        Map<String, List<String>> hits = new LinkedHashMap<>();
        for (Map.Entry<String, String> secret : secrets.entrySet()) {
            List<String> where = new ArrayList<>();
            if (found(log, secret.getValue())) {
                where.add("server log");
            }
            if (auditTrail.stream().anyMatch(l -> found(l, secret.getValue()))) {
                where.add("audit trail");
            }
            answers.stream().filter(a -> found(a, secret.getValue())).findFirst()
                    .ifPresent(a -> where.add("answer: " + a.substring(0, Math.min(300, a.length()))));
            if (!where.isEmpty()) {
                hits.put(secret.getKey(), where);
            }
        }

        // At rest: the database files (data and transaction log) and every other file of the data directory.
        Map<String, byte[]> atRest = new LinkedHashMap<>();
        secrets.forEach((k, v) -> atRest.put(k, v.getBytes(StandardCharsets.UTF_8)));
        atRest.put("seed (raw bytes)", seed);
        List<String> files;
        try (Stream<Path> walk = Files.walk(server.dataDir)) {
            files = walk.filter(Files::isRegularFile).map(Path::toString).collect(Collectors.toList());
        }
        Map<String, List<String>> stored = new LinkedHashMap<>();
        long bytes = 0;
        for (String file : files) {
            byte[] content = Files.readAllBytes(Path.of(file));
            bytes += content.length;
            for (Map.Entry<String, byte[]> secret : atRest.entrySet()) {
                if (indexOf(content, secret.getValue(), secret.getKey().startsWith("seed (raw")) >= 0) {
                    stored.computeIfAbsent(secret.getKey(), k -> new ArrayList<>()).add(server.dataDir.relativize(Path.of(file)).toString());
                }
            }
        }
        System.out.printf("Secrets never leak: %d known secrets (%s) searched in the server log (%d chars), %d audit rows, %d HTTP/SOAP/JMX answers "
                + "(besides the %d that deliver a code to its owner): hits %s; at rest, %d files (%d KB) of the data directory: hits %s%n",
                secrets.size(), String.join(", ", secrets.keySet()), log.length(), auditTrail.size(), answers.size(), delivered.size(), hits,
                files.size(), bytes >> 10, stored);
        assertEquals(Map.of(), hits, "no secret in the log, the audit trail or any answer");
        assertEquals(Map.of(), stored, "no secret in clear in the database files");
    }

    /** Whether {@code text} contains {@code secret}; a secret of digits only counts when not inside a longer number. */
    private static boolean found(String text, String secret) {
        if (!secret.chars().allMatch(Character::isDigit)) {
            return text.contains(secret);
        }
        return Pattern.compile("(?<![0-9])" + secret + "(?![0-9])").matcher(text).find();
    }

    private static int indexOf(byte[] hay, byte[] needle, boolean raw) {
        boolean digits = !raw && new String(needle, StandardCharsets.ISO_8859_1).chars().allMatch(Character::isDigit);
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            if (digits && (i > 0 && Character.isDigit(hay[i - 1]) || i + needle.length < hay.length && Character.isDigit(hay[i + needle.length]))) {
                continue;
            }
            return i;
        }
        return -1;
    }

    @Test
    @Order(6)
    void onePageAddressCannotLockOutManyUsers() throws Exception {
        String tag = Integer.toString(RANDOM.nextInt(1 << 20), 36);
        int users = SOURCE_MAX + 10;
        try (Jmx admin = server.admin()) {
            for (int i = 0; i < users; i++) {
                admin.invoke(ADMIN, "createUser", "page" + tag + "u" + i, "Page " + i, "Central Administration");
            }
        }
        PageClient page = new PageClient(URI.create(server.base().toString()), null);
        for (int i = 0; i < users; i++) {
            page.get("");
            page.submit("login", Map.of("username", "page" + tag + "u" + i, "password", "wrong-password-" + i), "submit");
        }
        try (Jmx admin = server.admin()) {
            int evaluated = 0;
            int lastEvaluated = -1;
            for (int i = 0; i < users; i++) {
                if (rows(trail(admin, "page" + tag + "u" + i), "login.password", "wrong_password") > 0) {
                    evaluated++;
                    lastEvaluated = i;
                }
            }
            long audited = Arrays.stream((String[]) admin.invoke(AUDIT, "recent", 5000))
                    .filter(l -> l.contains("too_many_requests") && l.contains("login.password")).count();
            System.out.printf("Per-source throttle (pages): wrong passwords for %d users from one address: evaluated %d (limit %d for the address, "
                    + "including the earlier tests' page failures), the last evaluated user #%d; refusal audited %d time(s)%n",
                    users, evaluated, SOURCE_MAX, lastEvaluated, audited);
            assertTrue(evaluated >= 1 && evaluated <= SOURCE_MAX, "at most the limit of failures from one address is evaluated: " + evaluated);
            assertEquals(evaluated - 1, lastEvaluated, "once refused, every later attempt from the address is refused");
            assertEquals(1, audited, "the refusal is audited (once per block)");

            // Without TWOFOLD_TRUST_PROXY (this server) X-Forwarded-For is never believed: the blocked
            // client naming another address stays blocked, even with a right password.
            String origin = Arrays.stream((String[]) admin.invoke(AUDIT, "recent", 5000))
                    .filter(l -> l.contains("too_many_requests") && l.contains("login.password"))
                    .map(l -> l.replaceAll("^.*?\\(too_many_requests\\) from (\\S+).*$", "$1")).findFirst().orElseThrow();
            String user = "page" + tag + "right";
            String password = "Right-" + Long.toHexString(RANDOM.nextLong());
            userWithToken(admin, user, password);
            URI sameAddress = URI.create("http://" + (origin.contains(":") ? "[" + origin + "]" : origin) + ":" + server.httpPort + "/");
            SourcePageClient spoofer = new SourcePageClient(origin, sameAddress, Map.of("X-Forwarded-For", "198.51.100.7"));
            spoofer.get("");
            String spoofed = spoofer.submit("login", Map.of("username", user, "password", password), "submit");
            SourcePageClient other = new SourcePageClient("127.0.0.5", URI.create("http://127.0.0.1:" + server.httpPort + "/"), Map.of());
            other.get("");
            String elsewhere = other.submit("login", Map.of("username", user, "password", password), "submit");
            System.out.printf("Per-source throttle (pages): the blocked address %s with X-Forwarded-For: 198.51.100.7 still refused: %b%n",
                    origin, !spoofed.contains("Choose an authentication method"));
            assertTrue(spoofed.contains("Incorrect username or password.") && !spoofed.contains("Choose an authentication method"),
                    "a spoofed X-Forwarded-For does not free a blocked address");
            assertTrue(elsewhere.contains("Choose an authentication method"), "the same login from another address passes");
            assertTrue(trail(admin, user).stream().noneMatch(l -> l.contains("198.51.100.7")), "the spoofed address is believed nowhere");
        }
    }

    /** The audit rows written since {@code afterId}, sorted out for the flood test. */
    private record FloodTrail(Map<String, Long> floodRows, long summaryRows, Map<String, Long> summarised, List<String> otherRows, long consoleRows) {
        long written() {
            return floodRows.values().stream().mapToLong(Long::longValue).sum();
        }

        long counted() {
            return summarised.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static final Pattern SUMMARY = Pattern.compile("^(\\d+) more refusals from .+? in \\S+ after \\d+ written: (.*)$");
    private static final Set<String> FLOOD_ACTIONS = Set.of("integration.authenticate", "hosted.prompt", "page.post");

    /** Sorts the rows after {@code afterId}: refusals and summaries from {@code source}, the console's own rows, and the rest. */
    private static FloodTrail floodTrail(Connection c, long afterId, String source) throws SQLException {
        Map<String, Long> flood = new TreeMap<>();
        Map<String, Long> summarised = new TreeMap<>();
        List<String> other = new ArrayList<>();
        long summaries = 0;
        long console = 0;
        try (PreparedStatement s = c.prepareStatement("SELECT ACTOR, SUBJECT, ACTION_NAME, OUTCOME, REASON, ORIGIN, DETAIL FROM TF_AUDIT WHERE ID > ? ORDER BY ID")) {
            s.setLong(1, afterId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String action = rs.getString(3);
                    boolean fromSource = source.equals(rs.getString(6));
                    if (rs.getString(1).startsWith("operator:")) {
                        console++;
                    } else if (fromSource && action.equals("audit.summary")) {
                        summaries++;
                        Matcher m = SUMMARY.matcher(rs.getString(7));
                        assertTrue(m.matches(), rs.getString(7));
                        for (String item : m.group(2).split(", ")) {
                            summarised.merge(item.substring(0, item.lastIndexOf(' ')), Long.parseLong(item.substring(item.lastIndexOf(' ') + 1)), Long::sum);
                        }
                    } else if (fromSource && FLOOD_ACTIONS.contains(action) && "refused".equals(rs.getString(4))) {
                        flood.merge(action + " " + rs.getString(5), 1L, Long::sum);
                    } else {
                        other.add(rs.getString(1) + " " + action + " " + rs.getString(2) + " → " + rs.getString(4) + " (" + rs.getString(5) + ") from "
                                + rs.getString(6));
                    }
                }
            }
        }
        return new FloodTrail(flood, summaries, summarised, other, console);
    }

    /** A SOAP request with a PasswordText token, sent from {@code localAddress} (another loopback address) over a plain socket; returns the answer. */
    private static String soapFrom(String localAddress, String key, String secret, String body) throws IOException {
        byte[] envelope = ("<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:t=\"urn:twofold:auth:1\">"
                + "<soapenv:Header><wsse:Security xmlns:wsse=\"" + SoapClient.WSSE + "\"><wsse:UsernameToken><wsse:Username>" + key
                + "</wsse:Username><wsse:Password>" + secret + "</wsse:Password></wsse:UsernameToken></wsse:Security></soapenv:Header>"
                + "<soapenv:Body>" + body + "</soapenv:Body></soapenv:Envelope>").getBytes(StandardCharsets.UTF_8);
        int port = server.base().getPort();
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /ws/AuthService HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: text/xml; charset=utf-8\r\nSOAPAction: \"\"\r\n"
                    + "Content-Length: " + envelope.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(envelope);
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    // Issue 15, findings 1 and 10: the virtual phones exist only where an operator chose them; a
    // factor no channel delivers is not offered; first-start secrets go to the console only.

    private static final Pattern CAPABILITY = Pattern.compile("<(?:\\w+:)?capability>([a-z_]+)</");

    /** Payara's own log file once it holds {@code text} (it is written asynchronously); at most a minute. */
    private static String awaitLog(MicroServer s, String text) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        String log = "";
        while (Instant.now().isBefore(deadline)) {
            log = Files.exists(s.payaraLog()) ? Files.readString(s.payaraLog(), StandardCharsets.ISO_8859_1) : "";
            if (log.contains(text)) {
                return log;
            }
            Thread.sleep(250); // a bounded poll of a condition
        }
        throw new AssertionError("Payara's log " + s.payaraLog() + " never showed: " + text);
    }

    /** What {@code path} (relative to the server's root) and a post to {@code /phone} answer, by request. */
    private static Map<String, Integer> phoneAnswers(URI base) throws Exception {
        PageClient client = new PageClient();
        Map<String, Integer> answers = new LinkedHashMap<>();
        for (String path : List.of("phone", "phone.xhtml", "phone/", "phone/anything", "phone?device=1")) {
            answers.put("GET /" + path, client.fetch(base.resolve(path)).statusCode());
        }
        answers.put("POST /phone", client.post(base.resolve("phone"), Map.of("phone", "phone", "jakarta.faces.ViewState", "stateless",
                "jakarta.faces.partial.ajax", "true")).statusCode());
        return answers;
    }

    @Test
    @Order(-3)
    void aProductionServerServesNoVirtualPhonesAndLogsHowItDelivers() throws Exception {
        Map<String, Integer> answers = phoneAnswers(server.base().toURI());
        System.out.println("Production server (carrier http, simulator off), /phone: " + answers);
        answers.forEach((what, status) -> assertEquals(404, status, what + ": no virtual phones without the simulator"));
        awaitLog(server, "Delivery: carrier http (texts and calls); push none (not offered); simulator off (no /phone)");
    }

    @Test
    @Order(-4) // before any flood of refusals from this address, beyond which they are only summarised
    void duoUnixsUndatedRestV1IsOffUnlessAnOperatorTurnsItOnEvenForACorrectlySignedRequest() throws Exception {
        // pam_duo 1.x signs method, host, path and parameters without a date: such a request could be
        // replayed for ever, so a server that did not choose TWOFOLD_DUO_REST_V1=true refuses it.
        String host = "localhost:" + server.base().getPort();
        String params = "user=" + Fixtures.unique("rv");
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
        mac.init(new javax.crypto.spec.SecretKeySpec(integration[1].getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String signature = HexFormat.of().formatHex(mac.doFinal(String.join("\n", "POST", host, "/rest/v1/preauth.bson", params)
                .getBytes(StandardCharsets.UTF_8)));
        String basic = java.util.Base64.getEncoder().encodeToString((integration[0] + ":" + signature).getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> refused = HTTP.send(HttpRequest.newBuilder(URI.create(server.base() + "rest/v1/preauth.bson"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(params)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(403, refused.statusCode(), "REST v1 is off by default");
        try (Jmx admin = server.admin()) {
            assertTrue(Arrays.stream((String[]) admin.invoke(AUDIT, "recent", 200))
                    .anyMatch(e -> e.contains("integration:" + integration[0] + " integration.authenticate → refused (rest_v1_off)")),
                    "the refusal is audited");
        }
    }

    @Test
    @Order(-2)
    void withoutAPushChannelNoPushIsOffered() throws Exception {
        String user = "nopush" + RANDOM.nextInt(1_000_000);
        String password = "no-push-password-" + RANDOM.nextInt(1_000_000);
        String enrolled;
        try (Jmx admin = server.admin()) {
            admin.invoke(ADMIN, "createUser", user, "Test " + user, "Central Administration");
            admin.invoke(ADMIN, "setUserPassword", user, password);
            // the activation link is texted through the carrier (the stub accepts numbers ending in 9999)
            enrolled = (String) admin.invoke(HELPDESK, "enrollSmartphone", user, "+1 410 555 9999", "Work phone");
        }
        Matcher link = Pattern.compile("(https?://\\S+/activate\\?code=\\S+)").matcher(enrolled);
        Matcher secret = Pattern.compile("[?&]secret=([A-Z2-7]+)").matcher(enrolled);
        assertTrue(link.find() && secret.find(), enrolled);
        PageClient owner = new PageClient(server.base().toURI(), page -> { });
        URI activation = URI.create(link.group(1));
        owner.get(activation.getRawPath().substring(1) + "?" + activation.getRawQuery());
        String activated = owner.submit("activate", Map.of("code", Totp.generate(Base32.decode(secret.group(1)), Instant.now(), 6, OtpAlgorithm.SHA1)),
                "submit");
        assertTrue(activated.contains("id=\"activated\""), "the smartphone is active");

        String preauth = soap(integration[0], integration[1], "<t:preauth><t:username>" + user + "</t:username></t:preauth>");
        List<String> capabilities = new ArrayList<>();
        Matcher c = CAPABILITY.matcher(preauth);
        while (c.find()) {
            capabilities.add(c.group(1));
        }
        String push = soap(integration[0], integration[1], "<t:auth><t:username>" + user + "</t:username><t:factor>push</t:factor></t:auth>");
        String prompt = loggedInAtPrompt(user, password, page -> { }).page();
        System.out.printf("No push channel: preauth capabilities %s; auth factor=push: %s; the prompt offers %s%n", capabilities, status(push),
                Stream.of("push", "call", "verify", "sendCodes").filter(b -> prompt.contains("id=\"prompt:" + b + "\"")).toList());
        assertEquals(List.of("phone", "sms", "mobile_otp"), capabilities, "preauth lists what the smartphone may do: no push");
        assertEquals("no_device", status(push), "auth factor=push is refused: no device can receive a push here");
        assertTrue(push.contains("<result>deny</result>") || push.matches("(?s).*<(\\w+:)?result>deny</.*"), push);
        assertFalse(prompt.contains("id=\"prompt:push\"") || prompt.contains("Send me a Push"), "the prompt shows no \"Send me a Push\"");
        assertTrue(prompt.contains("id=\"prompt:call\""), "and still \"Call Me\": the carrier places calls");
    }

    @Test
    @Order(-1)
    void theGeneratedAdministratorPasswordIsOnTheConsoleOnlyAndTheDataKeyIsTheOwners() throws Exception {
        String password = server.adminPassword(); // read off the console; @BeforeAll logged in with it over JMX
        String log = awaitLog(server, "Twofold ready");
        String console = Files.readString(server.log(1), StandardCharsets.ISO_8859_1);
        System.out.printf("Generated administrator password: on the console (%d chars) %s, in Payara's log file (%d chars) %s%n",
                console.length(), console.contains(password), log.length(), log.contains(password));
        assertTrue(console.contains("Shown once, on this console only (not in the log)"), "the console says so");
        assertFalse(log.contains(password), "the generated password is not in the log file");

        Path key = server.dataDir.resolve("keys").resolve("twofold.key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)), "the data key is its owner's only");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key.getParent())));
    }

    /** A non-loopback address of this machine, by which a test can reach a server as a remote client would. */
    private static InetAddress nonLoopbackAddress() throws Exception {
        return NetworkInterface.networkInterfaces().filter(i -> {
            try {
                return i.isUp() && !i.isLoopback();
            } catch (java.net.SocketException e) {
                return false;
            }
        }).flatMap(NetworkInterface::inetAddresses).filter(a -> a instanceof Inet4Address && !a.isLinkLocalAddress() && !a.isLoopbackAddress())
                .findFirst().orElseThrow(() -> new AssertionError("this machine has no non-loopback IPv4 address to reach the server from"));
    }

    @Test
    @Order(7)
    void aFloodOfRefusedRequestsFromOneAddressIsSummarisedAndBuriesNoRealEvent() throws Exception {
        int total = 6000; // per 12: 10 SOAP requests with bad credentials, one GET /?app=junk, one post with a garbled view state
        String user = "real" + Integer.toString(RANDOM.nextInt(1 << 20), 36);
        byte[] seed;
        try (Jmx admin = server.admin()) {
            seed = userWithToken(admin, user, "Real-" + Long.toHexString(RANDOM.nextLong()));
        }
        long lastIdBefore = fromBackup(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(ID) FROM TF_AUDIT")) {
                rs.next();
                return rs.getLong(1);
            }
        });
        String base = "http://127.0.0.1:" + server.base().getPort() + "/";
        HttpRequest.Builder soapPost = HttpRequest.newBuilder(URI.create(base + "ws/AuthService")).header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"\"");
        Map<String, Integer> answers = new java.util.concurrent.ConcurrentHashMap<>();
        List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        CountDownLatch halfway = new CountDownLatch(total / 2);
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    String what;
                    HttpResponse<String> r;
                    if (i % 12 < 10) {
                        what = "SOAP bad credentials";
                        String key = i % 2 == 0 ? "DIFLOOD" + (i % 97) : integration[0];
                        String envelope = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:t=\"urn:twofold:auth:1\">"
                                + "<soapenv:Header><wsse:Security xmlns:wsse=\"" + SoapClient.WSSE + "\"><wsse:UsernameToken><wsse:Username>" + key
                                + "</wsse:Username><wsse:Password>wrong-" + i + "</wsse:Password></wsse:UsernameToken></wsse:Security></soapenv:Header>"
                                + "<soapenv:Body><t:preauth><t:username>" + user + "</t:username></t:preauth></soapenv:Body></soapenv:Envelope>";
                        r = HTTP.send(soapPost.copy().POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofString());
                        Matcher code = FAULT_CODE.matcher(r.body());
                        what += code.find() ? " → fault " + code.group(1) : " → HTTP " + r.statusCode();
                    } else if (i % 12 == 10) {
                        r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "?app=junk" + i)).build(), HttpResponse.BodyHandlers.ofString());
                        what = "GET /?app=junk → " + r.statusCode();
                    } else {
                        r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "index.xhtml")).header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString("login=login&login%3Ausername=" + user + "&login%3Apassword=x&login%3Asubmit=Log+in"
                                        + "&jakarta.faces.ViewState=garbage" + i)).build(), HttpResponse.BodyHandlers.ofString());
                        what = "garbled view state → " + r.statusCode() + " " + r.headers().firstValue("location").orElse("");
                    }
                    answers.merge(what.replaceAll("\\?page=.*", ""), 1, Integer::sum);
                    if (!what.endsWith("fault 201") && !what.endsWith("→ 200") && !what.contains("→ 302 " + base + "expired")) {
                        unexpected.add(what);
                    }
                    halfway.countDown();
                }
                return null;
            }));
        }
        // In the middle of the flood: an allowed login, and a refusal from another address.
        halfway.await();
        String allowed = soap(integration[0], integration[1], passcode(user, Hotp.generate(seed, 0, 6), "192.0.2.99"));
        String otherSource = soapFrom("127.0.0.2", "DIOTHERSOURCE", "wrong", "<t:preauth><t:username>" + user + "</t:username></t:preauth>");
        for (Future<?> w : workers) {
            w.get();
        }
        pool.shutdown();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // The last window is summarised once it has closed (within a sweep): read until every request is on record.
        Instant deadline = Instant.now().plusSeconds(AUDIT_WINDOW_SECONDS + SUMMARY_SWEEP_SECONDS + 30);
        FloodTrail trail = fromBackup(c -> floodTrail(c, lastIdBefore, "127.0.0.1"));
        while (trail.written() + trail.counted() < total && Instant.now().isBefore(deadline)) {
            Thread.sleep(2_000);
            trail = fromBackup(c -> floodTrail(c, lastIdBefore, "127.0.0.1"));
        }
        // consecutive windows of the address over the flood's span (and one that may have opened before it)
        long windows = took.toMillis() / (AUDIT_WINDOW_SECONDS * 1000L) + 2;
        long bound = windows * (AUDIT_LIMIT + trail.floodRows().size());
        System.out.printf("Refusal flood: %d requests from 127.0.0.1 in %d s (answers %s); audit: %d rows %s + %d counted in %d summary rows %s "
                + "(at most %d rows: %d window(s) of %d s × (%d + one per kind)); other new rows %s; console rows %d; "
                + "in the middle: an allowed login (%s) and a refusal from 127.0.0.2 (%s)%n",
                total, took.toSeconds(), new TreeMap<>(answers), trail.written(), trail.floodRows(), trail.counted(), trail.summaryRows(), trail.summarised(),
                bound, windows, AUDIT_WINDOW_SECONDS, AUDIT_LIMIT, trail.otherRows(), trail.consoleRows(),
                allowed.contains(">allow</") ? "allow" : allowed, status(otherSource));

        assertEquals(List.of(), unexpected.subList(0, Math.min(5, unexpected.size())), "every flood request is refused as usual");
        assertEquals(total, trail.written() + trail.counted(), "every refusal is on record, on its own row or counted in a summary");
        assertTrue(trail.written() <= bound, "the flood writes at most the limit per window (and one row per kind): " + trail.written() + " > " + bound);
        assertTrue(trail.summaryRows() >= 1 && trail.summaryRows() <= windows, "one summary row per window: " + trail.summaryRows());
        assertTrue(trail.floodRows().keySet().containsAll(trail.summarised().keySet()), "each kind of refusal has a row of its own");
        assertEquals(Set.of("integration.authenticate unknown_integration", "integration.authenticate wrong_secret", "hosted.prompt unknown_application",
                "page.post view_expired"), trail.floodRows().keySet());
        assertTrue(allowed.contains(">allow</"), "the right code is allowed in the middle of the flood: " + allowed);
        assertEquals("fault 201", status(otherSource), "the other address is refused as usual");
        assertEquals(Set.of("integration:" + integration[0] + " auth.passcode " + user + " → allow (null) from 192.0.2.99 via 127.0.0.1",
                "integration:DIOTHERSOURCE integration.authenticate null → refused (unknown_integration) from 127.0.0.2"), Set.copyOf(trail.otherRows()),
                "the allowed login and the other address's refusal are each on a row of their own, and nothing else was written");
    }

    @Test
    @Order(8)
    void theDemoShowsItsLoginsOnTheConsoleOnlyAndItsVirtualPhonesToThisMachineOnly() throws Exception {
        try (MicroServer demo = MicroServer.demo("security-demo").start()) {
            String alice = demo.awaitConsole(Pattern.compile("sample user: alice  password: (\\S+)"));
            String carol = demo.awaitConsole(Pattern.compile("approver of [^:]+: carol  password: (\\S+)"));
            String soapSecret = demo.awaitConsole(Pattern.compile("key DI\\S+  secret (\\S+)"));
            String pin = demo.awaitConsole(Pattern.compile("PIN (\\d+)"));
            String adminPassword = demo.adminPassword();
            String log = awaitLog(demo, "Twofold ready");
            Map<String, String> secrets = Map.of("alice's password", alice, "carol's password", carol, "the demo integration's secret", soapSecret,
                    "alice's PIN", pin, "the administrator's password", adminPassword);
            List<String> inLog = secrets.entrySet().stream().filter(e -> log.contains(e.getValue())).map(Map.Entry::getKey).toList();
            assertTrue(log.contains("Delivery: carrier simulated (texts and calls); push to the virtual phones; simulator ON"),
                    "the demo's log says the simulator is on");
            assertTrue(log.contains("WARNING"), "loudly");

            URI loopback = demo.base().toURI();
            InetAddress remote = nonLoopbackAddress();
            URI viaNetwork = URI.create("http://" + remote.getHostAddress() + ":" + demo.httpPort + "/");
            Map<String, Integer> fromHere = phoneAnswers(loopback);
            Map<String, Integer> fromNetwork = phoneAnswers(viaNetwork);
            String page = new PageClient().fetch(loopback.resolve("phone")).body();
            System.out.printf("Demo server: %d first-start secrets on the console, in Payara's log: %s; /phone from loopback %s, from %s %s%n",
                    secrets.size(), inLog, fromHere, remote.getHostAddress(), fromNetwork);
            assertEquals(List.of(), inLog, "no first-start secret in the log file");
            assertEquals(200, fromHere.get("GET /phone"), "the virtual phones answer this machine");
            assertTrue(page.contains("alice"), "and list the demo's phones");
            fromNetwork.forEach((what, status) -> assertEquals(403, status, what + " from " + remote + ": refused"));
        }
    }
}
