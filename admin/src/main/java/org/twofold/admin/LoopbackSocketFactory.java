package org.twofold.admin;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.server.RMIServerSocketFactory;
import java.util.Objects;

/**
 * Binds the JMX connector (registry and connection objects, one port) to the configured host's
 * address, so the default {@code localhost} is not reachable from other machines. Equal instances
 * let the registry and the connector share the port.
 */
final class LoopbackSocketFactory implements RMIServerSocketFactory, Serializable {
    private static final long serialVersionUID = 1L;

    private final InetAddress address;

    LoopbackSocketFactory(InetAddress address) {
        this.address = address;
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        return new ServerSocket(port, 50, address);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LoopbackSocketFactory f && Objects.equals(f.address, address);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(address);
    }
}
