package org.twofold.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.twofold.passcode.Base32;

/**
 * Twofold behind the documented proxy (README, "Behind a TLS-terminating proxy"): one server with
 * {@code TWOFOLD_TRUST_PROXY=true} and {@code TWOFOLD_TRUSTED_PROXIES=127.0.0.1/32}, behind
 * Debian's haproxy with {@code option forwardfor} (as {@link ClusterIT} runs it), and a low
 * per-source failure limit. Clients are told apart by their source address on the loopback
 * interface ({@code 127.0.0.2}, {@code .3}, ...; haproxy itself reaches Twofold from {@code
 * 127.0.0.1}). One attacker's wrong passwords through the proxy get that attacker refused, not the
 * proxy: another client through the same proxy still logs in. A spoofed {@code X-Forwarded-For}
 * does not get the attacker out: through the proxy it is left of the address haproxy appends, and
 * sent straight to Twofold by a client that is no trusted proxy it is ignored. (Without {@code
 * TWOFOLD_TRUST_PROXY} the header is never believed: {@code
 * SecurityIT.onePageAddressCannotLockOutManyUsers}.)
 */
class ProxyIT {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ADMIN = "org.twofold:type=Administration";
    private static final String AUDIT = "org.twofold:type=Audit";
    private static final int SOURCE_MAX = 5;
    private static final String PROMPT = "Choose an authentication method";
    private static final String FAILED = "Incorrect username or password.";

    private static MicroServer server;
    private static Haproxy haproxy;
    private static URI proxy;
    private static URI direct;

    @BeforeAll
    static void startBehindHaproxy() throws Exception {
        server = MicroServer.fresh("proxy", "-Dtwofold.trust.proxy=true", "-Dtwofold.trusted.proxies=127.0.0.1/32",
                "-Dtwofold.source.failures.max=" + SOURCE_MAX).start();
        direct = URI.create("http://127.0.0.1:" + server.httpPort + "/");
        haproxy = Haproxy.start(server.dataDir.getParent(), "proxy", "%ci %HM %HU %ST", List.of(), List.of(
                "frontend twofold",
                "    bind 127.0.0.1:PORT",
                "    option forwardfor",
                "    default_backend node",
                "backend node",
                "    server a 127.0.0.1:" + server.httpPort + " source 127.0.0.1"));
        proxy = haproxy.url;
    }

    @AfterAll
    static void stop() throws Exception {
        if (haproxy != null) {
            haproxy.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static String unique(String prefix) {
        return prefix + Integer.toString(RANDOM.nextInt(1 << 24), 36);
    }

    /** A user with a password and a hardware token (so that a passed password step shows the prompt). */
    private static void userWithToken(Jmx admin, String username, String password) throws Exception {
        byte[] seed = new byte[20];
        RANDOM.nextBytes(seed);
        admin.invoke(ADMIN, "createUser", username, "Test " + username, "Central Administration");
        admin.invoke(ADMIN, "setUserPassword", username, password);
        admin.invoke(ADMIN, "importToken", "PRX-" + username, "hotp", Base32.encode(seed), 6);
        admin.invoke(ADMIN, "assignToken", username, "PRX-" + username);
    }

    /** The page a fresh session from {@code source} gets for a login as {@code username} through {@code server}. */
    private static String login(String source, URI to, Map<String, String> headers, String username, String password) throws IOException {
        SourcePageClient client = new SourcePageClient(source, to, headers);
        client.get("");
        return client.submit("login", Map.of("username", username, "password", password), "submit");
    }

    private static List<String> audit(Jmx admin, String username) throws Exception {
        return Arrays.asList((String[]) admin.invoke(AUDIT, "forUser", username, 50));
    }

    @Test
    void oneAttackerBehindTheProxyIsRefusedAloneAndCannotSpoofItsWayOut() throws Exception {
        String tag = unique("px");
        String victim = tag + "victim";
        String victimPassword = "Victim-" + Long.toHexString(RANDOM.nextLong());
        try (Jmx admin = server.admin()) {
            userWithToken(admin, victim, victimPassword);
            for (int i = 0; i <= SOURCE_MAX; i++) {
                admin.invoke(ADMIN, "createUser", tag + "u" + i, "Sprayed " + i, "Central Administration");
            }
        }
        // the attacker, 127.0.0.2, sprays wrong passwords through the proxy until refused
        for (int i = 0; i <= SOURCE_MAX; i++) {
            String page = login("127.0.0.2", proxy, Map.of(), tag + "u" + i, "wrong-password-" + i);
            assertTrue(page.contains(FAILED), "a wrong password fails");
        }
        String attackerWithTheRightPassword = login("127.0.0.2", proxy, Map.of(), victim, victimPassword);
        assertFalse(attackerWithTheRightPassword.contains(PROMPT), "the attacker's address is refused, even with a right password");

        // another client through the same proxy, 127.0.0.3, still logs in
        String victimsPage = login("127.0.0.3", proxy, Map.of(), victim, victimPassword);
        assertTrue(victimsPage.contains(PROMPT), "the victim behind the same proxy passes the password step");

        // spoofing: a header of the attacker's own, through the proxy (haproxy appends 127.0.0.2 to it) ...
        String spoofedThroughProxy = login("127.0.0.2", proxy, Map.of("X-Forwarded-For", "127.0.0.99"), victim, victimPassword);
        assertFalse(spoofedThroughProxy.contains(PROMPT), "an X-Forwarded-For sent through the proxy does not free the attacker");
        // ... and straight to Twofold, from an address that is no trusted proxy
        String spoofedDirect = login("127.0.0.2", direct, Map.of("X-Forwarded-For", "127.0.0.98"), victim, victimPassword);
        assertFalse(spoofedDirect.contains(PROMPT), "an untrusted client's X-Forwarded-For is ignored");
        String otherDirect = login("127.0.0.4", direct, Map.of(), victim, victimPassword);
        assertTrue(otherDirect.contains(PROMPT), "a client straight to Twofold is itself the source");

        try (Jmx admin = server.admin()) {
            List<String> refusals = Arrays.stream((String[]) admin.invoke(AUDIT, "recent", 500))
                    .filter(l -> l.contains("login.password") && l.contains("too_many_requests")).collect(Collectors.toList());
            List<String> victimRows = audit(admin, victim);
            List<String> sprayed = audit(admin, tag + "u0");
            System.out.printf("Behind haproxy: a sprayed user's row %s; the source refusal %s; the victim's rows %s%n",
                    sprayed, refusals, victimRows);
            assertTrue(sprayed.stream().anyMatch(l -> l.contains("wrong_password") && l.contains("from 127.0.0.2")),
                    "failures are counted against the attacker's address: " + sprayed);
            assertTrue(refusals.size() == 1 && refusals.get(0).contains("from 127.0.0.2"), "the attacker is refused, audited once: " + refusals);
            assertTrue(victimRows.stream().anyMatch(l -> l.contains("from 127.0.0.3")), "the victim's login has her own address: " + victimRows);
            assertTrue(victimRows.stream().noneMatch(l -> l.contains("127.0.0.99") || l.contains("127.0.0.98")),
                    "no spoofed address reaches the audit trail: " + victimRows);
            assertTrue(victimRows.stream().filter(l -> l.contains(" login.")).noneMatch(l -> l.contains("from 127.0.0.1")),
                    "the proxy is no login's address (the operator's JMX calls come from 127.0.0.1): " + victimRows);
        }
    }
}
