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
    /** The connections the server accepted. */
    private static final java.util.concurrent.atomic.AtomicInteger CONNECTS = new java.util.concurrent.atomic.AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=campus,dc=example");
        config.addAdditionalBindCredentials("cn=twofold,dc=campus,dc=example", "service-secret");
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", 0));
        config.setAllowedOperationTypes(EnumSet.allOf(OperationType.class));
        config.setAccessLogHandler(new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                if (r.getMessage().contains(" CONNECT ")) {
                    CONNECTS.incrementAndGet();
                }
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

    @Test
    void entriesTheDisabledFilterMatchesAreDisabledAndTheirPasswordsNeverTried() {
        DirectoryConfig c = config(server.getListenPort(), "(objectClass=inetOrgPerson)");
        DirectoryClient client = new DirectoryClient(new DirectoryConfig(c.servers(), false, null, c.bindDn(), c.bindPassword(), c.userBase(),
                c.userFilter(), c.attributes(), 0, 10, "(employeeType=disabled)", false, List.of()));
        Map<String, DirectoryEntry> byName = client.entries().stream().collect(Collectors.toMap(DirectoryEntry::username, e -> e));
        assertTrue(byName.get("carol").disabled());
        assertEquals(false, byName.get("alice").disabled());
        assertEquals(DirectoryClient.Answer.NOT_FOUND, client.authenticate("carol", "carol-password".toCharArray()));
        assertEquals(DirectoryClient.Answer.BOUND, client.authenticate("alice", "alice-password".toCharArray()));
        assertEquals(List.of("uid=alice," + BASE), userBinds(), "carol's entry was never bound");
        client.close();
    }

    /**
     * Active Directory as Twofold sees it: accounts named by {@code sAMAccountName}, their {@code
     * userAccountControl} read from the entry (0x2 = disabled), departments from group membership,
     * on a schema-less in-memory server on a fixed port, stopped and started again to show that the
     * pooled connections it dropped are replaced.
     */
    @Test
    void activeDirectoryAccountsWithTheDisabledBitAreDisabledDepartmentsComeFromGroupsAndPoolsSurviveARestart() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String users = "cn=Users,dc=ad,dc=example";
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=ad,dc=example");
        config.addAdditionalBindCredentials("cn=svc,dc=ad,dc=example", "svc-secret");
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", port));
        config.setSchema(null);
        InMemoryDirectoryServer ad = new InMemoryDirectoryServer(config);
        ad.add("dn: dc=ad,dc=example", "objectClass: domain", "dc: ad");
        ad.add("dn: " + users, "objectClass: container", "cn: Users");
        ad.add("dn: cn=Ann Active," + users, "objectClass: user", "sAMAccountName: ann", "displayName: Ann Active", "department: Registry",
                "userAccountControl: 512", "userPassword: ann-password");
        ad.add("dn: cn=Ben Blocked," + users, "objectClass: user", "sAMAccountName: ben", "displayName: Ben Blocked",
                "userAccountControl: 514", "userPassword: ben-password");
        ad.add("dn: cn=Cy Law," + users, "objectClass: user", "sAMAccountName: cy", "displayName: Cy Law", "department: Registry",
                "userAccountControl: 66048", "userPassword: cy-password");
        ad.add("dn: cn=Law Faculty,dc=ad,dc=example", "objectClass: group", "cn: Law Faculty", "member: cn=Cy Law," + users);
        ad.add("dn: cn=Staff,dc=ad,dc=example", "objectClass: group", "cn: Staff", "member: CN=cy law," + users, "member: cn=Ann Active," + users);
        ad.startListening();
        try {
            DirectoryConfig c = new DirectoryConfig(List.of(new DirectoryConfig.Server("127.0.0.1", port, false)), false, null, "cn=svc,dc=ad,dc=example",
                    "svc-secret".toCharArray(), users, "(objectClass=user)",
                    new DirectoryConfig.Attributes("sAMAccountName", "displayName", "department", "mail", "mobile"), 0, 10, null, true,
                    List.of(new DirectoryConfig.DepartmentGroup("Law", "cn=Law Faculty,dc=ad,dc=example"),
                            new DirectoryConfig.DepartmentGroup("Staff", "cn=Staff,dc=ad,dc=example"),
                            new DirectoryConfig.DepartmentGroup("Nowhere", "cn=No Such Group,dc=ad,dc=example")));
            DirectoryClient client = new DirectoryClient(c);
            Map<String, DirectoryEntry> byName = client.entries().stream().collect(Collectors.toMap(DirectoryEntry::username, e -> e));
            assertTrue(byName.get("ben").disabled(), "userAccountControl 514 = NORMAL_ACCOUNT | ACCOUNTDISABLE");
            assertEquals(false, byName.get("ann").disabled());
            assertEquals(false, byName.get("cy").disabled(), "66048 = NORMAL_ACCOUNT | DONT_EXPIRE_PASSWORD");
            assertEquals("Law", byName.get("cy").department(), "the first group in the setting's order wins (DNs compared as DNs)");
            assertEquals("Staff", byName.get("ann").department(), "a group's department over the attribute");
            assertEquals(null, byName.get("ben").department());

            assertEquals(DirectoryClient.Answer.BOUND, client.authenticate("ann", "ann-password".toCharArray()));
            assertEquals(DirectoryClient.Answer.NOT_FOUND, client.authenticate("ben", "ben-password".toCharArray()), "a disabled account's password is not tried");
            ad.shutDown(true);
            assertEquals(DirectoryClient.Answer.UNAVAILABLE, client.authenticate("ann", "ann-password".toCharArray()));
            ad.startListening();
            assertEquals(DirectoryClient.Answer.BOUND, client.authenticate("ann", "ann-password".toCharArray()), "the pools reconnect");
            assertEquals(DirectoryClient.Answer.WRONG_PASSWORD, client.authenticate("ann", "cy-password".toCharArray()));
            assertEquals(DirectoryClient.Answer.BOUND, client.authenticate("cy", "cy-password".toCharArray()), "a failed bind leaves the pooled connection usable");
            client.close();
        } finally {
            ad.shutDown(true);
        }
    }

    @Test
    void aPoolReusesItsConnectionsForManyPasswordChecks() throws Exception {
        DirectoryClient client = client();
        int before = CONNECTS.get();
        assertEquals(DirectoryClient.Answer.BOUND, client.authenticate("bob", "bob-password".toCharArray()));
        assertEquals(2, CONNECTS.get() - before, "a new client's first check opens a search and a bind connection");
        for (int i = 0; i < 19; i++) {
            assertEquals(DirectoryClient.Answer.BOUND, client.authenticate("bob", "bob-password".toCharArray()));
        }
        assertEquals(2, CONNECTS.get() - before, "20 checks over those two connections: " + (CONNECTS.get() - before));
        client.close();
    }

    @Test
    void departmentGroupsAreParsedAndTyposRefused() {
        assertEquals(List.of(new DirectoryConfig.DepartmentGroup("Law", "cn=law,ou=groups,dc=campus,dc=edu"),
                        new DirectoryConfig.DepartmentGroup("Physics & Astronomy", "cn=phys,ou=groups,dc=campus,dc=edu")),
                DirectoryConfig.departmentGroups(" Law: cn=law,ou=groups,dc=campus,dc=edu; Physics & Astronomy :cn=phys,ou=groups,dc=campus,dc=edu;"));
        for (String bad : List.of("Law cn=law,dc=edu", ": cn=law,dc=edu", "Law: not a dn", "Law:")) {
            assertThrows(IllegalStateException.class, () -> DirectoryConfig.departmentGroups(bad), bad);
        }
    }
}
