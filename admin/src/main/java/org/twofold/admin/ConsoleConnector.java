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

    /** Starts the connector; {@code tls} null serves plain RMI. */
    static ConsoleConnector start(String host, int port, Tls tls, JMXAuthenticator authenticator,
                                  MBeanServerForwarder guard, MBeanServer mbs) throws IOException {
        InetAddress address = InetAddress.getByName(host);
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
