package org.twofold.it;

import java.io.IOException;
import java.util.Map;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/** A real remote JMX client, logged in as one operator, as jconsole or jmxterm would be. */
final class Jmx implements AutoCloseable {
    static final String ADMINISTRATION = "org.twofold:type=Administration";
    static final String AUDIT = "org.twofold:type=Audit";
    static final String HELPDESK = "org.twofold:type=HelpDesk";

    private final JMXConnector connector;
    final MBeanServerConnection server;
    private String operatorName;

    private Jmx(JMXConnector connector) throws IOException {
        this.connector = connector;
        this.server = connector.getMBeanServerConnection();
    }

    static JMXServiceURL url() throws IOException {
        return new JMXServiceURL("service:jmx:rmi:///jndi/rmi://localhost:" + System.getProperty("it.jmx.port") + "/jmxrmi");
    }

    static Jmx login(String user, String password) throws IOException {
        Jmx jmx = new Jmx(JMXConnectorFactory.connect(url(), Map.of(JMXConnector.CREDENTIALS, new String[] {user, password})));
        jmx.operatorName = user;
        return jmx;
    }

    /** The operator this session logged in as. */
    String operatorName() {
        return operatorName;
    }

    static Jmx admin() throws IOException {
        return login(System.getProperty("it.admin.user"), System.getProperty("it.admin.password"));
    }

    Object invoke(String mbean, String operation, Object... args) throws Exception {
        String[] signature = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            signature[i] = args[i] instanceof Integer ? "int" : args[i] instanceof Long ? "long" : args[i].getClass().getName();
        }
        return server.invoke(new ObjectName(mbean), operation, args, signature);
    }

    /** Creates a user with a password and an assigned TOTP token whose seed is {@code seedBase32}. */
    void provisionUserWithTotpToken(String username, String password, String seedBase32) throws Exception {
        invoke(ADMINISTRATION, "createUser", username, "Test " + username, "Central Administration");
        invoke(ADMINISTRATION, "setUserPassword", username, password);
        String serial = "TOK-" + username;
        invoke(ADMINISTRATION, "importToken", serial, "totp", seedBase32, 6);
        invoke(ADMINISTRATION, "assignToken", username, serial);
    }

    /** Creates, as the administrator, a user with a password and a TOTP token of a random seed; returns the seed. */
    static byte[] userWithTotpToken(String username, String password) throws Exception {
        byte[] seed = new byte[20];
        new java.security.SecureRandom().nextBytes(seed);
        try (Jmx admin = admin()) {
            admin.provisionUserWithTotpToken(username, password, org.twofold.passcode.Base32.encode(seed));
        }
        return seed;
    }

    /** A new integration: {key, secret}. */
    String[] createIntegration(String name) throws Exception {
        CompositeData c = (CompositeData) invoke(ADMINISTRATION, "createIntegration", name);
        return new String[] {(String) c.get("integrationKey"), (String) c.get("secret")};
    }

    Object get(String mbean, String attribute) throws Exception {
        return server.getAttribute(new ObjectName(mbean), attribute);
    }

    void set(String mbean, String attribute, Object value) throws Exception {
        server.setAttribute(new ObjectName(mbean), new javax.management.Attribute(attribute, value));
    }

    String[] auditFor(String username) throws Exception {
        return (String[]) invoke(AUDIT, "forUser", username, 50);
    }

    String[] recentAudit() throws Exception {
        return (String[]) invoke(AUDIT, "recent", 200);
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }

    /** An operator's login to another Twofold server on this machine, on its JMX port. */
    static Jmx login(int port, String user, String password) throws IOException {
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://localhost:" + port + "/jmxrmi");
        return new Jmx(JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS, new String[] {user, password})));
    }
}
