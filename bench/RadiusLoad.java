import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
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

/**
 * bench/run's RADIUS run: passcode Access-Requests per second through Twofold's RADIUS front end,
 * beside SOAP's and the Duo API's figures, with the same users and HOTP tokens. A NAS in mode
 * {@code mfa-only} is registered over JMX (as an administrator does: {@code createRadiusClient}, its
 * generated secret); then {@code CONNECTIONS} NAS sockets each keep one Access-Request outstanding
 * (PAP: {@code User-Password} is the passcode, hidden with the shared secret; a Message-Authenticator
 * on every request, as Twofold requires), each socket serving its own users so that a user's codes go
 * out in order. Packets are made and answers checked (Response Authenticator, Message-Authenticator)
 * by the same library as the server's, aaa4j-radius-core (from the WAR). Run with Java's source launcher:
 *
 * <pre>java -cp "radius-lib/*" RadiusLoad.java DIR JMXPORT ADMIN PASSWORD RADIUSPORT CONNECTIONS WARMUP SECONDS</pre>
 *
 * Each user's next code continues from {@code DIR/state-twofold*.txt} (the earlier runs'); the user's
 * next code afterwards goes to {@code DIR/state-twofold-radius.txt}, so that {@code Bench check}
 * counts these decisions too. Prints one line of figures and writes {@code DIR/radius.result}
 * ({@code key=value} lines) for bench/run.
 */
public final class RadiusLoad {
    static final int DIGITS = 6;
    static final int TIMEOUT_MILLIS = 10_000;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int jmxPort = Integer.parseInt(args[1]);
        int radiusPort = Integer.parseInt(args[4]);
        int connections = Integer.parseInt(args[5]);
        int warmup = Integer.parseInt(args[6]);
        int seconds = Integer.parseInt(args[7]);
        byte[] secret = register(jmxPort, args[2], args[3]);

