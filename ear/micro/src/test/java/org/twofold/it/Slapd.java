package org.twofold.it;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.extensions.PasswordModifyExtendedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real OpenLDAP directory for the tests: Debian's {@code slapd} (installed by the build through
 * {@code .ci/ensure-packages}) on a free loopback port, with its own configuration file and MDB
 * database in a directory under {@code target/}, loaded offline with {@code slapadd} and started in
 * the foreground so that the test owns the process and stops it. Its access log ({@code loglevel
 * stats}) is kept, so a test can read every bind the directory received.
 *
 * <p>The organisation: {@code ou=people,dc=campus,dc=example} of {@code inetOrgPerson}s (uid,
 * displayName, departmentNumber, mail, mobile, telephoneNumber, a salted SHA password), a person whose {@code
 * employeeType} is {@code disabled} (Twofold is given a disabled filter that matches it), groups
 * ({@code groupOfNames} under {@code ou=groups}) and the service account Twofold searches as. The directory manager ({@link #admin}) makes the changes a
 * campus makes: new people, password changes, deletions.
 *
 * <p>TLS as a campus runs it: a test CA and a certificate for {@code localhost} made with {@code
 * openssl} for this directory alone ({@link #caFile}); slapd answers StartTLS (RFC 4511 §4.14) and
 * refuses every simple bind that is not protected by it ({@code security simple_bind=128}), so a
 * password can never reach it in clear.
 */
final class Slapd implements AutoCloseable {
    static final String SUFFIX = "dc=campus,dc=example";
    static final String PEOPLE = "ou=people," + SUFFIX;
    static final String GROUPS = "ou=groups," + SUFFIX;
    static final String SERVICE_DN = "cn=twofold," + SUFFIX;
    static final String SERVICE_PASSWORD = "service-" + Long.toHexString(new SecureRandom().nextLong());
    static final String FILTER = "(&(objectClass=inetOrgPerson)(!(employeeType=disabled)))";
    private static final String MANAGER_DN = "cn=manager," + SUFFIX;
    private static final String MANAGER_PASSWORD = "manager-" + Long.toHexString(new SecureRandom().nextLong());
    private static final Pattern BIND = Pattern.compile("BIND dn=\"([^\"]*)\"");

    /** A person of the directory. */
    record Person(String uid, String displayName, String department, String password, boolean disabled, String mobile, String telephone) {
        /** With a mobile and a telephone number made from the uid (their last four digits differ). */
        Person(String uid, String displayName, String department, String password, boolean disabled) {
            this(uid, displayName, department, password, disabled, "+1 410 555 " + String.format("%04d", Math.abs(uid.hashCode()) % 10000),
                    "+1 410 556 " + String.format("%04d", (Math.abs(uid.hashCode()) + 5000) % 10000));
        }

        String dn() {
            return "uid=" + uid + "," + PEOPLE;
        }
    }

    /** A group of people ({@code groupOfNames}, whose members are the people's DNs). */
    record Group(String cn, List<String> memberUids) {
        String dn() {
            return "cn=" + cn + "," + GROUPS;
        }
    }

    final Path dir;
    final int port;
    private Process process;
    private int starts;

    private Slapd(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** A new directory holding {@code people}, started. */
    static Slapd start(String name, List<Person> people) throws Exception {
        return start(name, people, List.of());
    }

    /** A new directory holding {@code people} and {@code groups}, started. */
    static Slapd start(String name, List<Person> people, List<Group> groups) throws Exception {
        Path dir = Path.of("target", name + "-slapd-" + Instant.now().toEpochMilli()).toAbsolutePath();
        Files.createDirectories(dir.resolve("db"));
        Slapd slapd = new Slapd(dir, MicroServer.freePort());
        Path ca = makeCertificates(dir);
        Files.writeString(slapd.conf(), String.join("\n",
                "include /etc/ldap/schema/core.schema",
                "include /etc/ldap/schema/cosine.schema",
                "include /etc/ldap/schema/inetorgperson.schema",
                "pidfile " + dir.resolve("slapd.pid"),
                "argsfile " + dir.resolve("slapd.args"),
                "modulepath /usr/lib/ldap",
                "moduleload back_mdb",
                "loglevel stats",
                "password-hash {SSHA}",
                "TLSCACertificateFile " + ca,
                "TLSCertificateFile " + dir.resolve("tls/server.pem"),
                "TLSCertificateKeyFile " + dir.resolve("tls/server.key"),
                "security simple_bind=128",
                "database mdb",
                "suffix \"" + SUFFIX + "\"",
                "rootdn \"" + MANAGER_DN + "\"",
                "rootpw " + ssha(MANAGER_PASSWORD),
                "directory " + dir.resolve("db"),
                "maxsize 1073741824",
                "sizelimit unlimited",
                "index objectClass,uid eq",
                // people bind as themselves; only the service account reads the people; nobody reads a password
                "access to attrs=userPassword by anonymous auth by * none",
                "access to * by dn.exact=\"" + SERVICE_DN + "\" read by self read by * none",
                ""), StandardCharsets.UTF_8);
        StringBuilder ldif = new StringBuilder();
        ldif.append("dn: ").append(SUFFIX).append("\nobjectClass: dcObject\nobjectClass: organization\ndc: campus\no: Campus\n\n");
        ldif.append("dn: ").append(PEOPLE).append("\nobjectClass: organizationalUnit\nou: people\n\n");
        ldif.append("dn: ").append(SERVICE_DN).append("\nobjectClass: organizationalRole\nobjectClass: simpleSecurityObject\ncn: twofold\n")
                .append("userPassword: ").append(ssha(SERVICE_PASSWORD)).append("\n\n");
        for (Person p : people) {
            ldif.append(ldif(p)).append('\n');
        }
        if (!groups.isEmpty()) {
            ldif.append("dn: ").append(GROUPS).append("\nobjectClass: organizationalUnit\nou: groups\n\n");
        }
        for (Group g : groups) {
            ldif.append("dn: ").append(g.dn()).append("\nobjectClass: groupOfNames\ncn: ").append(g.cn()).append('\n');
            for (String uid : g.memberUids()) {
                ldif.append("member: uid=").append(uid).append(',').append(PEOPLE).append('\n');
            }
            ldif.append('\n');
        }
        Files.writeString(dir.resolve("people.ldif"), ldif, StandardCharsets.UTF_8);
        run(List.of("/usr/sbin/slapadd", "-q", "-f", slapd.conf().toString(), "-l", dir.resolve("people.ldif").toString()), dir.resolve("slapadd.log"));
        slapd.start();
        return slapd;
    }

    private Path conf() {
        return dir.resolve("slapd.conf");
    }

    /** Starts (or restarts) slapd on its port and database; returns once it answers a bind. */
    void start() throws Exception {
        starts++;
        process = new ProcessBuilder("/usr/sbin/slapd", "-h", url() + "/", "-f", conf().toString(), "-d", "256")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("slapd exited with " + process.exitValue() + "; see " + log());
            }
            try (LDAPConnection c = admin()) {
                return;
            } catch (LDAPException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("slapd did not answer within 30 s; see " + log(), notYet);
                }
                process.waitFor(100, TimeUnit.MILLISECONDS); // a bounded poll of a condition
            }
        }
    }

    /** Stops slapd (SIGTERM, as an operator's stop does) and waits for it to end. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }

    boolean running() {
        return process != null && process.isAlive();
    }

    /** The address Twofold is given: {@code localhost}, the name the server certificate is for. */
    String url() {
        return "ldap://localhost:" + port;
    }

    /** The test CA's certificate (PEM), that the directory's certificate chains to. */
    Path caFile() {
        return dir.resolve("tls/ca.pem");
    }

    /**
     * A CA of its own and a server certificate it signed for {@code localhost} (and 127.0.0.1), as a
     * campus CA would issue one; returns the CA's certificate.
     */
    static Path makeCertificates(Path dir) throws Exception {
        Path tls = dir.resolve("tls");
        Files.createDirectories(tls);
        Files.writeString(tls.resolve("server.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
                + "keyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n");
        run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Twofold test campus CA",
                "-keyout", tls.resolve("ca.key").toString(), "-out", tls.resolve("ca.pem").toString()), tls.resolve("openssl-ca.log"));
        run(List.of("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
                "-keyout", tls.resolve("server.key").toString(), "-out", tls.resolve("server.csr").toString()), tls.resolve("openssl-csr.log"));
        run(List.of("openssl", "x509", "-req", "-days", "2", "-in", tls.resolve("server.csr").toString(), "-CA", tls.resolve("ca.pem").toString(),
                "-CAkey", tls.resolve("ca.key").toString(), "-CAcreateserial", "-extfile", tls.resolve("server.ext").toString(),
                "-out", tls.resolve("server.pem").toString()), tls.resolve("openssl-sign.log"));
        return tls.resolve("ca.pem");
    }

    Path log() {
        return dir.resolve("slapd.log");
    }

    /** The DNs of every bind the directory received so far, in order (its access log). */
    List<String> binds() throws IOException {
        List<String> dns = new ArrayList<>();
        Matcher m = BIND.matcher(Files.readString(log(), StandardCharsets.ISO_8859_1));
        while (m.find()) {
            dns.add(m.group(1));
        }
        return dns;
    }

    /** The directory manager's connection (StartTLS, trusting the test CA), for the changes a campus makes. */
    LDAPConnection admin() throws LDAPException {
        LDAPConnection c = new LDAPConnection("localhost", port);
        try {
            var tls = new com.unboundid.util.ssl.SSLUtil(new com.unboundid.util.ssl.PEMFileTrustManager(caFile().toFile())).createSSLContext();
            var started = c.processExtendedOperation(new com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest(tls));
            if (started.getResultCode() != ResultCode.SUCCESS) {
                throw new LDAPException(started.getResultCode(), "StartTLS refused");
            }
            c.bind(MANAGER_DN, MANAGER_PASSWORD);
            return c;
        } catch (LDAPException e) {
            c.close();
            throw e;
        } catch (java.security.GeneralSecurityException e) {
            c.close();
            throw new IllegalStateException(e);
        }
    }

    void add(Person p) throws Exception {
        try (LDAPConnection c = admin()) {
            c.add(new com.unboundid.ldif.LDIFReader(new java.io.BufferedReader(new java.io.StringReader(ldif(p)))).readEntry());
        }
    }

    /** A password change as {@code ldappasswd} makes it (RFC 3062), hashed by slapd. */
    void changePassword(String uid, String password) throws Exception {
        try (LDAPConnection c = admin()) {
            var result = c.processExtendedOperation(new PasswordModifyExtendedRequest("uid=" + uid + "," + PEOPLE, null, password));
            if (result.getResultCode() != ResultCode.SUCCESS) {
                throw new IllegalStateException("password change refused: " + result);
            }
        }
    }

    void delete(String uid) throws Exception {
        try (LDAPConnection c = admin()) {
            c.delete("uid=" + uid + "," + PEOPLE);
        }
    }

    void replace(String uid, String attribute, String value) throws Exception {
        try (LDAPConnection c = admin()) {
            c.modify("uid=" + uid + "," + PEOPLE, new Modification(ModificationType.REPLACE, attribute, value));
        }
    }

    private static String ldif(Person p) {
        StringBuilder b = new StringBuilder();
        b.append("dn: ").append(p.dn()).append('\n');
        b.append("objectClass: inetOrgPerson\n");
        b.append("uid: ").append(p.uid()).append('\n');
        b.append(base64("cn", p.displayName()));
        b.append(base64("sn", p.displayName().substring(p.displayName().lastIndexOf(' ') + 1)));
        b.append(base64("displayName", p.displayName()));
        b.append(base64("departmentNumber", p.department()));
        b.append("mail: ").append(p.uid()).append("@campus.example\n");
        if (p.mobile() != null) {
            b.append("mobile: ").append(p.mobile()).append('\n');
        }
        if (p.telephone() != null) {
            b.append("telephoneNumber: ").append(p.telephone()).append('\n');
        }
        if (p.disabled()) {
            b.append("employeeType: disabled\n");
        }
        b.append("userPassword: ").append(ssha(p.password())).append('\n');
        return b.toString();
    }

    /** An LDIF line, Base64 (RFC 2849 {@code ::}) so that non-ASCII values travel as UTF-8. */
    private static String base64(String attribute, String value) {
        return attribute + ":: " + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + "\n";
    }

    /** {@code {SSHA}} (salted SHA-1, as slapd's {@code password-hash} default): the directory keeps no clear password. */
    static String ssha(String password) {
        try {
            byte[] salt = new byte[8];
            new SecureRandom().nextBytes(salt);
            MessageDigest sha = MessageDigest.getInstance("SHA-1");
            sha.update(password.getBytes(StandardCharsets.UTF_8));
            sha.update(salt);
            byte[] digest = sha.digest();
            byte[] all = new byte[digest.length + salt.length];
            System.arraycopy(digest, 0, all, 0, digest.length);
            System.arraycopy(salt, 0, all, digest.length, salt.length);
            return "{SSHA}" + Base64.getEncoder().encodeToString(all);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(List<String> command, Path log) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(command.get(0) + " failed: " + Files.readString(log, StandardCharsets.ISO_8859_1));
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
