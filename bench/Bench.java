import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The side-by-side benchmark's helper, run with Java's source launcher by {@code bench/run}. Commands:
 *
 * <ul>
 *   <li>{@code prepare DIR USERS CODES WINDOW}: a random seed per user, {@code CODES} precomputed HOTP
 *       codes (RFC 4226, 6 digits, HMAC-SHA1, counters 0..CODES-1) for wrk, the Keycloak realm JSON
 *       carrying the same users and seeds, and the PSKC files (RFC 6030) Twofold imports;</li>
 *   <li>{@code provision DIR JMXPORT ADMIN PASSWORD}: the real admin path over JMX: every PSKC file
 *       through {@code Administration.importTokensPskc}, then {@code createUser} and {@code
 *       assignToken} per user, and one {@code createIntegration}; writes {@code integration.txt};</li>
 *   <li>{@code check DIR AUTH_COMPLETED AUTH_SENT [POSTGRES_URL]}: on the stopped server's database (its Derby, or PostgreSQL), one audit
 *       row per {@code auth} request and no HOTP counter accepted twice.</li>
 * </ul>
 *
 * Files in DIR: {@code users.txt} (username, seed as text), {@code codes.txt} (username, then all its
 * codes concatenated: code {@code c} is characters {@code 6c..6c+5}), {@code state-*.txt} (written by
 * {@code load.lua}: username and the next counter the bench would send).
 */
