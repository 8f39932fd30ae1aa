package org.twofold.admin;

import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.server.RMIServerSocketFactory;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * Server sockets for the JMX connector over TLS, bound to the configured host's address like
 * {@link LoopbackSocketFactory}, with the key and certificate of a keystore (PKCS12 or JKS). The
 * protocols are the JDK's defaults (TLS 1.2 and 1.3). Instances made from the same keystore are
 * equal, so the registry and the connector share the one port.
 */
final class TlsSocketFactory implements RMIServerSocketFactory, Serializable {
    private static final long serialVersionUID = 1L;

    private final InetAddress address;
    private final String keystore;
    private final transient SSLContext context;

    private TlsSocketFactory(InetAddress address, String keystore, SSLContext context) {
        this.address = address;
        this.keystore = keystore;
        this.context = context;
    }

    /** Reads the keystore now, so a wrong path or password stops the start-up with a clear message. */
    static TlsSocketFactory fromKeystore(InetAddress address, String keystore, char[] password) throws IOException {
        try {
            KeyStore ks = KeyStore.getInstance(new File(keystore), password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return new TlsSocketFactory(address, keystore, context);
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot use the JMX TLS keystore " + keystore + " (TWOFOLD_JMX_TLS_KEYSTORE, TWOFOLD_JMX_TLS_PASSWORD): "
                    + e.getMessage(), e);
        }
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(port, 50, address);
        socket.setNeedClientAuth(false);
        return socket;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TlsSocketFactory f && Objects.equals(f.address, address) && Objects.equals(f.keystore, keystore);
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, keystore);
    }
}
