package org.twofold.admin;

import java.io.IOException;
import java.net.InetAddress;
import java.rmi.NoSuchObjectException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIClientSocketFactory;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.util.HashMap;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.remote.JMXAuthenticator;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.MBeanServerForwarder;
import javax.management.remote.rmi.RMIConnectorServer;
import javax.rmi.ssl.SslRMIClientSocketFactory;

/**
 * The console's RMI connector: an RMI registry and the connection objects on one port, bound to
 * one address, logging operators in through an authenticator and passing every call through a
 * forwarder. With {@link Tls} the registry and the connections are served over TLS only (clients
 * use {@link SslRMIClientSocketFactory}, and for the registry the JNDI property {@code
 * com.sun.jndi.rmi.factory.socket}), as the JDK's own agent does with {@code registry.ssl}.
 * Plain Java, so it can be started and tested without a container.
 */
final class ConsoleConnector {
    /**
     * What a console may send as a parameter or attribute value (every Twofold MBean takes open
     * types: strings, numbers, booleans, and arrays of them; {@code setAttributes} sends an
     * {@code AttributeList}), besides the envelope of every remote call (the {@code
     * MarshalledObject} that carries parameters, the {@code Object[]} they come in — a plain
     * {@code Object} cannot be serialised —, the always-null delegation {@code Subject}, whose
     * contents the filter would refuse): anything else — a {@code HashMap}, a gadget chain, a query object — is
     * refused by the connector while it is read, before any MBean or {@link RoleGuard} sees it.
     * Arrays may be long: a call's parameters travel as one byte array (a PSKC file of many tokens).
     */
    static final String SERIAL_FILTER = "java.rmi.MarshalledObject;javax.security.auth.Subject;java.lang.Object;java.lang.String;java.lang.Boolean;java.lang.Character;java.lang.Byte;java.lang.Short;"
            + "java.lang.Integer;java.lang.Long;java.lang.Float;java.lang.Double;java.lang.Number;java.math.BigInteger;"
            + "java.math.BigDecimal;java.util.Date;javax.management.ObjectName;javax.management.Attribute;"
            + "javax.management.AttributeList;java.util.ArrayList;maxdepth=8;maxrefs=10000;maxarray=16777216;!*";

    /** The key and certificate to serve TLS with. */
    record Tls(String keystore, char[] password) {
    }

    private final Registry registry;
    private final JMXConnectorServer server;
    private final JMXServiceURL url;

    private ConsoleConnector(Registry registry, JMXConnectorServer server, JMXServiceURL url) {
        this.registry = registry;
        this.server = server;
        this.url = url;
    }

    /**
     * Starts the connector; {@code tls} null serves plain RMI, on a loopback address only.
     *
     * @throws IllegalStateException if {@code host} is not a loopback address and there is no TLS
     */
    static ConsoleConnector start(String host, int port, Tls tls, JMXAuthenticator authenticator,
                                  MBeanServerForwarder guard, MBeanServer mbs) throws IOException {
        InetAddress address = InetAddress.getByName(host);
        requireTlsBeyondLoopback(host, address, tls != null);
        RMIServerSocketFactory sockets = tls == null ? new LoopbackSocketFactory(address)
                : TlsSocketFactory.fromKeystore(address, tls.keystore(), tls.password());
        RMIClientSocketFactory clientSockets = tls == null ? null : new SslRMIClientSocketFactory();
        Registry registry = LocateRegistry.createRegistry(port, clientSockets, sockets);
        try {
            Map<String, Object> env = new HashMap<>();
            env.put(JMXConnectorServer.AUTHENTICATOR, authenticator);
            env.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, sockets);
            if (clientSockets != null) {
                env.put(RMIConnectorServer.RMI_CLIENT_SOCKET_FACTORY_ATTRIBUTE, clientSockets);
                // Binding the connector into the registry is a JNDI call to that TLS registry too.
                env.put("com.sun.jndi.rmi.factory.socket", clientSockets);
            }
            // Only the two strings of a login may be deserialised before authentication.
            env.put(RMIConnectorServer.CREDENTIALS_FILTER_PATTERN, "java.lang.String;!*");
            // After it, only open types (parameters, attribute values) are.
            env.put(RMIConnectorServer.SERIAL_FILTER_PATTERN, SERIAL_FILTER);
            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi://" + host + ":" + port + "/jndi/rmi://" + host + ":" + port + "/jmxrmi");
            JMXConnectorServer server = JMXConnectorServerFactory.newJMXConnectorServer(url, env, mbs);
            server.setMBeanServerForwarder(guard);
            server.start();
            return new ConsoleConnector(registry, server, url);
        } catch (IOException | RuntimeException e) {
            unexport(registry);
            throw e;
        }
    }

    /**
     * Operators' passwords and every answer would cross the network in clear: beyond the host's
     * loopback (a host name or address of the machine, or the wildcard {@code 0.0.0.0}) the
     * connector speaks TLS or does not start.
     */
    static void requireTlsBeyondLoopback(String host, InetAddress address, boolean tls) {
        if (!tls && !address.isLoopbackAddress()) {
            throw new IllegalStateException("TWOFOLD_JMX_HOST=" + host + " (" + address.getHostAddress() + ") is not a loopback address: "
                    + "the JMX console would send operators' passwords in clear. Set TWOFOLD_JMX_TLS_KEYSTORE and "
                    + "TWOFOLD_JMX_TLS_PASSWORD, or leave TWOFOLD_JMX_HOST at localhost.");
        }
    }

    JMXServiceURL url() {
        return url;
    }

    void stop() throws IOException {
        try {
            server.stop();
        } finally {
            unexport(registry);
        }
    }

    private static void unexport(Registry registry) {
        try {
            UnicastRemoteObject.unexportObject(registry, true);
        } catch (NoSuchObjectException ignored) {
            // already gone
        }
    }
}
