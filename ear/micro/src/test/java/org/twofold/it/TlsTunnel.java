package org.twofold.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * HTTPS in front of the shared plain-HTTP test server, for Duo's Java client ({@code
 * com.duosecurity:duo-client}), which speaks only {@code https://host/...} on port 443 (its
 * certificate pinner refuses a host with a port). The client reaches it through its own proxy
 * setting ({@code Http.setProxy}): this is an HTTP {@code CONNECT} proxy on a free loopback port
 * that, instead of opening a tunnel onward, ends the client's TLS itself with the test certificate
 * ({@code tls/test-https.p12}, CN and SAN {@code localhost}, as HttpsIT serves) and hands the plain
 * requests to Twofold's HTTP port — a TLS-terminating proxy as the README describes one. The client
 * verifies that certificate as it would Duo's: trusted (a trust store of this certificate only,
 * {@link #trusting}) and pinned ({@link #pin}).
 */
final class TlsTunnel implements AutoCloseable {
    private final ServerSocket server;
    private final SSLContext tls;
    private final int target;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tls-tunnel");
        t.setDaemon(true);
        return t;
    });
    private final X509Certificate certificate;
    private final Path trustStore;

    /** Starts the proxy for Twofold's plain HTTP on {@code targetPort} of the loopback interface. */
    TlsTunnel(int targetPort) throws Exception {
        this.target = targetPort;
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        try (InputStream in = TlsTunnel.class.getResourceAsStream("/tls/test-https.p12")) {
            p12.load(in, HttpsIT.KEYSTORE_PASSWORD.toCharArray());
        }
        certificate = (X509Certificate) p12.getCertificate("twofold");
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(p12, HttpsIT.KEYSTORE_PASSWORD.toCharArray());
        tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("twofold", certificate);
        trustStore = Files.createTempFile("duo-java-trust", ".p12");
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            trust.store(out, HttpsIT.KEYSTORE_PASSWORD.toCharArray());
        }
        trustStore.toFile().deleteOnExit();

        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptAll);
    }

    /** The proxy's port, for {@code Http.setProxy("127.0.0.1", port)}. */
    int port() {
        return server.getLocalPort();
    }

    /** The certificate's pin as OkHttp's CertificatePinner writes it: {@code sha256/} and the Base64 SHA-256 of its public key. */
    String pin() throws Exception {
        return "sha256/" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded()));
    }

    /**
     * Makes {@code client} with the JVM's default trust store being one that trusts the test
     * certificate only, as an operator would point a Java application's {@code
     * javax.net.ssl.trustStore} at Twofold's CA (OkHttp takes the platform's trust manager when a
     * client is built; the properties are restored right after, so nothing else in this JVM trusts it).
     */
    synchronized <T> T trusting(Supplier<T> client) {
        Map<String, String> set = Map.of("javax.net.ssl.trustStore", trustStore.toString(), "javax.net.ssl.trustStoreType", "PKCS12",
                "javax.net.ssl.trustStorePassword", HttpsIT.KEYSTORE_PASSWORD);
        Map<String, String> before = new java.util.HashMap<>();
        set.keySet().forEach(k -> before.put(k, System.getProperty(k)));
        try {
            set.forEach(System::setProperty);
            return client.get();
        } finally {
            before.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.execute(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** One client connection: its CONNECT answered, its TLS ended here, its requests passed on to Twofold and the answers back. */
    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            if (!head.startsWith("CONNECT ")) {
                client.getOutputStream().write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().flush();
            try (SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(client, null, false);
                 Socket twofold = new Socket(InetAddress.getLoopbackAddress(), target)) {
                secure.startHandshake();
                threads.execute(() -> pump(twofold, secure));
                pump(secure, twofold);
            }
        } catch (IOException e) {
            // the client or the server closed the connection
        }
    }

    /** The request line and headers up to the blank line, read byte by byte (the client sends nothing more before the 200). */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            String text = head.toString(StandardCharsets.US_ASCII);
            if (text.endsWith("\r\n\r\n") || head.size() > 8192) {
                return text;
            }
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static void pump(Socket from, Socket to) {
        try {
            byte[] buffer = new byte[8192];
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // closed
        } finally {
            try {
                to.shutdownOutput();
            } catch (IOException | UnsupportedOperationException e) {
                try {
                    to.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
