package org.twofold.it;

import static org.twofold.it.SoapClient.auth;
import static org.twofold.it.SoapClient.passcode;
import static org.twofold.it.SoapClient.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.xml.ws.WebServiceException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.Test;
import org.twofold.passcode.Base32;
import org.twofold.passcode.Hotp;
import org.twofold.ws.contract.Auth;
import org.twofold.ws.contract.AuthFault;
import org.twofold.ws.contract.AuthResponse;
import org.twofold.ws.contract.AuthServicePortType;
import org.twofold.ws.contract.AuthStatus;
import org.twofold.ws.contract.Factor;
import org.twofold.ws.contract.Result;
import org.twofold.ws.contract.Status;

/**
 * Crash safety (issue 10): Twofold is killed with SIGKILL in the middle of a load of passcode
 * logins over SOAP while phone calls are pending, then started again on the same data directory.
 * What the clients were told must still hold: every allow they saw has its audit row, no code
 * accepted before the crash is accepted after it, the pending calls end (as time-outs, nobody
 * answered), and the database opens clean and keeps working. The test prints its counts.
 *
 * <p>Its own server process (not Arquillian's), because Arquillian cannot kill and restart one.
 * {@code -Dcrash.users} and {@code -Dcrash.allows} size the load (defaults: 12 users, 240 allows
 * before the kill).
 */
class CrashSafetyIT {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int USERS = Integer.getInteger("crash.users", 12);
    private static final int ALLOWS_BEFORE_KILL = Integer.getInteger("crash.allows", 240);
    private static final int CALLS = 3;
    private static final int THREADS = 4;

    private record Token(String username, byte[] seed) {
    }