        Map<String, String> codes = new HashMap<>();
        List<String> users = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("codes.txt"))) {
            String[] p = line.split(" ");
            codes.put(p[0], p[1]);
            users.add(p[0]);
        }
        Map<String, Long> next = sent(dir);
        Worker[] workers = new Worker[connections];
        for (int w = 0; w < connections; w++) {
            workers[w] = new Worker(secret, radiusPort, codes, next);
        }
        for (int i = 0; i < users.size(); i++) {
            workers[i % connections].users.add(users.get(i));
        }

        run(workers, warmup);
        for (Worker w : workers) {
            w.reset();
        }
        long t0 = System.nanoTime();
        run(workers, seconds);
        double elapsed = (System.nanoTime() - t0) / 1e9;

        long accepted = 0;
        long rejected = 0;
        long timeouts = 0;
        long sentTotal = 0;
        long doneTotal = 0;
        List<Long> latencies = new ArrayList<>();
        for (Worker w : workers) {
            accepted += w.accepted;
            rejected += w.rejected;
            timeouts += w.timeouts;
            latencies.addAll(w.latencies);
        }
        for (Worker w : workers) {
            sentTotal += w.sentAll;
            doneTotal += w.doneAll;
        }
        long completed = accepted + rejected;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        double rps = completed / elapsed;
        double err = completed + timeouts == 0 ? 100 : 100.0 * (rejected + timeouts) / (completed + timeouts);
        StringBuilder state = new StringBuilder();
        for (Worker w : workers) {
            w.next.forEach((user, c) -> state.append(user).append(' ').append(c).append('\n'));
        }
        Files.writeString(dir.resolve("state-twofold-radius.txt"), state);
        Files.writeString(dir.resolve("radius.result"), String.join("\n",
                "radius_rps=" + String.format("%.1f", rps),
                "radius_p50_ms=" + ms(sorted, 0.50), "radius_p90_ms=" + ms(sorted, 0.90), "radius_p99_ms=" + ms(sorted, 0.99),
                "radius_err=" + String.format("%.2f", err),
                "radius_accepted=" + accepted, "radius_rejected=" + rejected, "radius_timeouts=" + timeouts,
                // every Access-Request answered (warm-up included) was decided and audited; every one sent may have been
                "radius_done=" + doneTotal, "radius_sent=" + sentTotal, ""));
        System.out.printf("  %-9s %-7s c=%-3d %6.0f req/s  p50 %6s ms  p90 %6s ms  p99 %6s ms  err %5.2f%%  (Access-Accept %d, Access-Reject %d, no answer in 10 s %d)%n",
                "Twofold", "radius", connections, rps, ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99), err, accepted, rejected, timeouts);
    }

    /** Registers a NAS for 127.0.0.1 in mode mfa-only, as an administrator does; its shared secret. */
    static byte[] register(int jmxPort, String admin, String password) throws Exception {
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://localhost:" + jmxPort + "/jmxrmi");
        try (JMXConnector connector = JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS, new String[] {admin, password}))) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            String s = String.class.getName();
            CompositeData c = (CompositeData) server.invoke(new ObjectName("org.twofold:type=Administration"), "createRadiusClient",
                    new Object[] {"bench-nas-" + System.currentTimeMillis(), "127.0.0.1", "mfa-only"}, new String[] {s, s, s});
            return ((String) c.get("sharedSecret")).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Next counter per user, from the state files the earlier runs wrote (as Bench.sent). */
    static Map<String, Long> sent(Path dir) throws Exception {
        Map<String, Long> next = new HashMap<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("state-twofold")).toList()) {
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

    static void run(Worker[] workers, int seconds) throws InterruptedException {
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        CountDownLatch done = new CountDownLatch(workers.length);
        for (Worker w : workers) {
            Thread t = new Thread(() -> {
                try {
                    w.loop(until);
                } finally {
                    done.countDown();
                }
            });
            t.setDaemon(true);
            t.start();
        }
        done.await();
    }

    static String ms(long[] sortedNanos, double q) {
        if (sortedNanos.length == 0) {
            return "n/a";
        }
        return String.format("%.1f", sortedNanos[Math.min(sortedNanos.length - 1, (int) (q * sortedNanos.length))] / 1e6);
    }

    /** One NAS socket with one request outstanding at a time, round-robin over its own users. */
    static final class Worker {
        final List<String> users = new ArrayList<>();
        final Map<String, Long> next = new HashMap<>();
        final byte[] secret;
        final int port;
        final Map<String, String> codes;
        final Map<String, Long> start;
        final PacketCodec codec = new PacketCodec(new StandardDictionary());
        final SecureRandom random = new SecureRandom();
        final List<Long> latencies = new ArrayList<>();
        long accepted;
        long rejected;
        long timeouts;
        long sentAll;
        long doneAll;
        int turn;

        Worker(byte[] secret, int port, Map<String, String> codes, Map<String, Long> start) {
            this.secret = secret;
            this.port = port;
            this.codes = codes;
            this.start = start;
        }

        void reset() {
            latencies.clear();
            accepted = 0;
            rejected = 0;
            timeouts = 0;
        }

        void loop(long until) {
            try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                socket.setSoTimeout(TIMEOUT_MILLIS);
                byte[] in = new byte[4096];
                while (System.nanoTime() < until && !users.isEmpty()) {
                    String user = users.get(turn++ % users.size());
                    long c = next.computeIfAbsent(user, u -> start.getOrDefault(u, 0L));
                    String all = codes.get(user);
                    if ((c + 1) * DIGITS > all.length()) {
                        throw new IllegalStateException("out of precomputed codes for " + user + " (raise CODES in bench/run)");
                    }
                    next.put(user, c + 1);
                    String code = all.substring((int) c * DIGITS, (int) (c + 1) * DIGITS);
                    byte[] authenticator = new byte[16];
                    random.nextBytes(authenticator);
                    byte[] request = codec.encodeRequest(new AccessRequest(List.of(new UserName(new TextData(user)),
                            new UserPassword(new StringData(code.getBytes(StandardCharsets.US_ASCII))), new MessageAuthenticator())), secret, authenticator);
                    long t0 = System.nanoTime();
                    socket.send(new DatagramPacket(request, request.length, InetAddress.getLoopbackAddress(), port));
                    sentAll++;
                    Packet p = null;
                    while (p == null) {
                        DatagramPacket answer = new DatagramPacket(in, in.length);
                        try {
                            socket.receive(answer);
                        } catch (SocketTimeoutException e) {
                            break;
                        }
                        try {
                            p = codec.decodeResponse(Arrays.copyOf(answer.getData(), answer.getLength()), secret, authenticator);
                        } catch (org.aaa4j.radius.core.packet.PacketCodecException late) {
                            // the answer to an earlier request that had timed out (decided and audited all the same)
                            doneAll++;
                        }
                    }
                    if (p == null) {
                        timeouts++;
                        continue;
                    }
                    latencies.add(System.nanoTime() - t0);
                    doneAll++;
                    if (p instanceof AccessAccept) {
                        accepted++;
                    } else {
                        rejected++;
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
