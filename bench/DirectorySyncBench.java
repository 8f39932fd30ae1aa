import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The measurement of {@code bench/directory-sync} (see there): a generated organisation in slapd,
 * Twofold against it, three syncs over JMX. No library beyond the JDK: slapd is driven by its own
 * tools (slapadd offline, ldapmodify for the changes), Twofold over JMX.
 */
public class DirectorySyncBench {
    static final String SUFFIX = "dc=campus,dc=example";
    static final String PEOPLE = "ou=people," + SUFFIX;
    static final String[] DEPARTMENTS = {"Law", "History", "Physics", "Medicine", "Nursing", "Pharmacy", "Dentistry", "Social Work"};

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        int users = Integer.parseInt(args[1]);
        String micro = args[2];
        String war = args[3];
        Path report = work.resolve("report.txt");
        List<Process> started = new ArrayList<>();
        try {
            int ldapPort = freePort();
            Files.createDirectories(work.resolve("db"));
            Files.writeString(work.resolve("slapd.conf"), String.join("\n",
                    "include /etc/ldap/schema/core.schema", "include /etc/ldap/schema/cosine.schema", "include /etc/ldap/schema/inetorgperson.schema",
                    "pidfile " + work.resolve("slapd.pid"), "modulepath /usr/lib/ldap", "moduleload back_mdb",
                    "database mdb", "suffix \"" + SUFFIX + "\"", "rootdn \"cn=manager," + SUFFIX + "\"", "rootpw manager-secret",
                    "directory " + work.resolve("db"), "maxsize 4294967296", "sizelimit unlimited", "index objectClass,uid eq", ""));
            StringBuilder ldif = new StringBuilder();
            ldif.append("dn: ").append(SUFFIX).append("\nobjectClass: dcObject\nobjectClass: organization\ndc: campus\no: Campus\n\n");
            ldif.append("dn: ").append(PEOPLE).append("\nobjectClass: organizationalUnit\nou: people\n\n");
            ldif.append("dn: cn=twofold,").append(SUFFIX).append("\nobjectClass: organizationalRole\nobjectClass: simpleSecurityObject\ncn: twofold\nuserPassword: service-secret\n\n");
            for (int i = 0; i < users; i++) {
                ldif.append("dn: uid=s").append(i).append(',').append(PEOPLE).append("\nobjectClass: inetOrgPerson\nuid: s").append(i)
                        .append("\ncn: Student ").append(i).append("\nsn: ").append(i).append("\ndisplayName: Student ").append(i)
                        .append("\ndepartmentNumber: ").append(DEPARTMENTS[i % DEPARTMENTS.length]).append("\nmail: s").append(i)
                        .append("@campus.example\nmobile: +1 410 555 ").append(String.format("%04d", i % 10000)).append("\nuserPassword: pw-").append(i).append("\n\n");
            }
            Files.writeString(work.resolve("people.ldif"), ldif);
            long t = System.nanoTime();
            run(work, "slapadd", "/usr/sbin/slapadd", "-q", "-f", work.resolve("slapd.conf").toString(), "-l", work.resolve("people.ldif").toString());
            say(report, String.format("%,d people loaded into slapd with slapadd in %.1f s; %d cores, %s", users, (System.nanoTime() - t) / 1e9,
                    Runtime.getRuntime().availableProcessors(), Instant.now()));
            started.add(new ProcessBuilder("/usr/sbin/slapd", "-h", "ldap://127.0.0.1:" + ldapPort + "/", "-f", work.resolve("slapd.conf").toString(), "-d", "0")
                    .redirectErrorStream(true).redirectOutput(work.resolve("slapd.log").toFile()).start());
            awaitPort(ldapPort, started.get(0));

            int http = freePort();
            int jmx = freePort();
            Process twofold = new ProcessBuilder("java", "-Xmx512m", "-XX:+UseParallelGC", "-Duser.timezone=UTC", "-Dcom.sun.xml.ws.monitoring.endpoint=false",
                    "-Dtwofold.data.dir=" + work.resolve("twofold-data"), "-Dtwofold.http.port=" + http, "-Dtwofold.jmx.port=" + jmx,
                    "-Dtwofold.admin.user=benchadmin", "-Dtwofold.admin.password=bench-admin-secret",
                    "-Dtwofold.ldap.url=ldap://127.0.0.1:" + ldapPort, "-Dtwofold.ldap.starttls=false", "-Dtwofold.ldap.bind.dn=cn=twofold," + SUFFIX,
                    "-Dtwofold.ldap.bind.password=service-secret", "-Dtwofold.ldap.user.base=" + PEOPLE, "-Dtwofold.ldap.sync.minutes=0",
                    "-jar", micro, "--nohazelcast", "--prebootcommandfile", Path.of(war).resolveSibling("single-node.txt").toString(), "--port", Integer.toString(http), "--contextroot", "/", "--deploy", war)
                    .redirectErrorStream(true).redirectOutput(work.resolve("twofold.log").toFile()).start();
            started.add(twofold);
            awaitLog(work.resolve("twofold.log"), "Twofold ready", twofold);

            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://localhost:" + jmx + "/jmxrmi");
            try (JMXConnector c = JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS, new String[] {"benchadmin", "bench-admin-secret"}))) {
                MBeanServerConnection server = c.getMBeanServerConnection();
                ObjectName admin = new ObjectName("org.twofold:type=Administration");
                sync(report, server, admin, "first sync (everyone new)");
                sync(report, server, admin, "second sync (nothing changed)");
                StringBuilder changes = new StringBuilder();
                for (int i = 0; i < users; i += 100) {
                    changes.append("dn: uid=s").append(i).append(',').append(PEOPLE).append("\nchangetype: modify\nreplace: departmentNumber\ndepartmentNumber: Moved\n\n");
                }
                Files.writeString(work.resolve("changes.ldif"), changes);
                run(work, "ldapmodify", "ldapmodify", "-x", "-H", "ldap://127.0.0.1:" + ldapPort, "-D", "cn=manager," + SUFFIX, "-w", "manager-secret",
                        "-f", work.resolve("changes.ldif").toString());
                sync(report, server, admin, "third sync (1% moved department)");
            }
        } finally {
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).destroy();
                started.get(i).waitFor(60, TimeUnit.SECONDS);
            }
        }
        System.out.println("report: " + report);
    }

    static void sync(Path report, MBeanServerConnection server, ObjectName admin, String what) throws Exception {
        long t = System.nanoTime();
        String line = (String) server.invoke(admin, "syncDirectory", new Object[0], new String[0]);
        say(report, String.format("%s: %s (JMX call %.1f s)", what, line, (System.nanoTime() - t) / 1e9));
    }

    static void say(Path report, String line) throws IOException {
        System.out.println(line);
        Files.writeString(report, line + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    static void run(Path work, String name, String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve(name + ".log").toFile()).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(name + " failed: " + Files.readString(work.resolve(name + ".log")));
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static void awaitPort(int port, Process p) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("slapd exited");
                }
                p.waitFor(100, TimeUnit.MILLISECONDS);
            }
        }
        throw new IllegalStateException("slapd did not listen within 60 s");
    }

    static void awaitLog(Path log, String text, Process p) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(text)) {
                return;
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("Twofold exited; see " + log);
            }
            p.waitFor(250, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException("Twofold not ready within 5 minutes; see " + log);
    }
}
