package org.twofold.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXPrincipal;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.rmi.ssl.SslRMIClientSocketFactory;
import javax.security.auth.Subject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.twofold.audit.AuditTrail;
import org.twofold.operator.OperatorRole;

/**
 * The console connector started over TLS as {@code TWOFOLD_JMX_TLS_KEYSTORE} starts it: a client
 * that trusts the certificate and speaks TLS to the registry too logs in and reads; a plain client
 * gets nowhere. The keystore is a self-signed test certificate for localhost.
 */
class ConsoleConnectorTest {
    /** A Twofold-like MBean taking a (long) string, as {@code importTokensPskc} does. */
    public interface Echo {
        default int length(String text) {
            return text.length();
        }
    }

    private static final char[] PASSWORD = "test-only-password".toCharArray();
    private static ConsoleConnector connector;
    private static int port;

    @BeforeAll
    static void startOverTls() throws Exception {
        Path keystore = Path.of(ConsoleConnectorTest.class.getResource("/jmx-tls-test.p12").toURI());
        trustTestCertificate(keystore);
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        MBeanServer mbs = MBeanServerFactory.newMBeanServer();
        mbs.registerMBean(ManagementFactory.getRuntimeMXBean(), new ObjectName("java.lang:type=Runtime"));
        mbs.registerMBean(ManagementFactory.getThreadMXBean(), new ObjectName("java.lang:type=Threading"));
        mbs.registerMBean(ManagementFactory.getMemoryMXBean(), new ObjectName("java.lang:type=Memory"));
        mbs.registerMBean(new javax.management.StandardMBean(new Echo() { }, Echo.class), new ObjectName("test:type=Echo"));
        connector = ConsoleConnector.start("localhost", port, new ConsoleConnector.Tls(keystore.toString(), PASSWORD),
                credentials -> {
                    String[] pair = (String[]) credentials;
                    if (!"op".equals(pair[0]) || !"right-password".equals(pair[1])) {
                        throw new SecurityException("Authentication failed");
                    }
                    return new Subject(true, Set.of(new JMXPrincipal("op"), new OperatorPrincipal("op", OperatorRole.ADMIN, null)), Set.of(), Set.of());
                },
                // JVM control on, so that the test's own MBean outside org.twofold may be invoked
                // (org.twofold's calls are audited, and this test has no database)
                RoleGuard.create(new AuditTrail(), true), mbs);
    }

    /** The client side of the test: the JVM's default TLS context trusts the test certificate. */
    private static void trustTestCertificate(Path keystore) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(keystore)) {
            ks.load(in, PASSWORD);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        SSLContext.setDefault(context);
    }

    @AfterAll
    static void stop() throws IOException {
        if (connector != null) {
            connector.stop();
        }
    }

    private static JMXConnector connect(boolean tls, String password) throws IOException {
        Map<String, Object> env = tls
                ? Map.of(JMXConnector.CREDENTIALS, new String[] {"op", password}, "com.sun.jndi.rmi.factory.socket", new SslRMIClientSocketFactory())
                : Map.of(JMXConnector.CREDENTIALS, new String[] {"op", password});
        return JMXConnectorFactory.connect(connector.url(), env);
    }

    @Test
    void aTlsClientLogsInAndReads() throws Exception {
        try (JMXConnector c = connect(true, "right-password")) {
            Object vendor = c.getMBeanServerConnection().getAttribute(new ObjectName("java.lang:type=Runtime"), "SpecVendor");
            assertEquals(ManagementFactory.getRuntimeMXBean().getSpecVendor(), vendor);
        }
    }

    @Test
    void aTlsClientWithTheWrongPasswordIsRefused() {
        assertThrows(SecurityException.class, () -> connect(true, "wrong-password"));
    }

    @Test
    void aPlainClientCannotEvenReachTheRegistry() {
        assertThrows(IOException.class, () -> connect(false, "right-password"));
    }

    @Test
    void theConnectionObjectsTooAreReachedOnlyOverTls() throws Exception {
        java.rmi.Remote server = java.rmi.registry.LocateRegistry.getRegistry("localhost", port, new SslRMIClientSocketFactory()).lookup("jmxrmi");
        String endpoint = ((java.rmi.server.RemoteObject) server).getRef().remoteToString();
        assertTrue(endpoint.contains(SslRMIClientSocketFactory.class.getName()), endpoint);
    }

    @Test
    void beyondLoopbackWithoutTlsTheConnectorDoesNotStart() throws Exception {
        for (String host : new String[] {"192.0.2.1", "0.0.0.0"}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ConsoleConnector.start(host, port + 1, null,
                    credentials -> new Subject(), RoleGuard.create(new AuditTrail(), false), MBeanServerFactory.newMBeanServer()));
            assertTrue(e.getMessage().contains("TWOFOLD_JMX_HOST=" + host) && e.getMessage().contains("TWOFOLD_JMX_TLS_KEYSTORE"), e.getMessage());
        }
        ConsoleConnector.requireTlsBeyondLoopback("localhost", java.net.InetAddress.getByName("localhost"), false);
        ConsoleConnector.requireTlsBeyondLoopback("127.0.0.1", java.net.InetAddress.getByName("127.0.0.1"), false);
        ConsoleConnector.requireTlsBeyondLoopback("::1", java.net.InetAddress.getByName("::1"), false);
        ConsoleConnector.requireTlsBeyondLoopback("192.0.2.1", java.net.InetAddress.getByName("192.0.2.1"), true);
    }

    @Test
    void openTypeParametersPassTheDeserializationFilterAndAHashMapDoesNot() throws Exception {
        try (JMXConnector c = connect(true, "right-password")) {
            var server = c.getMBeanServerConnection();
            ObjectName threading = new ObjectName("java.lang:type=Threading");
            long id = Thread.currentThread().getId();
            Object info = server.invoke(threading, "getThreadInfo", new Object[] {id}, new String[] {"long"});
            assertTrue(info != null, "a long parameter passes");
            server.invoke(threading, "getThreadInfo", new Object[] {new long[] {id}}, new String[] {"[J"});
            String fiveMegabytes = "x".repeat(5 << 20);
            assertEquals(5 << 20, server.invoke(new ObjectName("test:type=Echo"), "length", new Object[] {fiveMegabytes},
                    new String[] {"java.lang.String"}), "a large file's text passes (its call travels as one byte array)");
            javax.management.NotificationListener ignore = (n, h) -> { };
            server.addNotificationListener(new ObjectName("java.lang:type=Memory"), ignore, null, null);
            server.removeNotificationListener(new ObjectName("java.lang:type=Memory"), ignore);
            IOException refused = assertThrows(IOException.class, () -> server.invoke(threading, "getThreadInfo",
                    new Object[] {new java.util.HashMap<>(Map.of("a", "b"))}, new String[] {"long"}));
            boolean byTheFilter = false;
            for (Throwable t = refused; t != null; t = t.getCause()) {
                byTheFilter |= t instanceof java.io.InvalidClassException && String.valueOf(t.getMessage()).contains("REJECTED");
            }
            assertTrue(byTheFilter, String.valueOf(refused));
        }
    }
}
