package org.twofold.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.Test;

/**
 * Hostile input over SOAP (issue 10): at least 10,000 generated requests to {@code /ws/AuthService}
 * — mutations of valid envelopes, wrong types, missing and repeated elements, huge elements, deep
 * nesting, invalid UTF-8, external-entity and entity-expansion payloads, wrong content types, wrong
 * WS-Security headers. Every answer must be a SOAP fault with one of the published codes (never a
 * stack trace, never another status), no external entity may be fetched (a listener counts every
 * connection; a marker file's content must never come back), the server must stay healthy with its
 * heap bounded, and nothing but audit rows may be written (every other table's rows are the same
 * before and after, read from online backups). Every request leaves its record in the audit
 * trail, but the requests refused before anyone vouches for them (wrong credentials, refused
 * envelopes) are written only up to the limit per source and window (and the first of each kind);
 * the rest are counted in summary rows: the rows and the summaries' counts add up to the requests,
 * every kind of refusal has a row of its own, and the rows of those refusals stay within the
 * limit. The figures are printed.
 *
 * <p>{@code -Dfuzz.requests=N} sets the number of requests (default 10,000), {@code -Dfuzz.seed=S}
 * replays a run (the seed is printed). Its own server process, for its log file and its database.
 */
class SoapFuzzIT {
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 10_000);
    private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    private static final int THREADS = 8;
    private static final String ADMIN = "org.twofold:type=Administration";
    private static final String SOAP = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String WSSE = SoapClient.WSSE;
    private static final String WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    private static final String DIGEST_TYPE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest";
    /** The codes a refused SOAP request may carry (README, "Faults"); 500 (server error) is not among them. */
    private static final Set<Integer> STABLE_CODES = Set.of(100, 101, 102, 103, 104, 105, 200, 201, 300, 301, 303, 311, 340, 341, 429);
    private static final Pattern FAULT_CODE = Pattern.compile("<(?:\\w+:)?code>([0-9]+)</(?:\\w+:)?code>");
    private static final Pattern STACK = Pattern.compile("Exception|\\bat [a-z]+\\.[a-zA-Z0-9_.$]+\\(|\\.java:[0-9]+");
    /** Refusal rows written per source and window beyond the first of each kind (the default of TWOFOLD_AUDIT_REFUSALS_MAX). */
    private static final int AUDIT_LIMIT = 20;
    /** The window of that limit (TWOFOLD_AUDIT_REFUSALS_WINDOW_SECONDS) and the longest a closed window waits for its summary. */
    private static final Duration AUDIT_WINDOW = Duration.ofSeconds(60);
    private static final Duration SUMMARY_SWEEP = Duration.ofSeconds(10);
    private static final Pattern SUMMARY = Pattern.compile("^(\\d+) more refusals from .+? in \\S+ after \\d+ written: (.*)$");

    /** One generated request: its family (for the figures), content type (null: none) and body. */
    private record Fuzz(String family, String contentType, byte[] body) {
    }

    @Test
    void everyHostileRequestGetsAStableFaultAndChangesNothingButTheAuditTrail() throws Exception {
        Path marker = Files.createTempFile("twofold-xxe-", ".txt");
        String secretMarker = "XXE-MARKER-" + Long.toHexString(SEED);
        Files.writeString(marker, secretMarker);
        try (ServerSocket entityListener = new ServerSocket(0);
                MicroServer server = MicroServer.fresh("fuzz", "-Dtwofold.ws.rate.per.minute=100000000").start()) {
            AtomicInteger entityFetches = new AtomicInteger();
            Thread listener = new Thread(() -> {
                while (!entityListener.isClosed()) {
                    try (Socket s = entityListener.accept()) {
                        entityFetches.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "xxe-listener");
            listener.setDaemon(true);
            listener.start();

            String[] integration;
            long heapBefore;
            Path before;
            try (Jmx admin = server.admin()) {
                CompositeData created = (CompositeData) admin.invoke(ADMIN, "createIntegration", "Fuzz VPN");
                integration = new String[] {(String) created.get("integrationKey"), (String) created.get("secret")};
                admin.invoke(ADMIN, "createUser", "fuzzuser", "Fuzz User", "Central Administration");
                heapBefore = heapUsedAfterGc(admin);
                before = backup(admin, server);
            }

            Generator generator = new Generator(new Random(SEED), integration[0], integration[1],
                    "http://127.0.0.1:" + entityListener.getLocalPort() + "/", marker.toUri().toString());
            List<Fuzz> requests = new ArrayList<>(REQUESTS);
            for (int i = 0; i < REQUESTS; i++) {
                requests.add(generator.next());
            }

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
            URI endpoint = URI.create(server.base() + "ws/AuthService");
            ConcurrentMap<String, AtomicInteger> byCode = new ConcurrentHashMap<>();
            ConcurrentMap<String, AtomicInteger> byFamily = new ConcurrentHashMap<>();
            ConcurrentMap<String, AtomicInteger> unexpectedByFamily = new ConcurrentHashMap<>();
            List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
            AtomicLong largestAnswer = new AtomicLong();
            AtomicInteger next = new AtomicInteger();
            long logBefore = Files.size(server.log(1));
            long started = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < requests.size(); i = next.getAndIncrement()) {
                        Fuzz f = requests.get(i);
                        byFamily.computeIfAbsent(f.family(), k -> new AtomicInteger()).incrementAndGet();
                        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
                                .header("SOAPAction", "\"\"").POST(HttpRequest.BodyPublishers.ofByteArray(f.body()));
                        if (f.contentType() != null) {
                            request.header("Content-Type", f.contentType());
                        }
                        String answer;
                        int status;
                        try {
                            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                            answer = response.body();
                            status = response.statusCode();
                        } catch (IOException e) {
                            unexpected.add("#" + i + " " + f.family() + ": no answer (" + e + ")");
                            unexpectedByFamily.computeIfAbsent(f.family(), k -> new AtomicInteger()).incrementAndGet();
                            continue;
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                        largestAnswer.accumulateAndGet(answer.length(), Math::max);
                        Matcher code = FAULT_CODE.matcher(answer);
                        boolean fault = status == 500 && answer.contains(":Fault>") && answer.contains("<faultcode>") && code.find();
                        int number = fault ? Integer.parseInt(code.group(1)) : -1;
                        if (!fault || !STABLE_CODES.contains(number) || STACK.matcher(answer).find() || answer.contains(secretMarker)) {
                            unexpected.add("#" + i + " " + f.family() + ": HTTP " + status + " " + answer.substring(0, Math.min(400, answer.length())));
                            unexpectedByFamily.computeIfAbsent(f.family(), k -> new AtomicInteger()).incrementAndGet();
                        } else {
                            byCode.computeIfAbsent(Integer.toString(number), k -> new AtomicInteger()).incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
            pool.shutdown();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            long seconds = took.toSeconds();
            Instant fuzzEnded = Instant.now();

            // Healthy afterwards: health, ping, heap.
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(server.base() + "health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), "the server is healthy after the fuzz");
            String ping = http.send(HttpRequest.newBuilder(endpoint).header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", "\"\"")
                    .POST(HttpRequest.BodyPublishers.ofString(generator.envelope(null, "<t:ping/>"))).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(ping.contains("pingResponse"), "ping still answers: " + ping);
            long heapAfter;
            long heapMax;
            Path after;
            Set<Long> auditBefore = auditIds(before);
            Added added;
            try (Jmx admin = server.admin()) {
                heapAfter = heapUsedAfterGc(admin);
                heapMax = (Long) ((CompositeData) admin.get("java.lang:type=Memory", "HeapMemoryUsage")).get("max");
                // The refusals counted in the last window are summarised once it has closed: read the
                // audit trail again until every request is on record, for at most the window and a sweep.
                Instant deadline = fuzzEnded.plus(AUDIT_WINDOW).plus(SUMMARY_SWEEP).plusSeconds(30);
                while (true) {
                    after = backup(admin, server);
                    added = added(after, auditBefore);
                    if (added.rows() + added.summarised() >= REQUESTS || Instant.now().isAfter(deadline)) {
                        break;
                    }
                    deleteBackup(after);
                    Thread.sleep(5_000);
                }
            }
            Map<String, String> rowsBefore = tableDigests(before);
            Map<String, String> rowsAfter = tableDigests(after);
            // refusals of requests nobody vouched for: written up to the limit (and the first of each kind) per window
            long windows = took.toMillis() / AUDIT_WINDOW.toMillis() + 1;
            Map<String, Long> limitedRows = new TreeMap<>(added.rowsByKind());
            limitedRows.keySet().removeIf(kind -> !limited(kind));
            long limitedWritten = limitedRows.values().stream().mapToLong(Long::longValue).sum();
            long limitedBound = windows * (AUDIT_LIMIT + limitedRows.size());
            // what the server logged during and after the fuzz (start-up's own noise is not ours)
            byte[] logged = Files.readAllBytes(server.log(1));
            String log = new String(logged, (int) logBefore, logged.length - (int) logBefore, StandardCharsets.UTF_8);
            List<String> stackLines = log.lines().filter(l -> l.matches("\\s+at [a-zA-Z].*\\(.*\\)") || l.contains("SEVERE")).limit(20).toList();

            System.out.printf("SOAP fuzz: seed %d (replay with -Dfuzz.seed=%d), %d requests in %d s by %d threads%n",
                    SEED, SEED, REQUESTS, seconds, THREADS);
            System.out.printf("  requests by family: %s%n", new TreeMap<>(byFamily));
            System.out.printf("  faults by code: %s%n", new TreeMap<>(byCode));
            System.out.printf("  unexpected answers: %d %s%s%n", unexpected.size(), new TreeMap<>(unexpectedByFamily), unexpected.isEmpty() ? "" : " — first: " + unexpected.subList(0, Math.min(5, unexpected.size())));
            System.out.printf("  external entities fetched: %d; largest answer %d chars%n", entityFetches.get(), largestAnswer.get());
            System.out.printf("  heap used after GC: before %d MB, after %d MB (max %d MB)%n", heapBefore >> 20, heapAfter >> 20, heapMax >> 20);
            System.out.printf("  audit: %d refusal rows + %d refusals counted in %d summary rows = %d for %d requests (%d rows of the console's own calls)%n",
                    added.rows(), added.summarised(), added.summaryRows(), added.rows() + added.summarised(), REQUESTS, added.operatorRows());
            System.out.printf("  refusals before credentials or envelope were accepted: %d rows (at most %d: %d window(s) × (%d + one per kind, %d kinds)) %s; "
                    + "summarised %s%n", limitedWritten, limitedBound, windows, AUDIT_LIMIT, limitedRows.size(), limitedRows, added.summarisedByKind());
            System.out.printf("  other refusal rows: %s%n", added.rowsByKind().entrySet().stream().filter(e -> !limited(e.getKey())).toList());
            System.out.printf("  other tables unchanged: %s; stack traces or SEVERE lines in the server log: %d%n", rowsBefore.equals(rowsAfter), stackLines.size());
            System.out.printf("  tables before: %s%n  tables after:  %s%n", rowsBefore, rowsAfter);

            stackLines.forEach(l -> System.out.println("  log: " + l));
            assertTrue(unexpected.isEmpty(), unexpected.size() + " unexpected answers, first: " + unexpected.subList(0, Math.min(5, unexpected.size())));
            assertEquals(0, entityFetches.get(), "no external entity, schema or include is ever fetched");
            assertTrue(heapAfter < heapMax * 3 / 4, "the heap after GC stays bounded: " + (heapAfter >> 20) + " MB of " + (heapMax >> 20));
            assertEquals(rowsBefore, rowsAfter, "nothing but audit rows is written");
            assertEquals(REQUESTS, added.rows() + added.summarised(), "every request is on record once, on its own row or counted in a summary: "
                    + added.rows() + " rows + " + added.summarised() + " summarised");
            assertTrue(added.rowsByKind().keySet().containsAll(added.summarisedByKind().keySet()), "every kind of refusal has a row of its own: "
                    + added.summarisedByKind().keySet() + " summarised, rows of " + added.rowsByKind().keySet());
            assertTrue(limitedWritten <= limitedBound, "the refusals nobody vouched for are written within the limit: " + limitedWritten + " rows, at most "
                    + limitedBound);
            assertTrue(REQUESTS < 1000 || added.summaryRows() > 0, "a flood of " + REQUESTS + " refusals is summarised");
            assertEquals(List.of(), stackLines, "no stack trace in the server log");
        } finally {
            Files.deleteIfExists(marker);
        }
    }

    private static long heapUsedAfterGc(Jmx admin) throws Exception {
        admin.invoke("java.lang:type=Memory", "gc");
        return (Long) ((CompositeData) admin.get("java.lang:type=Memory", "HeapMemoryUsage")).get("used");
    }

    /** An online backup (Administration.backup), to read the database as it was at that moment. */
    private static Path backup(Jmx admin, MicroServer server) throws Exception {
        Path dir = Files.createTempDirectory(server.dataDir.getParent(), "fuzz-backup-");
        admin.invoke(ADMIN, "backup", dir.toString());
        try (var found = Files.list(dir)) {
            return found.filter(p -> p.getFileName().toString().startsWith("twofold-backup-")).findFirst().orElseThrow().resolve("db");
        }
    }

    private static Connection open(Path db) throws SQLException {
        return DriverManager.getConnection("jdbc:derby:" + db.toAbsolutePath());
    }

    private static void close(Path db) {
        try {
            DriverManager.getConnection("jdbc:derby:" + db.toAbsolutePath() + ";shutdown=true").close();
        } catch (SQLException shutDown) {
            // Derby reports a clean shutdown as an SQLException (08006)
        }
    }

    /** A digest of every row of every table but the audit trail (and its ids), by table. */
    private static Map<String, String> tableDigests(Path db) throws Exception {
        Map<String, String> digests = new TreeMap<>();
        try (Connection c = open(db)) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, null, "TF_%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME"));
                }
            }
            for (String table : tables) {
                // the audit rows, the id sequence that hands out their ids, and the SOAP rate budget the
                // requests spend (TF_RATE_BUCKET: leases of the per-integration limit, bookkeeping of the throttle)
                if (table.endsWith(".TF_AUDIT") || table.endsWith(".TF_SEQUENCE") || table.endsWith(".TF_RATE_BUCKET")) {
                    continue;
                }
                List<String> rows = new ArrayList<>();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= columns; i++) {
                            Object v = rs.getObject(i);
                            row.append(v instanceof byte[] b ? HexFormat.of().formatHex(b) : String.valueOf(v)).append('|');
                        }
                        rows.add(row.toString());
                    }
                }
                rows.sort(null);
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                rows.forEach(r -> sha.update(r.getBytes(StandardCharsets.UTF_8)));
                digests.put(table, rows.size() + " rows " + HexFormat.of().formatHex(sha.digest()).substring(0, 16));
            }
        } finally {
            close(db);
        }
        return digests;
    }

    /** The ids of the audit rows in the backup. */
    private static Set<Long> auditIds(Path db) throws SQLException {
        Set<Long> ids = new java.util.HashSet<>();
        try (Connection c = open(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT ID FROM TF_AUDIT")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        } finally {
            close(db);
        }
        return ids;
    }

    /**
     * The audit rows added since the first backup: refusal rows by kind (action and reason), the
     * summary rows and the refusals they count by kind, and the rows of this test's own console
     * calls (backups, GC).
     */
    private record Added(Map<String, Long> rowsByKind, long summaryRows, Map<String, Long> summarisedByKind, long operatorRows) {
        long rows() {
            return rowsByKind.values().stream().mapToLong(Long::longValue).sum();
        }

        long summarised() {
            return summarisedByKind.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static Added added(Path db, Set<Long> before) throws SQLException {
        Map<String, Long> rows = new TreeMap<>();
        Map<String, Long> summarised = new TreeMap<>();
        long summaryRows = 0;
        long operatorRows = 0;
        try (Connection c = open(db); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT ID, ACTOR, ACTION_NAME, REASON, DETAIL FROM TF_AUDIT")) {
            while (rs.next()) {
                if (before.contains(rs.getLong(1))) {
                    continue;
                }
                String action = rs.getString(3);
                String reason = rs.getString(4);
                if (rs.getString(2).startsWith("operator:")) {
                    operatorRows++;
                } else if (action.equals("audit.summary")) {
                    summaryRows++;
                    Matcher m = SUMMARY.matcher(rs.getString(5));
                    assertTrue(m.matches(), "a summary row says what it counts: " + rs.getString(5));
                    long listed = 0;
                    for (String item : m.group(2).split(", ")) {
                        int space = item.lastIndexOf(' ');
                        long n = Long.parseLong(item.substring(space + 1));
                        summarised.merge(item.substring(0, space), n, Long::sum);
                        listed += n;
                    }
                    assertEquals(Long.parseLong(m.group(1)), listed, "a summary's count is the sum of its kinds: " + rs.getString(5));
                } else {
                    rows.merge(reason == null ? action : action + " " + reason, 1L, Long::sum);
                }
            }
        } finally {
            close(db);
        }
        return new Added(rows, summaryRows, summarised, operatorRows);
    }

    /** Whether a refusal of this kind is one nobody vouched for (credentials or envelope refused), written within a limit. */
    private static boolean limited(String kind) {
        return kind.startsWith("soap.") || kind.startsWith("integration.authenticate ");
    }

    private static void deleteBackup(Path db) throws IOException {
        try (var files = Files.walk(db.getParent().getParent())) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * Makes hostile requests, all of which must be refused: every body names a user who does not
     * exist, a transaction that does not exist, or carries wrong credentials, so that even a
     * mutation that happens to be well-formed and valid is answered with a fault.
     */
    static final class Generator {
        private final Random random;
        private final String key;
        private final String secret;
        private final String listener;
        private final String markerFile;
        private static final String[] FAMILIES = {"mutation", "wrong_type", "missing", "repeated", "huge", "deep", "invalid_utf8",
            "external_entity", "entity_expansion", "content_type", "ws_security"};

        Generator(Random random, String key, String secret, String listener, String markerFile) {
            this.random = random;
            this.key = key;
            this.secret = secret;
            this.listener = listener;
            this.markerFile = markerFile;
        }

        Fuzz next() {
            String family = FAMILIES[random.nextInt(FAMILIES.length)];
            return switch (family) {
                case "mutation" -> new Fuzz(family, xml(), mutate(bytes(envelope(goodToken(), body()))));
                case "wrong_type" -> text(family, envelope(goodToken(), wrongType()));
                case "missing" -> text(family, missing());
                case "repeated" -> text(family, repeated());
                case "huge" -> text(family, envelope(goodToken(), "<t:preauth><t:username>" + "A".repeat(pick(1_000, 40_000, 63_000, 70_000, 300_000, 2_000_000))
                        + "</t:username></t:preauth>"));
                case "deep" -> text(family, deep());
                case "invalid_utf8" -> new Fuzz(family, xml(), invalidUtf8());
                case "external_entity" -> text(family, externalEntity());
                case "entity_expansion" -> text(family, entityExpansion());
                case "content_type" -> new Fuzz(family, pick(null, "application/json", "text/plain", "application/soap+xml; charset=utf-8",
                        "multipart/related; boundary=x", "text/xml; charset=UTF-16", "text/xml; charset=ISO-8859-1", "application/x-www-form-urlencoded",
                        "text/html", "*/*", "text/xml; charset=nonsense"), bytes(envelope(goodToken(), body())));
                default -> text(family, envelope(badToken(), body()));
            };
        }

        private Fuzz text(String family, String body) {
            return new Fuzz(family, xml(), bytes(body));
        }

        private String xml() {
            return "text/xml; charset=utf-8";
        }

        private static byte[] bytes(String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }

        @SafeVarargs
        private <T> T pick(T... choices) {
            return choices[random.nextInt(choices.length)];
        }

        private String nobody() {
            return "nobody" + Integer.toString(random.nextInt(1 << 20), 36);
        }

        /** A body that is valid for the schema but must still be refused (unknown user or transaction). */
        String body() {
            String user = "<t:username>" + nobody() + "</t:username>";
            return switch (random.nextInt(5)) {
                case 0 -> "<t:preauth>" + user + "<t:ipaddr>198.51.100." + random.nextInt(255) + "</t:ipaddr></t:preauth>";
                case 1 -> "<t:auth>" + user + "<t:factor>passcode</t:factor><t:passcode>" + (100000 + random.nextInt(900000)) + "</t:passcode></t:auth>";
                case 2 -> "<t:auth>" + user + "<t:factor>" + pick("auto", "push", "phone", "sms") + "</t:factor><t:async>true</t:async></t:auth>";
                case 3 -> "<t:authStatus><t:txid>" + Long.toHexString(random.nextLong()) + "</t:txid><t:waitSeconds>0</t:waitSeconds></t:authStatus>";
                default -> "<t:secondPassword>" + user + "<t:secondPassword>" + pick("push", "phone2", "sms", "123456", "push9") + "</t:secondPassword></t:secondPassword>";
            };
        }

        String goodToken() {
            return "<wsse:Security xmlns:wsse=\"" + WSSE + "\"><wsse:UsernameToken><wsse:Username>" + key + "</wsse:Username><wsse:Password>"
                    + secret + "</wsse:Password></wsse:UsernameToken></wsse:Security>";
        }

        String envelope(String header, String body) {
            return "<soapenv:Envelope xmlns:soapenv=\"" + SOAP + "\" xmlns:t=\"urn:twofold:auth:1\">"
                    + (header == null ? "" : "<soapenv:Header>" + header + "</soapenv:Header>")
                    + "<soapenv:Body>" + body + "</soapenv:Body></soapenv:Envelope>";
        }

        private byte[] mutate(byte[] valid) {
            byte[] b = valid;
            int n = 1 + random.nextInt(5);
            for (int m = 0; m < n; m++) {
                int at = random.nextInt(b.length);
                switch (random.nextInt(5)) {
                    case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
                    case 1 -> {
                        int len = Math.min(b.length - at, 1 + random.nextInt(40));
                        byte[] shorter = new byte[b.length - len];
                        System.arraycopy(b, 0, shorter, 0, at);
                        System.arraycopy(b, at + len, shorter, at, b.length - at - len);
                        b = shorter.length == 0 ? new byte[] {'<'} : shorter;
                    }
                    case 2 -> {
                        int len = Math.min(b.length - at, 1 + random.nextInt(80));
                        byte[] longer = new byte[b.length + len];
                        System.arraycopy(b, 0, longer, 0, at + len);
                        System.arraycopy(b, at, longer, at + len, b.length - at);
                        b = longer;
                    }
                    case 3 -> {
                        byte[] s = bytes(pick("<", ">", "&", "\"", "'", "]]>", "<!--", "<![CDATA[", "&amp;", "&#0;", "&#x1F;", "\u0000", "<?pi x?>", "xmlns:t=\"urn:other\""));
                        byte[] longer = new byte[b.length + s.length];
                        System.arraycopy(b, 0, longer, 0, at);
                        System.arraycopy(s, 0, longer, at, s.length);
                        System.arraycopy(b, at, longer, at + s.length, b.length - at);
                        b = longer;
                    }
                    default -> b[at] = (byte) random.nextInt(256);
                }
            }
            return b;
        }

        private String wrongType() {
            String user = "<t:username>" + nobody() + "</t:username>";
            return switch (random.nextInt(6)) {
                case 0 -> "<t:auth>" + user + "<t:factor>" + pick("PUSH", "sms2", "", "passcode ", "voice", "1") + "</t:factor></t:auth>";
                case 1 -> "<t:auth>" + user + "<t:factor>push</t:factor><t:async>" + pick("yes", "2", "", "TRUE") + "</t:async></t:auth>";
                case 2 -> "<t:authStatus><t:txid>x</t:txid><t:waitSeconds>" + pick("-1", "26", "abc", "1e3", "2147483648", "") + "</t:waitSeconds></t:authStatus>";
                case 3 -> "<t:preauth><t:username><t:x>nested</t:x></t:username></t:preauth>";
                case 4 -> "<t:auth>" + user + "<t:factor>passcode</t:factor><t:passcode>" + pick("", "   ", "abc", "1".repeat(300)) + "</t:passcode></t:auth>";
                default -> "<t:auth>" + user + "<t:factor>push</t:factor><t:device>" + pick("", "-1", "abc", "99999999999999999999") + "</t:device></t:auth>";
            };
        }

        private String missing() {
            return switch (random.nextInt(7)) {
                case 0 -> envelope(goodToken(), "<t:auth><t:factor>push</t:factor></t:auth>");
                case 1 -> envelope(goodToken(), "<t:auth><t:username>" + nobody() + "</t:username></t:auth>");
                case 2 -> envelope(goodToken(), "<t:authStatus/>");
                case 3 -> envelope(goodToken(), "<t:secondPassword><t:username>" + nobody() + "</t:username></t:secondPassword>");
                case 4 -> envelope(goodToken(), "");
                case 5 -> "<soapenv:Envelope xmlns:soapenv=\"" + SOAP + "\"><soapenv:Header>" + goodToken() + "</soapenv:Header></soapenv:Envelope>";
                default -> envelope(null, body());
            };
        }

        private String repeated() {
            String user = "<t:username>" + nobody() + "</t:username>";
            return switch (random.nextInt(5)) {
                case 0 -> envelope(goodToken(), "<t:preauth>" + user + user + "</t:preauth>");
                case 1 -> envelope(goodToken(), body() + body());
                case 2 -> envelope(goodToken(), "<t:auth>" + user + "<t:factor>push</t:factor><t:factor>sms</t:factor></t:auth>");
                case 3 -> "<soapenv:Envelope xmlns:soapenv=\"" + SOAP + "\" xmlns:t=\"urn:twofold:auth:1\"><soapenv:Header>" + goodToken()
                        + "</soapenv:Header><soapenv:Body>" + body() + "</soapenv:Body><soapenv:Body>" + body() + "</soapenv:Body></soapenv:Envelope>";
                default -> envelope(goodToken() + goodToken(), body());
            };
        }

        private String deep() {
            int depth = pick(100, 1_000, 5_000, 10_000, 20_000);
            String open = pick("<t:x>", "<a>", "<soapenv:Body>");
            String close = open.replace("<", "</");
            String nest = open.repeat(depth) + close.repeat(depth);
            return switch (random.nextInt(3)) {
                case 0 -> envelope(goodToken(), "<t:preauth><t:username>" + nest + "</t:username></t:preauth>");
                case 1 -> envelope(goodToken() + nest, body());
                default -> envelope(goodToken(), nest);
            };
        }

        private byte[] invalidUtf8() {
            byte[] bad = pick(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC0, (byte) 0xAF},
                    new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                    new byte[] {(byte) 0xE2, (byte) 0x82});
            String[] parts = envelope(goodToken(), "<t:preauth><t:username>" + nobody() + "|</t:username></t:preauth>").split("\\|");
            byte[] a = bytes(parts[0]);
            byte[] c = bytes(parts[1]);
            byte[] all = new byte[a.length + bad.length + c.length];
            System.arraycopy(a, 0, all, 0, a.length);
            System.arraycopy(bad, 0, all, a.length, bad.length);
            System.arraycopy(c, 0, all, a.length + bad.length, c.length);
            return all;
        }

        private String externalEntity() {
            String url = pick(listener + "xxe", markerFile);
            String head = "<?xml version=\"1.0\"?>";
            return switch (random.nextInt(7)) {
                case 0 -> head + "<!DOCTYPE soapenv:Envelope [<!ENTITY xxe SYSTEM \"" + url + "\">]>"
                        + envelope(goodToken(), "<t:preauth><t:username>&xxe;</t:username></t:preauth>");
                case 1 -> head + "<!DOCTYPE soapenv:Envelope [<!ENTITY % p SYSTEM \"" + url + "\"> %p;]>" + envelope(goodToken(), body());
                case 2 -> head + "<!DOCTYPE soapenv:Envelope SYSTEM \"" + url + "\">" + envelope(goodToken(), body());
                case 3 -> envelope(goodToken(), "<t:preauth xmlns:xi=\"http://www.w3.org/2001/XInclude\"><t:username><xi:include href=\"" + url
                        + "\" parse=\"text\"/></t:username></t:preauth>");
                case 4 -> envelope(goodToken(), "<t:preauth xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"urn:twofold:auth:1 "
                        + listener + "schema.xsd\"><t:username>" + nobody() + "</t:username></t:preauth>");
                case 5 -> "<?xml-stylesheet type=\"text/xsl\" href=\"" + listener + "style.xsl\"?>" + envelope(goodToken(), body());
                default -> envelope(goodToken(), "<t:preauth xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:noNamespaceSchemaLocation=\""
                        + listener + "n.xsd\"><t:username>" + nobody() + "</t:username></t:preauth>");
            };
        }

        private String entityExpansion() {
            StringBuilder dtd = new StringBuilder("<!DOCTYPE soapenv:Envelope [<!ENTITY l0 \"lol\">");
            for (int i = 1; i <= 9; i++) {
                dtd.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
            }
            dtd.append("]>");
            return switch (random.nextInt(2)) {
                case 0 -> dtd + envelope(goodToken(), "<t:preauth><t:username>&l9;</t:username></t:preauth>");
                default -> "<!DOCTYPE soapenv:Envelope [<!ENTITY big \"" + "x".repeat(10_000) + "\">]>"
                        + envelope(goodToken(), "<t:preauth><t:username>" + "&big;".repeat(1_000) + "</t:username></t:preauth>");
            };
        }

        private String badToken() {
            String created = java.time.Instant.now().toString();
            String nonce = Base64.getEncoder().encodeToString(bytes(Long.toHexString(random.nextLong())));
            String token = switch (random.nextInt(12)) {
                case 0 -> "";
                case 1 -> "<wsse:UsernameToken/>";
                case 2 -> "<wsse:UsernameToken><wsse:Username>" + key + "</wsse:Username></wsse:UsernameToken>";
                case 3 -> "<wsse:UsernameToken><wsse:Username>DIUNKNOWN" + random.nextInt(1000) + "</wsse:Username><wsse:Password>" + secret
                        + "</wsse:Password></wsse:UsernameToken>";
                case 4 -> "<wsse:UsernameToken><wsse:Username>" + key + "</wsse:Username><wsse:Password>" + secret + "x</wsse:Password></wsse:UsernameToken>";
                case 5 -> "<wsse:UsernameToken><wsse:Username>" + key + "</wsse:Username><wsse:Password Type=\"" + DIGEST_TYPE + "\">"
                        + Base64.getEncoder().encodeToString(new byte[20]) + "</wsse:Password><wsse:Nonce>" + nonce + "</wsse:Nonce><wsu:Created xmlns:wsu=\""
                        + WSU + "\">" + created + "</wsu:Created></wsse:UsernameToken>";
                case 6 -> "<wsse:UsernameToken><wsse:Username>" + key + "</wsse:Username><wsse:Password Type=\"" + DIGEST_TYPE
                        + "\">!!notbase64</wsse:Password><wsse:Nonce>%%%</wsse:Nonce><wsu:Created xmlns:wsu=\"" + WSU + "\">" + pick("yesterday", "", "9999-12-31T23:59:59Z", "1970-01-01T00:00:00Z")
                        + "</wsu:Created></wsse:UsernameToken>";
                case 7 -> "<wsse:UsernameToken><wsse:Username>" + key + "</wsse:Username><wsse:Password Type=\"urn:bogus#Type\">" + secret
                        + "</wsse:Password></wsse:UsernameToken>";
                case 8 -> "<wsse:UsernameToken><wsse:Username>" + key + "</wsse:Username><wsse:Password Type=\"" + DIGEST_TYPE + "\">"
                        + secret + "</wsse:Password></wsse:UsernameToken>";
                case 9 -> "<wsse:UsernameToken><wsse:Username>" + "K".repeat(5_000) + "</wsse:Username><wsse:Password>" + "P".repeat(5_000)
                        + "</wsse:Password></wsse:UsernameToken>";
                case 10 -> "<wsse:UsernameToken><wsse:Username><x>" + key + "</x></wsse:Username><wsse:Password>" + secret + "</wsse:Password></wsse:UsernameToken>";
                default -> "<wsse:UsernameToken><wsse:Username>" + key + "</wsse:Username><wsse:Password></wsse:Password></wsse:UsernameToken>";
            };
            return switch (random.nextInt(4)) {
                case 0 -> "<wsse:Security xmlns:wsse=\"" + WSSE + "\" xmlns:soapenv=\"" + SOAP + "\" soapenv:mustUnderstand=\"1\">" + token + "</wsse:Security>";
                case 1 -> "<wsse:Security xmlns:wsse=\"urn:not-wsse\">" + token.replace("wsse:", "wsse:") + "</wsse:Security>";
                case 2 -> "<x:Unknown xmlns:x=\"urn:x\" xmlns:soapenv=\"" + SOAP + "\" soapenv:mustUnderstand=\"1\"/>"
                        + "<wsse:Security xmlns:wsse=\"" + WSSE + "\">" + token + "</wsse:Security>";
                default -> "<wsse:Security xmlns:wsse=\"" + WSSE + "\">" + token + "</wsse:Security>";
            };
        }
    }
}
