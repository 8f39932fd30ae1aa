package org.twofold.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.OperationType;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link DirectoryClient} against UnboundID's in-memory directory server (a real LDAP listener on a
 * free port): binds, the escaping of what people type as a username, paged searches, and a
 * directory that does not answer. Every bind the server sees is recorded, so a test can show which
 * entries were (and were not) bound.
 */
class DirectoryClientTest {
    private static final String BASE = "ou=people,dc=campus,dc=example";
    private static InMemoryDirectoryServer server;
    /** The DNs of the simple binds the server received, in order. */
    private static final List<String> BINDS = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=campus,dc=example");
        config.addAdditionalBindCredentials("cn=twofold,dc=campus,dc=example", "service-secret");
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", 0));
        config.setAllowedOperationTypes(EnumSet.allOf(OperationType.class));
        config.setAccessLogHandler(new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("BIND REQUEST .*dn=\"([^\"]*)\"").matcher(r.getMessage());
                if (m.find()) {
                    BINDS.add(m.group(1));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        server = new InMemoryDirectoryServer(config);
        server.add("dn: dc=campus,dc=example", "objectClass: domain", "dc: campus");
        server.add("dn: " + BASE, "objectClass: organizationalUnit", "ou: people");
        person("alice", "Alice Able", "Law", "alice-password");
        person("bob", "Bob Baker", "History", "bob-password");
        person("zoe", "Zoë Ångström", "Physics", "zoe-pässword");
        server.add("dn: uid=carol,ou=people,dc=campus,dc=example", "objectClass: inetOrgPerson", "uid: carol", "cn: Carol", "sn: C",
                "employeeType: disabled", "userPassword: carol-password");
        server.startListening();
    }

    private static void person(String uid, String name, String department, String password) throws Exception {
        server.add("dn: uid=" + uid + "," + BASE, "objectClass: inetOrgPerson", "uid: " + uid, "cn: " + name, "sn: " + name.split(" ")[1],
                "displayName: " + name, "departmentNumber: " + department, "mail: " + uid + "@campus.example", "mobile: +1 410 555 01" + uid.length() + "0",
                "userPassword: " + password);
    }

    @AfterAll
    static void stop() {
        server.shutDown(true);
    }

    @BeforeEach
    void forgetBinds() {
        BINDS.clear();
    }

    static DirectoryConfig config(int port, String filter) {
        return new DirectoryConfig(List.of(new DirectoryConfig.Server("127.0.0.1", port, false)), false, null,
                "cn=twofold,dc=campus,dc=example", "service-secret".toCharArray(), BASE, filter,
                new DirectoryConfig.Attributes("uid", "displayName", "departmentNumber", "mail", "mobile"), 0, 10);
    }

    private static DirectoryClient client() {
        return new DirectoryClient(config(server.getListenPort(), "(&(objectClass=inetOrgPerson)(!(employeeType=disabled)))"));
    }

    private static List<String> userBinds() {
        return BINDS.stream().filter(dn -> !dn.startsWith("cn=twofold")).collect(Collectors.toList());
    }

    @Test
    void theRightPasswordBindsAsTheUsersEntry() {
        assertEquals(DirectoryClient.Answer.BOUND, client().authenticate("alice", "alice-password".toCharArray()));
        assertEquals(List.of("uid=alice," + BASE), userBinds());
    }

    @Test
    void aNonAsciiPasswordIsSentAsUtf8() {
        assertEquals(DirectoryClient.Answer.BOUND, client().authenticate("zoe", "zoe-pässword".toCharArray()));
    }

    @Test
    void aWrongPasswordIsWrong() {
        assertEquals(DirectoryClient.Answer.WRONG_PASSWORD, client().authenticate("alice", "bob-password".toCharArray()));
    }

    @Test
    void anEmptyPasswordNeverReachesTheDirectory() {
        // an empty simple bind is an unauthenticated bind (RFC 4513 §5.1.2), which servers may accept
        assertEquals(DirectoryClient.Answer.WRONG_PASSWORD, client().authenticate("alice", new char[0]));
        assertEquals(List.of(), BINDS);
    }

    @Test
    void anEntryExcludedByTheFilterIsNotFoundAndNotBound() {
        assertEquals(DirectoryClient.Answer.NOT_FOUND, client().authenticate("carol", "carol-password".toCharArray()));
        assertEquals(List.of(), userBinds());
    }

    /** What an attacker types as a username to widen the search: each matches only itself, so no entry is found and none is bound. */
    @ParameterizedTest
    @ValueSource(strings = {"*", "a*", ")(uid=*", "*)(uid=*))(|(uid=*", "alice)(|(uid=*", "alice\u0000", "\u0000", "alice\\2a", "(uid=alice)"})
    void injectionInTheUsernameMatchesNobody(String typed) {
        for (String password : List.of("alice-password", "bob-password", "x")) {
            assertEquals(DirectoryClient.Answer.NOT_FOUND, client().authenticate(typed, password.toCharArray()), typed);
        }
        assertEquals(List.of(), userBinds(), "no user's entry was bound for " + typed);
    }

    @Test
    void theUsernameIsAnEscapedAssertionValue() {
        assertEquals("(&(objectClass=inetOrgPerson)(uid=\\2a\\29\\28uid=\\2a\\00))", new DirectoryClient(config(1, "(objectClass=inetOrgPerson)"))
                .userFilter("*)(uid=*\u0000").toString());
    }

    @Test
    void entriesAreReadInPagesWithTheirMappedAttributes() throws Exception {
        // more entries than one page holds
        int extra = DirectoryClient.PAGE_SIZE + 7;
        for (int i = 0; i < extra; i++) {
            server.add("dn: uid=p" + i + ",ou=people,dc=campus,dc=example", "objectClass: inetOrgPerson", "uid: p" + i, "cn: P " + i, "sn: P");
        }
        try {
            Map<String, DirectoryEntry> byName = client().entries().stream().collect(Collectors.toMap(DirectoryEntry::username, e -> e));
            assertEquals(3 + extra, byName.size(), "every person but the one the filter excludes");
            DirectoryEntry zoe = byName.get("zoe");
            assertEquals("Zoë Ångström", zoe.displayName());
            assertEquals("Physics", zoe.department());
            assertEquals("zoe@campus.example", zoe.mail());
            assertEquals("uid=zoe," + BASE, zoe.dn());
            assertEquals(null, byName.get("p0").displayName());
        } finally {
            for (int i = 0; i < extra; i++) {
                server.delete("uid=p" + i + ",ou=people,dc=campus,dc=example");
            }
        }
    }

    @Test
    void aDirectoryThatDoesNotAnswerIsUnavailableNotAWrongPassword() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        DirectoryClient down = new DirectoryClient(config(closed, "(objectClass=inetOrgPerson)"));
        assertEquals(DirectoryClient.Answer.UNAVAILABLE, down.authenticate("alice", "alice-password".toCharArray()));
        assertThrows(DirectoryUnavailableException.class, down::entries);
    }