    @Test
    void killedMidLoadLosesNoLoginAndAcceptsNoCodeTwice() throws Exception {
        // one integration carries the whole load: lift its rate limit (per integration and minute)
        try (MicroServer server = MicroServer.fresh("crash", "-Dtwofold.ws.rate.per.minute=10000000",
                // the replays after the restart are failures from one source: lift its throttle (SecurityIT tests it)
                "-Dtwofold.source.failures.max=100000000").start()) {
            String tag = Long.toString(Math.abs(RANDOM.nextLong()) % 1_000_000L, 36);
            List<Token> tokens = new ArrayList<>();
            List<String> callers = new ArrayList<>();
            String[] integration;
            try (Jmx admin = server.admin()) {
                admin.set("org.twofold:type=Administration", "CallTimeoutSeconds", 10);
                CompositeData created = (CompositeData) admin.invoke("org.twofold:type=Administration", "createIntegration", "Crash VPN");
                integration = new String[] {(String) created.get("integrationKey"), (String) created.get("secret")};
                for (int i = 0; i < USERS; i++) {
                    String user = "crash" + tag + "u" + i;
                    byte[] seed = new byte[20];
                    RANDOM.nextBytes(seed);
                    admin.invoke("org.twofold:type=Administration", "createUser", user, "Crash " + i, "Central Administration");
                    admin.invoke("org.twofold:type=Administration", "importToken", "CR-" + user, "hotp", Base32.encode(seed), 6);
                    admin.invoke("org.twofold:type=Administration", "assignToken", user, "CR-" + user);
                    tokens.add(new Token(user, seed));
                }
                for (int i = 0; i < CALLS; i++) {
                    String user = "crash" + tag + "c" + i;
                    admin.invoke("org.twofold:type=Administration", "createUser", user, "Caller " + i, "Central Administration");
                    admin.invoke("org.twofold:type=HelpDesk", "enrollPhone", user, "+1 410 555 01" + (10 + i), "Desk");
                    callers.add(user);
                }
            }

            // Calls that nobody answers: pending when the server dies.
            AuthServicePortType soap = SoapClient.as(server.base(), integration[0], integration[1]);
            List<String> txids = new ArrayList<>();
            for (String caller : callers) {
                Auth call = new Auth();
                call.setUsername(caller);
                call.setFactor(Factor.PHONE);
                call.setAsync(true);
                AuthResponse started = soap.auth(call);
                assertEquals(Status.CALLING, started.getStatus(), "the call is dialling when the server is killed");
                txids.add(started.getTxid());
            }

            // The load: each thread logs its own users in, one code after the other.
            Map<String, List<Long>> seenAllowed = new ConcurrentHashMap<>();
            AtomicInteger allows = new AtomicInteger();
            AtomicInteger unexpected = new AtomicInteger();
            CountDownLatch enough = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                List<Token> mine = new ArrayList<>();
                for (int i = t; i < tokens.size(); i += THREADS) {
                    mine.add(tokens.get(i));
                }
                AuthServicePortType port = SoapClient.as(server.base(), integration[0], integration[1]);
                Thread thread = new Thread(() -> {
                    long[] counters = new long[mine.size()];
                    try {
                        for (int round = 0; ; round++) {
                            int i = round % mine.size();
                            Token token = mine.get(i);
                            long counter = counters[i]++;
                            AuthResponse answer = port.auth(passcode(token.username(), Hotp.generate(token.seed(), counter, 6)));
                            if (answer.getResult() == Result.ALLOW) {
                                seenAllowed.computeIfAbsent(token.username(), u -> new ArrayList<>()).add(counter);
                                if (allows.incrementAndGet() >= ALLOWS_BEFORE_KILL) {
                                    enough.countDown();
                                }
                            } else {
                                unexpected.incrementAndGet();
                            }
                        }
                    } catch (WebServiceException serverGone) {
                        // the kill: this thread's load ends here
                    } catch (AuthFault fault) {
                        unexpected.incrementAndGet();
                    }
                }, "crash-load-" + t);
                thread.start();
                threads.add(thread);
            }
            assertTrue(enough.await(5, TimeUnit.MINUTES), "the load reached " + ALLOWS_BEFORE_KILL + " allows");
            server.kill();
            for (Thread thread : threads) {
                thread.join(Duration.ofMinutes(2).toMillis());
            }
            int allowedBeforeKill = allows.get();
            assertEquals(0, unexpected.get(), "every fresh code was allowed before the crash");

            server.start();

            // Working and consistent: the next code of each user (past any code in flight at the kill) is allowed.
            AuthServicePortType after = SoapClient.as(server.base(), integration[0], integration[1]);
            for (Token token : tokens) {
                long next = seenAllowed.getOrDefault(token.username(), List.of(-1L)).stream().mapToLong(Long::longValue).max().orElse(-1) + 2;
                assertEquals(Result.ALLOW, after.auth(passcode(token.username(), Hotp.generate(token.seed(), next, 6))).getResult(),
                        token.username() + " logs in after the restart");
            }

            // No code the clients saw accepted is accepted again.
            int replays = 0;
            for (Token token : tokens) {
                for (long counter : seenAllowed.getOrDefault(token.username(), List.of())) {
                    AuthResponse replay = after.auth(passcode(token.username(), Hotp.generate(token.seed(), counter, 6)));
                    assertEquals(Result.DENY, replay.getResult(), token.username() + " code #" + counter + " was used before the crash");
                    replays++;
                }
            }

            // Every allow a client saw has its audit row: at least one per allow, at most one more
            // (a login committed while its answer was lost in the kill).
            int auditedAllows = 0;
            try (Jmx admin = server.admin()) {
                for (Token token : tokens) {
                    String[] trail = (String[]) admin.invoke("org.twofold:type=Audit", "forUser", token.username(), 1000);
                    long rows = Arrays.stream(trail).filter(line -> line.contains(" auth.passcode ") && line.contains("→ allow")).count();
                    int seen = seenAllowed.getOrDefault(token.username(), List.of()).size() + 1; // + the login after the restart
                    assertTrue(rows >= seen && rows <= seen + 1, token.username() + ": " + seen + " allows seen, " + rows + " audited");
                    auditedAllows += rows;
                }
            }

            // The calls pending at the kill end as time-outs.
            AuthStatus status = new AuthStatus();
            int timedOut = 0;
            for (String txid : txids) {
                status.setTxid(txid);
                Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
                Status now = after.authStatus(status).getStatus();
                while ((now == Status.CALLING || now == Status.ANSWERED) && Instant.now().isBefore(deadline)) {
                    Thread.sleep(250); // between two polls of the call's state
                    now = after.authStatus(status).getStatus();
                }
                assertEquals(Status.TIMEOUT, now, "call " + txid + " pending at the kill ends as a time-out");
                timedOut++;
            }

            System.out.printf("Crash safety: %d allows seen before SIGKILL, %d allow rows audited after restart, "
                    + "%d replays of pre-crash codes all denied, %d pending calls ended as timeout, %d users logged in after restart%n",
                    allowedBeforeKill, auditedAllows, replays, timedOut, tokens.size());
        }
    }
}
