package org.twofold.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Twofold started as the README's run command starts it — {@code java -jar payara-micro.jar
 * --deploy twofold.war} in its own process — for the tests that must kill, restart or multiply the
 * server, which Arquillian's managed container cannot do. Ports are picked free; the server's output
 * goes to a log file next to its data directory.
 */
final class MicroServer implements AutoCloseable {
    static final String ADMIN = "crashadmin";
    static final String ADMIN_PASSWORD = "crash-admin-" + Long.toHexString(System.nanoTime());

    final Path dataDir;
    final int httpPort;
    final int jmxPort;
    private final List<String> options;
    private final List<String> microOptions;
    private Process process;
    private int starts;
    private Path log;

    private MicroServer(Path dataDir, int httpPort, int jmxPort, List<String> options, List<String> microOptions) {
        this.dataDir = dataDir;
        this.httpPort = httpPort;
        this.jmxPort = jmxPort;
        this.options = options;
        this.microOptions = microOptions;
    }

    /** A server on a new data directory under {@code target/}, with free ports; not started yet. */
    static MicroServer fresh(String name, String... options) throws IOException {
        return fresh(name, List.of("--nocluster"), options);
    }

    /**
     * As {@link #fresh(String, String...)}, with Payara Micro options of its own instead of
     * {@code --nocluster} (e.g. {@code --clustername}, {@code --clustermode} for a node of a cluster).
     */
    static MicroServer fresh(String name, List<String> microOptions, String... options) throws IOException {
        Path dir = Path.of("target", name + "-" + Instant.now().toEpochMilli()).toAbsolutePath();
        Files.createDirectories(dir);
        return new MicroServer(dir, freePort(), freePort(), List.of(options), List.copyOf(microOptions));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts the server and returns once {@code GET /health} answers 200 (at most 5 minutes). */
    MicroServer start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Duser.timezone=UTC", "-Dcom.sun.xml.ws.monitoring.endpoint=false",
                "-Dtwofold.data.dir=" + dataDir, "-Dtwofold.http.port=" + httpPort, "-Dtwofold.jmx.port=" + jmxPort,
                "-Dtwofold.admin.user=" + ADMIN, "-Dtwofold.admin.password=" + ADMIN_PASSWORD));
        command.addAll(options);
        command.addAll(httpsJvmOptions());
        command.addAll(List.of("-jar", System.getProperty("payara.microJar")));
        command.addAll(microOptions);
        command.addAll(List.of("--port", Integer.toString(httpPort), "--contextroot", "/", "--deploy", System.getProperty("it.war")));
        command.addAll(httpsMicroOptions());
        starts++;
        log = dataDir.resolveSibling(dataDir.getFileName() + "-server-" + starts + ".log");
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitHealthy(log);
        return this;
    }

    private void awaitHealthy(Path log) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(base() + "health")).timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Twofold exited with " + process.exitValue() + " before it was ready; see " + log);
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            // a bounded poll of a condition, not a guess at how long start-up takes
            process.waitFor(250, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException("Twofold was not ready within 5 minutes; see " + log + "\n" + whyNotReady(log));
    }

    /**
     * What a start that hangs was doing, for the test report (a CI machine's log files are gone
     * once it fails): the server's main thread as {@code jcmd Thread.print} shows it, and the end
     * of its log.
     */
    private String whyNotReady(Path log) {
        StringBuilder why = new StringBuilder();
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(process.pid()), "Thread.print").redirectErrorStream(true).start();
            String dump = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor(30, TimeUnit.SECONDS);
            for (String thread : dump.split("\n\n")) {
                if (thread.startsWith("\"main\"")) {
                    why.append("main thread:\n").append(thread.lines().limit(40).collect(Collectors.joining("\n")))
                            .append('\n');
                }
            }
        } catch (IOException e) {
            why.append("no thread dump: ").append(e).append('\n');
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            why.append("end of the log:\n");
            lines.subList(Math.max(0, lines.size() - 30), lines.size())
                    .forEach(line -> why.append(line.replaceAll("\u001B\\[[0-9;]*m", "")).append('\n'));
        } catch (IOException e) {
            why.append("no log: ").append(e);
        }
        return why.toString();
    }

    /** SIGKILL: the JVM gets no chance to flush, close or shut Derby down. */
    void kill() throws InterruptedException {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor();
    }

    /** The log file of the {@code n}th start (1 for the first). */
    Path log(int n) {
        return dataDir.resolveSibling(dataDir.getFileName() + "-server-" + n + ".log");
    }

    /** The running server process's command line as the operating system shows it to every local user. */
    String commandLine() {
        return process.info().commandLine().orElseThrow(() -> new IllegalStateException("the OS shows no command line"));
    }

    /** The properties file the keystore and its password were handed over in (HTTPS only). */
    Path tlsPropertiesFile() {
        return dataDir.resolveSibling(dataDir.getFileName() + "-tls.properties");
    }

    /** The log file of the latest start. */
    Path log() {
        return log;
    }

    URL base() throws IOException {
        return URI.create("http://localhost:" + httpPort + "/").toURL();
    }

    /** A JMX session as the bootstrap administrator. */
    Admin admin() throws IOException {
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://localhost:" + jmxPort + "/jmxrmi");
        return new Admin(JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS, new String[] {ADMIN, ADMIN_PASSWORD})));
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    /** HTTPS (0: none), as the README's run command turns it on with TWOFOLD_HTTPS_PORT and TWOFOLD_TLS_*. */
    int httpsPort;
    private Path tlsKeystore;
    private String tlsPassword;

    /** A server on a new data directory that also serves HTTPS with the key under alias {@code twofold} of {@code keystore}. */
    static MicroServer freshWithHttps(String name, Path keystore, String password, String... options) throws IOException {
        MicroServer server = fresh(name, options);
        server.httpsPort = freePort();
        server.tlsKeystore = keystore.toAbsolutePath();
        server.tlsPassword = password;
        return server;
    }

    private List<String> httpsJvmOptions() {
        return httpsPort == 0 ? List.of() : List.of("-Dtwofold.https.port=" + httpsPort);
    }

    /**
     * As the run command: the keystore and its password go to Payara Micro in a properties file
     * only its owner can read ({@code --systemProperties}), never as {@code -D} arguments.
     */
    private List<String> httpsMicroOptions() throws IOException {
        if (httpsPort == 0) {
            return List.of();
        }
        Path file = tlsPropertiesFile();
        Files.deleteIfExists(file);
        Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        java.util.Properties tls = new java.util.Properties();
        tls.setProperty("javax.net.ssl.keyStore", tlsKeystore.toString());
        tls.setProperty("javax.net.ssl.keyStorePassword", tlsPassword);
        try (var out = Files.newOutputStream(file)) {
            tls.store(out, null);
        }
        return List.of("--systemProperties", file.toString(), "--sslport", Integer.toString(httpsPort), "--sslcert", "twofold");
    }

    URI httpsBase() {
        return URI.create("https://localhost:" + httpsPort + "/");
    }

    /** The administrator's JMX connection. */
    static final class Admin implements AutoCloseable {
        private final JMXConnector connector;
        private final MBeanServerConnection server;

        Admin(JMXConnector connector) throws IOException {
            this.connector = connector;
            this.server = connector.getMBeanServerConnection();
        }

        Object invoke(String mbean, String operation, Object... args) throws Exception {
            String[] signature = new String[args.length];
            for (int i = 0; i < args.length; i++) {
                signature[i] = args[i] instanceof Integer ? "int" : args[i] instanceof Long ? "long" : args[i].getClass().getName();
            }
            return server.invoke(new ObjectName(mbean), operation, args, signature);
        }

        Object get(String mbean, String attribute) throws Exception {
            return server.getAttribute(new ObjectName(mbean), attribute);
        }

        void set(String mbean, String attribute, Object value) throws Exception {
            server.setAttribute(new ObjectName(mbean), new javax.management.Attribute(attribute, value));
        }

        @Override
        public void close() throws IOException {
            connector.close();
        }
    }
}