public final class Bench {
    static final String ADMINISTRATION = "org.twofold:type=Administration";
    static final int DIGITS = 6;
    static final int PSKC_BATCH = 500;
    static final String SEED_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "prepare" -> prepare(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "provision" -> provision(Path.of(args[1]), Integer.parseInt(args[2]), args[3], args[4]);
            case "check" -> System.exit(check(Path.of(args[1]), Long.parseLong(args[2]), Long.parseLong(args[3]), args.length > 4 ? args[4] : null) ? 0 : 1);
            case "hot" -> hot(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 40);
            default -> {
                System.err.println("usage: Bench prepare|provision|check|hot ...");
                System.exit(2);
            }
        }
    }

    static String username(int i) {
        return String.format("bench%05d", i);
    }

    /** RFC 4226 §5.3. */
    static String hotp(Mac mac, long counter) {
        byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        return String.format("%06d", binary % 1_000_000);
    }

    static void prepare(Path dir, int users, int codes, int window) throws Exception {
        Files.createDirectories(dir.resolve("pskc"));
        SecureRandom random = new SecureRandom();
        Mac mac = Mac.getInstance("HmacSHA1");
        try (BufferedWriter seeds = Files.newBufferedWriter(dir.resolve("users.txt"));
             BufferedWriter codeFile = Files.newBufferedWriter(dir.resolve("codes.txt"));
             BufferedWriter realm = Files.newBufferedWriter(dir.resolve("bench-realm.json"))) {
            realm.write("""
                    {"realm":"bench","enabled":true,
                     "otpPolicyType":"hotp","otpPolicyAlgorithm":"HmacSHA1","otpPolicyDigits":6,
                     "otpPolicyInitialCounter":0,"otpPolicyLookAheadWindow":%d,
                     "passwordPolicy":"hashAlgorithm(pbkdf2-sha256) and hashIterations(1)",
                     "clients":[{"clientId":"bench","enabled":true,"publicClient":true,
                       "directAccessGrantsEnabled":true,"standardFlowEnabled":false}],
                     "users":[
                    """.formatted(window));
            StringBuilder pskc = null;
            int batch = 0;
            for (int i = 0; i < users; i++) {
                // Printable seed: Keycloak takes secretData.value's UTF-8 bytes as the HMAC key,
                // Twofold the same bytes from the PSKC file's Base64.
                StringBuilder seed = new StringBuilder();
                for (int k = 0; k < 20; k++) {
                    seed.append(SEED_CHARS.charAt(random.nextInt(SEED_CHARS.length())));
                }
                byte[] key = seed.toString().getBytes(StandardCharsets.US_ASCII);
                String name = username(i);
                seeds.write(name + " " + seed + "\n");
                mac.init(new SecretKeySpec(key, "RAW"));
                StringBuilder line = new StringBuilder(name.length() + 1 + codes * DIGITS + 1).append(name).append(' ');
                for (int c = 0; c < codes; c++) {
                    line.append(hotp(mac, c));
                }
                codeFile.write(line.append('\n').toString());
                realm.write((i == 0 ? "" : ",\n") + """
                          {"username":"%1$s","enabled":true,"firstName":"Bench","lastName":"User %2$d",
                           "email":"%1$s@bench.example","emailVerified":true,
                           "credentials":[{"type":"password","value":"pw-%1$s","temporary":false},
                             {"type":"otp","userLabel":"token",
                              "secretData":"{\\"value\\":\\"%3$s\\"}",
                              "credentialData":"{\\"subType\\":\\"hotp\\",\\"digits\\":6,\\"counter\\":0,\\"period\\":30,\\"algorithm\\":\\"HmacSHA1\\"}"}]}"""
                        .formatted(name, i, seed));
                if (pskc == null) {
                    pskc = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                            + "<KeyContainer Version=\"1.0\" xmlns=\"urn:ietf:params:xml:ns:keyprov:pskc\">\n");
                }
                pskc.append("""
                          <KeyPackage>
                            <DeviceInfo><SerialNo>%s</SerialNo></DeviceInfo>
                            <Key Id="%s" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp">
                              <AlgorithmParameters><ResponseFormat Length="6" Encoding="DECIMAL"/></AlgorithmParameters>
                              <Data><Secret><PlainValue>%s</PlainValue></Secret><Counter><PlainValue>0</PlainValue></Counter></Data>
                            </Key>
                          </KeyPackage>
                        """.formatted(serial(i), "k" + i, Base64.getEncoder().encodeToString(key)));
                if ((i + 1) % PSKC_BATCH == 0 || i == users - 1) {
                    pskc.append("</KeyContainer>\n");
                    Files.writeString(dir.resolve("pskc").resolve(String.format("batch-%04d.xml", batch++)), pskc);
                    pskc = null;
                }
            }
            realm.write("\n]}\n");
        }
    }

    static String serial(int i) {
        return String.format("BENCH-%05d", i);
    }

    static void provision(Path dir, int jmxPort, String admin, String password) throws Exception {
        List<String> users = Files.readAllLines(dir.resolve("users.txt"));
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://localhost:" + jmxPort + "/jmxrmi");
        try (JMXConnector connector = JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS, new String[] {admin, password}))) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            ObjectName administration = new ObjectName(ADMINISTRATION);
            List<Path> batches;
            try (var files = Files.list(dir.resolve("pskc"))) {
                batches = files.sorted().toList();
            }
            int imported = 0;
            for (Path batch : batches) {
                String[] report = (String[]) server.invoke(administration, "importTokensPskc",
                        new Object[] {Files.readString(batch)}, new String[] {String.class.getName()});
                for (String line : report) {
                    if (!line.startsWith("imported ")) {
                        throw new IllegalStateException(batch + ": " + line);
                    }
                    imported++;
                }
            }
            System.out.println("  imported " + imported + " HOTP tokens from " + batches.size() + " PSKC files");
            AtomicInteger done = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < users.size(); i++) {
                int n = i;
                String name = users.get(i).split(" ")[0];
                work.add(pool.submit(() -> {
                    String[] str = {String.class.getName(), String.class.getName(), String.class.getName()};
                    server.invoke(administration, "createUser", new Object[] {name, "Bench User " + n, "Bench"}, str);
                    server.invoke(administration, "assignToken", new Object[] {name, serial(n)}, new String[] {str[0], str[1]});
                    done.incrementAndGet();
                    return null;
                }));
            }
            pool.shutdown();
            for (Future<?> f : work) {
                f.get();
            }
            System.out.println("  created " + done.get() + " users, each with its token assigned");
            // The refusal runs send each user a few wrong codes: with the default threshold (10) users would be
            // locked out and later refusals answered unchecked. The hourly cap (100 failures a user) still holds.
            server.setAttribute(administration, new javax.management.Attribute("LockoutThreshold", 1000));
            System.out.println("  LockoutThreshold set to 1000 (the refusal runs' wrong codes lock nobody out)");
            CompositeData c = (CompositeData) server.invoke(administration, "createIntegration",
                    new Object[] {"Bench " + System.currentTimeMillis()}, new String[] {String.class.getName()});
            Files.writeString(dir.resolve("integration.txt"), c.get("integrationKey") + " " + c.get("secret") + "\n");
            System.out.println("  created integration " + c.get("integrationKey"));
        }
    }

    /** Next counter per user, from the state files load.lua wrote (every code below it was sent or skipped). */
    static Map<String, Long> sent(Path dir, String prefix) throws IOException {
        Map<String, Long> next = new HashMap<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                for (String line : Files.readAllLines(f)) {
                    String[] p = line.split(" ");
                    if (p.length == 2) {
                        next.merge(p[0], Long.parseLong(p[1]), Math::max);
                    }
                }
            }
        }
        return next;
    }

    /**
     * From the database of the stopped server: the {@code auth.passcode} audit rows must number at
     * least the auth answers wrk received and at most the auth requests it generated (a request in
     * flight when wrk stopped may or may not have reached the server); per user, the allowed
     * decisions must not exceed the token's counter (each allow moves it past the counter accepted),
     * and the counter must not pass the codes the bench sent (the server accepted nothing it was not
     * sent).
     */
    static boolean check(Path dir, long completed, long generated, String postgresUrl) throws Exception {
        Map<String, Long> sent = sent(dir, "state-twofold");
        boolean derby = postgresUrl == null;
        String url = derby ? "jdbc:derby:" + dir.resolve("twofold-data").resolve("db").toAbsolutePath() : postgresUrl;
        java.util.Properties login = new java.util.Properties();
        if (!derby) {
            login.setProperty("user", "twofold");
        }
        boolean ok = true;
        try (Connection db = DriverManager.getConnection(url, login); Statement s = db.createStatement()) {
            Map<String, Long> outcomes = new LinkedHashMap<>();
            try (ResultSet r = s.executeQuery("SELECT OUTCOME, COUNT(*) FROM TF_AUDIT WHERE ACTION_NAME = 'auth.passcode' GROUP BY OUTCOME")) {
                while (r.next()) {
                    outcomes.put(r.getString(1), r.getLong(2));
                }
            }
            long rows = outcomes.values().stream().mapToLong(Long::longValue).sum();
            boolean rowsOk = rows >= completed && rows <= generated;
            ok &= rowsOk;
            System.out.printf("  audit rows for auth (auth.passcode): %d %s; answers received by wrk: %d, requests generated: %d -> %s%n",
                    rows, outcomes, completed, generated, rowsOk ? "OK (one row per request)" : "MISMATCH");
            Map<String, Long> allows = new HashMap<>();
            try (ResultSet r = s.executeQuery("SELECT SUBJECT, COUNT(*) FROM TF_AUDIT WHERE ACTION_NAME = 'auth.passcode' AND OUTCOME = 'allow' GROUP BY SUBJECT")) {
                while (r.next()) {
                    allows.put(r.getString(1), r.getLong(2));
                }
            }
            long users = 0;
            long twice = 0;
            long beyond = 0;
            try (ResultSet r = s.executeQuery("SELECT u.USERNAME, d.OTPSTATE FROM TF_USER u JOIN TF_DEVICE d ON d.USER_ID = u.ID "
                    + "WHERE u.USERNAME LIKE 'bench%' AND d.OTPKIND = 'HOTP'")) {
                while (r.next()) {
                    users++;
                    String name = r.getString(1);
                    long counter = r.getLong(2);
                    long allowed = allows.getOrDefault(name, 0L);
                    if (allowed > counter) {
                        twice++;
                        if (twice <= 5) {
                            System.out.println("  " + name + ": " + allowed + " codes accepted but the token counter is only at " + counter);
                        }
                    }
                    if (counter > sent.getOrDefault(name, 0L)) {
                        beyond++;
                        if (beyond <= 5) {
                            System.out.println("  " + name + ": token counter " + counter + " beyond the codes sent (" + sent.getOrDefault(name, 0L) + ")");
                        }
                    }
                }
            }
            boolean replayOk = twice == 0 && beyond == 0 && users > 0;
            ok &= replayOk;
            System.out.printf("  HOTP tokens checked: %d; users with more accepted codes than counter steps: %d; counters beyond the codes sent: %d -> %s%n",
                    users, twice, beyond, replayOk ? "OK (no code accepted twice)" : "FAILED");
        } finally {
            if (derby) {
                try {
                    DriverManager.getConnection("jdbc:derby:;shutdown=true").close();
                } catch (SQLException expected) {
                    // Derby reports a clean shutdown as an exception.
                }
            }
        }
        return ok;
    }

    /**
     * {@code hot FILE.jfr [N]}: the N hottest methods of a flight recording's execution samples, by
     * samples on top of the stack (self) and by samples anywhere in the stack (total), as % of all
     * samples; then the same "total" for Twofold's own methods ({@code org.twofold.}).
     */
    static void hot(Path recording, int n) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        int samples = 0;
        for (jdk.jfr.consumer.RecordedEvent e : jdk.jfr.consumer.RecordingFile.readAllEvents(recording)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                continue;
            }
            samples++;
            List<jdk.jfr.consumer.RecordedFrame> frames = e.getStackTrace().getFrames();
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < frames.size(); i++) {
                var m = frames.get(i).getMethod();
                String name = m.getType().getName() + "." + m.getName();
                if (i == 0) {
                    self.merge(name, 1, Integer::sum);
                }
                if (seen.add(name)) {
                    total.merge(name, 1, Integer::sum);
                }
            }
        }
        final int all = Math.max(1, samples);
        System.out.println(samples + " execution samples");
        java.util.function.BiConsumer<String, Map<String, Integer>> print = (title, counts) -> {
            System.out.println("\n" + title);
            counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(n)
                    .forEach(x -> System.out.printf("%6.1f%%  %s%n", 100.0 * x.getValue() / all, x.getKey()));
        };
        print.accept("self (top of stack)", self);
        print.accept("total (anywhere in the stack)", total);
        Map<String, Integer> ours = new HashMap<>();
        total.forEach((k, v) -> {
            if (k.startsWith("org.twofold.")) {
                ours.put(k, v);
            }
        });
        print.accept("total, Twofold's methods", ours);
    }
}