    @Test
    void failoverUsesTheNextServerWhenTheFirstDoesNotAnswer() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        DirectoryConfig c = config(closed, "(objectClass=inetOrgPerson)");
        DirectoryConfig both = new DirectoryConfig(List.of(c.servers().get(0), new DirectoryConfig.Server("127.0.0.1", server.getListenPort(), false)),
                false, null, c.bindDn(), c.bindPassword(), c.userBase(), c.userFilter(), c.attributes(), 0, 10);
        assertEquals(DirectoryClient.Answer.BOUND, new DirectoryClient(both).authenticate("bob", "bob-password".toCharArray()));
    }

    @Test
    void aRefusedServiceAccountIsAnOutageNotAWrongPassword() {
        DirectoryConfig c = config(server.getListenPort(), "(objectClass=inetOrgPerson)");
        DirectoryConfig wrong = new DirectoryConfig(c.servers(), false, null, c.bindDn(), "not-the-secret".toCharArray(), c.userBase(),
                c.userFilter(), c.attributes(), 0, 10);
        assertEquals(DirectoryClient.Answer.UNAVAILABLE, new DirectoryClient(wrong).authenticate("alice", "alice-password".toCharArray()));
        assertTrue(userBinds().isEmpty());
    }

    @Test
    void urlsAreParsedForFailoverAndOthersRefused() {
        assertEquals(List.of(new DirectoryConfig.Server("dc1.campus.example", 389, false), new DirectoryConfig.Server("dc2.campus.example", 636, true),
                        new DirectoryConfig.Server("127.0.0.1", 3890, false)),
                DirectoryConfig.servers("ldap://dc1.campus.example ldaps://dc2.campus.example/, ldap://127.0.0.1:3890"));
        for (String bad : List.of("http://dc1.campus.example", "ldap://dc1.campus.example/ou=people", "ldap://dc1?uid", "ldap:///", "dc1.campus.example")) {
            assertThrows(IllegalStateException.class, () -> DirectoryConfig.servers(bad), bad);
        }
    }
}
